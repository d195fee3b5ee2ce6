// Signing out must end the credential on the server, not only on the phone: a phone signed out
// while offline would otherwise leave a bearer credential working for the rest of its shift
// (24 h). The credential is then kept only to revoke it: at the next connection the phone
// revokes it on the server, then forgets it.
import { call, ProblemError } from "./api.ts";
import { readMeta, updateMeta, type ToRevoke } from "../store/db.ts";

/** Revokes one credential on the server; "later" when the server could not be asked or did not answer. */
export async function revokeOnServer(c: ToRevoke): Promise<"done" | "later"> {
  try {
    await call(`/api/operations/${encodeURIComponent(c.operation)}/devices/${encodeURIComponent(c.deviceId)}/revoke`, {
      method: "POST",
      token: c.token,
    });
    return "done";
  } catch (e) {
    // 401: the credential no longer works (revoked or expired); 403/404: it is not one the server would revoke.
    if (e instanceof ProblemError && [401, 403, 404].includes(e.status)) return "done";
    return "later";
  }
}

/** Keeps a credential to revoke at the next connection. */
export async function keepToRevoke(c: ToRevoke): Promise<void> {
  await updateMeta((m) => ({
    ...m,
    toRevoke: [...(m.toRevoke ?? []).filter((x) => x.deviceId !== c.deviceId), c],
  }));
}

/** Revokes every credential kept for it, forgetting each once the server has it revoked; whether any was forgotten. */
export async function revokeKept(): Promise<boolean> {
  const kept = (await readMeta()).toRevoke ?? [];
  if (kept.length === 0 || !navigator.onLine) return false;
  const done = new Set<string>();
  for (const c of kept) if ((await revokeOnServer(c)) === "done") done.add(c.deviceId);
  if (done.size === 0) return false;
  await updateMeta((m) => {
    const left = (m.toRevoke ?? []).filter((x) => !done.has(x.deviceId));
    const { toRevoke: _gone, ...rest } = m;
    return left.length > 0 ? { ...rest, toRevoke: left } : rest;
  });
  return true;
}
