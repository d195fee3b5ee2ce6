// The sign-in audit trail (system administrators): newest first, a page at a time.
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";

export interface AuditEntry {
  id: number;
  at: string;
  kind: string;
  userId: string | null;
  email: string | null;
  address: string | null;
  detail: string;
}

export const AUDIT_PAGE = 100;

export function useSignInAudit(email: string, before: number | undefined) {
  return useQuery({
    queryKey: keys.signInAudit(email, before),
    queryFn: () => {
      const query = new URLSearchParams({ limit: String(AUDIT_PAGE) });
      if (email) query.set("email", email);
      if (before !== undefined) query.set("before", String(before));
      return api<AuditEntry[]>(`/api/audit/sign-ins?${query}`);
    },
  });
}
