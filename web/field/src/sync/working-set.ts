// Refreshing the working set: everything the first time, then only what changed since the
// cursor. Each answer also measures the clock offset (core/field/clock.ts).
import { mergeWorkingSet, type WorkingSetDelta } from "../../../../src/core/working-set.ts";
import { offsetFromSample } from "../../../../src/core/field/clock.ts";
import { readHeldSet, saveWorkingSet, updateMeta, type Session } from "../store/db.ts";
import { call } from "./api.ts";

export async function refreshWorkingSet(session: Session, outbox: number): Promise<{ changed: boolean }> {
  const held = await readHeldSet();
  const since = held && held.operation.code === session.operation ? `?since=${encodeURIComponent(held.cursor)}` : "";
  const sentAt = Date.now();
  const delta = await call<WorkingSetDelta>(
    `/api/operations/${encodeURIComponent(session.operation)}/field/working-set${since}`,
    { token: session.token, outbox },
  );
  const receivedAt = Date.now();
  await updateMeta((m) => ({
    ...m,
    clockOffsetMs: offsetFromSample({ serverTime: delta.serverTime, sentAt, receivedAt }),
    lastContact: delta.serverTime,
  }));
  const full = delta.full || !since;
  const { units: _units, ...merged } = mergeWorkingSet(full ? undefined : { ...held!, units: {} }, {
    ...delta,
    full,
    units: { upsert: [], remove: [] },
  });
  await saveWorkingSet(merged, { clear: full, put: delta.units.upsert, remove: delta.units.remove });
  const changed =
    full ||
    delta.units.upsert.length + delta.units.remove.length + delta.items.upsert.length + delta.items.remove.length > 0 ||
    delta.locations.upsert.length + delta.teams.upsert.length + delta.consignments.upsert.length > 0 ||
    delta.planLines !== undefined;
  return { changed };
}
