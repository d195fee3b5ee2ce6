// English messages of the account menu and the change-password screen (spread into en.ts).
import type { Message } from "./message.ts";

export const enAccount = {
  "account.menu": "Account menu",
  "account.oneTime": "You signed in with a one-time password",
  "account.changePassword": "Change password",
  "password.title": "Change password",
  "password.intro": "Changing your password signs you out everywhere, including here; then sign in with the new one.",
  "password.mustChange": "You are using a one-time password. Choose your own now.",
  "password.current": "Current password",
  "password.new": "New password",
  "password.repeat": "New password again",
  "password.hint": "At least {min} characters. A few unrelated words are easy to remember and hard to guess.",
  "password.submit": "Change password",
  "password.currentWrong": "The current password is not right.",
  "password.tooShort": "The new password needs at least {min} characters.",
  "password.mismatch": "The two new passwords are not the same.",
  "password.changed": "Your password was changed. Every session was signed out.",
  "password.signInAgain": "Sign in again with your new password to continue.",
  "password.signInButton": "Sign in again",
} satisfies Record<string, Message>;
