// The signed-in user's own account: changing the password ends every session (the server's rule),
// so the UI forgets the user and asks to sign in with the new password.
import { useMutation } from "@tanstack/react-query";
import { api } from "./client.ts";

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { current: string; password: string }) =>
      api<void>("/api/auth/password", { method: "POST", body }),
  });
}
