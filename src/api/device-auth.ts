// The field app's bearer credential (app/devices.ts). A device acts in its one operation:
// it reaches that operation's routes and /api/auth/me, nothing else (no API tokens, no
// password change, no other operation). Each request may carry the phone's report:
//   X-Reliefline-Outbox: <events waiting in the phone's outbox>
//   X-Reliefline-Device-Time: <the phone's clock, ISO 8601>
import type { FastifyRequest } from "fastify";
import type { Db } from "../store/db.ts";
import { DEVICE_TOKEN_PREFIX, principalFromDeviceToken, type DeviceReport } from "../app/devices.ts";

export const OUTBOX_HEADER = "x-reliefline-outbox";
export const DEVICE_TIME_HEADER = "x-reliefline-device-time";

/**
 * Whether a device credential reaches a route (Fastify's path): its operation's routes and
 * /api/auth/me. Each request of one notes the phone's last contact in the database, a write.
 */
export const deviceReaches = (url: string): boolean =>
  url === "/api/auth/me" || url === "/api/operations/:op" || url.startsWith("/api/operations/:op/");

export const isDeviceToken = (token: string): boolean => token.startsWith(`${DEVICE_TOKEN_PREFIX}_`);

/** Sets request.principal for a valid device token on a route it may reach; otherwise marks the token bad with why. */
export async function resolveDevice(db: Db, request: FastifyRequest, token: string, now: Date): Promise<void> {
  const auth = await principalFromDeviceToken(db, token, reportOf(request), now);
  if (!auth.ok) {
    request.badToken = true;
    request.badTokenReason = auth.reason;
    return;
  }
  const path = request.url.split("?")[0]!;
  const scope = `/api/operations/${encodeURIComponent(auth.operationCode)}`;
  if (path === scope || path.startsWith(`${scope}/`) || path === "/api/auth/me") {
    request.principal = auth.principal;
  } else {
    request.badToken = true;
    request.badTokenReason = `a device sign-in works only for operation ${auth.operationCode}'s routes; sign in with your password for anything else`;
  }
}

function reportOf(request: FastifyRequest): DeviceReport {
  const outbox = Number(request.headers[OUTBOX_HEADER]);
  const time = Date.parse(String(request.headers[DEVICE_TIME_HEADER] ?? ""));
  return {
    ...(Number.isInteger(outbox) && outbox >= 0 && outbox < 2 ** 31 && { outboxSize: outbox }),
    ...(!Number.isNaN(time) && { deviceTime: new Date(time) }),
  };
}
