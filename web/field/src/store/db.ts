// The phone's durable state in IndexedDB (through idb): the session, the working set
// (units in their own store, looked up by number), and the outbox. IndexedDB survives
// reloads, closing the tab, restarting the browser and the phone.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { WorkingSet, WsUnit } from "../../../../src/core/working-set.ts";
import type { OutboxEntry } from "../../../../src/core/field/outbox.ts";
import { waitAsOf, type RetryWait } from "../../../../src/core/field/retry.ts";

export interface Session {
  token: string;
  deviceId: string;
  operation: string;
  email: string;
  role: string;
  label: string;
  expiresAt: string;
  /** Set when the server said the sign-in no longer works (revoked, expired). */
  ended?: string;
}

/** A credential the phone signed out of while offline: kept only to revoke it at the next connection. */
export interface ToRevoke {
  token: string;
  deviceId: string;
  operation: string;
}

export interface Settings {
  team?: string;
  place?: string;
}

export interface Meta {
  installationId: string;
  session?: Session;
  settings?: Settings;
  /** Server time minus phone time at the last contact, and when that was. */
  clockOffsetMs?: number;
  lastContact?: string;
  nextN?: number;
  /** Whether the browser agreed to keep this origin's storage under storage pressure (navigator.storage.persist). */
  storageKept?: boolean;
  /** After the server said "not now": no automatic sync before `until` (the phone's clock), kept across reloads. */
  retry?: RetryWait;
  /** Credentials signed out of offline, still working on the server until revoked (revoke.ts). */
  toRevoke?: ToRevoke[];
}

/** The working set without its units (they live in their own store). */
export type HeldSet = Omit<WorkingSet, "units">;

interface FieldDb extends DBSchema {
  meta: { key: string; value: unknown };
  units: { key: string; value: WsUnit };
  outbox: { key: string; value: OutboxEntry; indexes: { n: number } };
}

/**
 * Every write waits until the browser has it on the phone's storage, not only handed to the
 * system: an event recorded at the railhead must outlive a battery that dies a second later
 * (Chromium's default durability for IndexedDB is "relaxed", which does not wait for that).
 */
const STRICT = { durability: "strict" } as const;

let opened: Promise<IDBPDatabase<FieldDb>> | undefined;

export function db(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>("reliefline-field", 1, {
    upgrade(database) {
      database.createObjectStore("meta");
      database.createObjectStore("units", { keyPath: "number" });
      database.createObjectStore("outbox", { keyPath: "id" }).createIndex("n", "n");
    },
  });
  return opened;
}

export async function readMeta(): Promise<Meta> {
  const d = await db();
  const meta = (await d.get("meta", "meta")) as Meta | undefined;
  if (meta) return meta;
  const fresh: Meta = { installationId: crypto.randomUUID() };
  const tx = d.transaction("meta", "readwrite", STRICT);
  await tx.store.put(fresh, "meta");
  await tx.done;
  return fresh;
}

export async function updateMeta(change: (m: Meta) => Meta): Promise<Meta> {
  const d = await db();
  const tx = d.transaction("meta", "readwrite", STRICT);
  const current = ((await tx.store.get("meta")) as Meta | undefined) ?? { installationId: crypto.randomUUID() };
  const next = change(current);
  await tx.store.put(next, "meta");
  await tx.done;
  return next;
}

export const readHeldSet = async (): Promise<HeldSet | undefined> =>
  (await (await db()).get("meta", "workingSet")) as HeldSet | undefined;

export async function findUnit(number: string): Promise<WsUnit | undefined> {
  return (await db()).get("units", number);
}

export async function listUnits(): Promise<WsUnit[]> {
  return (await db()).getAll("units");
}

/** Stores a merged working set and its units' changes in one transaction. */
export async function saveWorkingSet(
  held: HeldSet,
  units: { clear: boolean; put: WsUnit[]; remove: string[] },
): Promise<void> {
  const d = await db();
  const tx = d.transaction(["meta", "units"], "readwrite", STRICT);
  const store = tx.objectStore("units");
  if (units.clear) await store.clear();
  for (const number of units.remove) await store.delete(number);
  for (const unit of units.put) await store.put(unit);
  await tx.objectStore("meta").put(held, "workingSet");
  await tx.done;
}

export async function clearWorkingSet(): Promise<void> {
  const d = await db();
  const tx = d.transaction(["meta", "units"], "readwrite", STRICT);
  await tx.objectStore("units").clear();
  await tx.objectStore("meta").delete("workingSet");
  await tx.done;
}

export async function outboxEntries(): Promise<OutboxEntry[]> {
  return (await db()).getAllFromIndex("outbox", "n");
}

/** Writes entries (new or moved to another state) in one transaction. */
export async function putEntries(entries: readonly OutboxEntry[]): Promise<void> {
  const d = await db();
  const tx = d.transaction("outbox", "readwrite", STRICT);
  for (const e of entries) await tx.store.put(e);
  await tx.done;
}

/** The wait after "not now" as the phone's clock reads `now` (core/field/retry.ts), stored again if that changed it. */
export async function readRetryWait(now: number): Promise<RetryWait | undefined> {
  const stored = (await readMeta()).retry;
  const wait = waitAsOf(stored, now);
  if (wait !== stored) await storeRetryWait(wait);
  return wait;
}

/** Keeps the wait after "not now", or drops it (undefined) once an answer was no "not now". */
export async function storeRetryWait(wait: RetryWait | undefined): Promise<void> {
  if (!wait && !(await readMeta()).retry) return;
  await updateMeta(({ retry: _retry, ...m }) => (wait ? { ...m, retry: wait } : m));
}

/** The next recording order number (kept in meta, so it never repeats). */
export async function takeNumbers(count: number): Promise<number> {
  let first = 0;
  await updateMeta((m) => {
    first = m.nextN ?? 1;
    return { ...m, nextN: first + count };
  });
  return first;
}

/**
 * Asks the browser to keep the outbox and working set even when the phone runs short of
 * space (otherwise "best effort" storage may be evicted). Browsers decide by their own
 * rules (an installed app, site engagement); the answer is kept to be shown in Settings.
 */
export async function askToKeepStorage(): Promise<boolean> {
  const storage = typeof navigator === "undefined" ? undefined : navigator.storage;
  if (!storage?.persist) return false;
  const kept = (await storage.persisted?.().catch(() => false)) || (await storage.persist().catch(() => false));
  await updateMeta((m) => (m.storageKept === kept ? m : { ...m, storageKept: kept }));
  return kept;
}
