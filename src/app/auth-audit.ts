// The audit trail of sign-ins, failed sign-ins, sign-outs, password changes and resets,
// and API tokens created and revoked. Written by identity.ts; read by system administrators.
import type { Queryable } from "../store/db.ts";
import { insertAudit, listAudit, type AuditEntry, type AuditRow } from "../store/auth-guard.sql.ts";
import type { Principal } from "./principal.ts";
import { requireSystemAdmin } from "./principal.ts";

export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  await insertAudit(db, entry);
}

export async function readAuthAudit(
  db: Queryable,
  principal: Principal,
  options: { before?: number; limit: number; email?: string },
): Promise<AuditRow[]> {
  requireSystemAdmin(principal, "read the sign-in audit trail");
  return listAudit(db, options);
}
