// What this process remembers between requests, and for how long: an entry holds the
// change counter it was computed under (store/changes.ts) and, when it depends on the
// clock, the moment it stops being true. It is served only while the counter has not
// moved, the moment has not come, and the counters are live (every writer is heard).
import type { ChangeCounters, Db, Queryable } from "../store/db.ts";

interface Entry<V> {
  version: number;
  validUntil: number;
  value: V;
}

export class VersionedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly max: number) {}

  /** The clock is read (`nowMs()`) only for an entry that ends at a moment. */
  get(key: string, version: number, nowMs: () => number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version === version && (entry.validUntil === Infinity || nowMs() < entry.validUntil)) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, version: number, value: V, validUntil = Infinity): void {
    this.entries.delete(key);
    // Oldest first: past the limit the least recently stored entry goes.
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { version, validUntil, value });
  }
}

const caches = new WeakMap<object, Map<string, VersionedCache<unknown>>>();

/** The counters of `db` when it is a Db whose changes are all heard; otherwise nothing may be cached. */
export function liveCounters(db: Queryable): ChangeCounters | undefined {
  const counters = (db as Partial<Db>).changes;
  return counters?.live ? counters : undefined;
}

/** The cache called `name` of this database (one per Db object, so tests and processes never share one). */
export function cacheOf<V>(db: Queryable, name: string, max = 1000): VersionedCache<V> {
  let named = caches.get(db);
  if (!named) caches.set(db, (named = new Map()));
  let cache = named.get(name);
  if (!cache) named.set(name, (cache = new VersionedCache<unknown>(max)));
  return cache as VersionedCache<V>;
}

/**
 * `compute()` unless a value for `key` computed under the current counter (and still
 * true at `now`) is remembered. The counter is read before computing, so a write that
 * lands meanwhile leaves the entry already stale. Without `now`, the clock is read only
 * if the entry found ends at a moment (reading it costs 0.2-0.4 us on this machine).
 */
export async function remembered<V>(
  db: Queryable,
  name: string,
  group: "data" | "access",
  key: string,
  now: Date | undefined,
  compute: () => Promise<{ value: V; validUntil?: Date } | undefined>,
): Promise<V | undefined> {
  const counters = liveCounters(db);
  if (!counters) return (await compute())?.value;
  const cache = cacheOf<V>(db, name);
  const version = counters.version(group);
  const hit = cache.get(key, version, now ? () => now.getTime() : Date.now);
  if (hit !== undefined) return hit;
  const computed = await compute();
  if (computed !== undefined) cache.set(key, version, computed.value, computed.validUntil?.getTime() ?? Infinity);
  return computed?.value;
}
