// The field app's working set (core/working-set.ts): everything when the phone has
// nothing, otherwise what changed since its cursor. Nothing changed costs two small
// indexed queries. The cursor is taken before anything is read, so a change that commits
// while this runs is sent again next time rather than missed.
import type { Db } from "../store/db.ts";
import * as store from "../store/working-set.sql.ts";
import { formatCursor, parseCursor, type Changes, type WorkingSetDelta } from "../core/working-set.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export async function workingSet(
  db: Db,
  principal: Principal,
  operationCode: string,
  since: string | undefined,
  now: Date,
): Promise<WorkingSetDelta> {
  const { operation, role } = await authorise(db, principal, operationCode, { kind: "read" });
  const from = since === undefined ? undefined : parseCursor(since);
  if (since !== undefined && !from) {
    const message = `since must be a cursor this endpoint gave (digits.digits), got ${JSON.stringify(since)}`;
    throw new AppError("bad-request", message, [{ field: "/since", message: "not a cursor" }]);
  }
  const base = await store.readCursorBase(db, operation.id);
  const head = {
    cursor: formatCursor(base),
    serverTime: now.toISOString(),
    operation: {
      code: operation.code,
      name: operation.name,
      names: operation.names,
      timeZone: operation.timeZone,
      role,
    },
  };
  if (!from || from.seq > base.seq || from.xid > base.xid) {
    // No cursor, or one from a ledger or a database this server does not have (a restored backup: its
    // transaction ids start afresh, and the horizon only ever grows within one database): start over.
    const [items, locations, teams, consignments, units, planLines] = await Promise.all([
      store.readItems(db, operation.id, null),
      store.readLocations(db, operation.id, null),
      store.readTeams(db, operation.id, null),
      store.readConsignments(db, operation.id, null),
      store.readUnits(db, operation.id, null),
      store.readApprovedPlanLines(db, operation.id),
    ]);
    const all = <T>(upsert: T[]): Changes<T> => ({ upsert, remove: [] });
    return {
      ...head,
      full: true,
      items: all(items),
      locations: all(locations),
      teams: all(teams),
      consignments: all(consignments),
      units: all(units),
      planLines,
    };
  }
  const changed = await store.changedKeys(db, operation.id, from.xid);
  const unitKeys = [
    ...new Set([
      ...(changed.get("unit") ?? []),
      ...(from.seq < base.seq ? await store.unitsInEventsAfter(db, operation.id, from.seq) : []),
    ]),
  ];
  const read = async <T>(
    keys: string[] | undefined,
    load: (keys: string[]) => Promise<T[]>,
    key: (t: T) => string,
  ): Promise<Changes<T>> => {
    if (!keys || keys.length === 0) return { upsert: [], remove: [] };
    const upsert = await load(keys);
    const found = new Set(upsert.map(key));
    return { upsert, remove: keys.filter((k) => !found.has(k)) };
  };
  const code = (t: { code: string }) => t.code;
  return {
    ...head,
    full: false,
    items: await read(changed.get("item"), (k) => store.readItems(db, operation.id, k), code),
    // A unit's own location (unit:<number>) is not a place to pick: units are listed apart.
    locations: await read(
      changed.get("location")?.filter((k) => !k.startsWith("unit:")),
      (k) => store.readLocations(db, operation.id, k),
      code,
    ),
    teams: await read(changed.get("team"), (k) => store.readTeams(db, operation.id, k), code),
    consignments: await read(changed.get("consignment"), (k) => store.readConsignments(db, operation.id, k), code),
    units: await read(
      unitKeys,
      (k) => store.readUnits(db, operation.id, k),
      (u) => u.number,
    ),
    ...(changed.has("plan") && { planLines: await store.readApprovedPlanLines(db, operation.id) }),
  };
}
