// English messages of the sign-in audit page (spread into en.ts).
import type { Message } from "./message.ts";

export const enAudit = {
  "audit.menu": "Sign-in audit",
  "audit.title": "Sign-in audit",
  "audit.intro": "Sign-ins, failed sign-ins, password changes and API tokens, newest first. Staff accounts only.",
  "audit.email": "Account (email)",
  "audit.show": "Show",
  "audit.none": "Nothing recorded.",
  "audit.at": "When",
  "audit.what": "What",
  "audit.account": "Account",
  "audit.address": "Address",
  "audit.older": "Older",
  "audit.newer": "Newer",
  "audit.kind.signed-in": "Signed in",
  "audit.kind.sign-in-failed": "Sign-in failed",
  "audit.kind.sign-in-refused-locked": "Sign-in refused: locked",
  "audit.kind.signed-out": "Signed out",
  "audit.kind.password-changed": "Password changed",
  "audit.kind.password-change-failed": "Password change failed",
  "audit.kind.password-reset": "Password reset",
  "audit.kind.token-created": "API token created",
  "audit.kind.token-revoked": "API token revoked",
} satisfies Record<string, Message>;
