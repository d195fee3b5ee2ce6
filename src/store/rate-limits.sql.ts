// Counting requests in fixed windows shared by every process (migration 016).
import type { Queryable } from "./db.ts";

export interface WindowCount {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

/** Counts one hit for `key` in its window of `windowMs`, starting a new window when the last one ended. */
export async function countHit(db: Queryable, key: string, windowMs: number): Promise<WindowCount> {
  const [row] = await db.query<{ hits: number; ttl: number }>(
    `insert into rate_limit_windows as w (key, window_start, hits) values ($1, now(), 1)
     on conflict (key) do update set
       hits = case when w.window_start <= now() - $2 * interval '1 millisecond' then 1 else w.hits + 1 end,
       window_start = case when w.window_start <= now() - $2 * interval '1 millisecond' then now() else w.window_start end
     returning hits, greatest(0, ceil(extract(epoch from (window_start + $2 * interval '1 millisecond' - now())) * 1000))::int8 as ttl`,
    [key, windowMs],
  );
  return { hits: Number(row!.hits), ttlMs: Number(row!.ttl) };
}

/** Forgets windows that ended more than `olderThanMs` ago. */
export async function forgetOldWindows(db: Queryable, olderThanMs: number): Promise<void> {
  await db.query("delete from rate_limit_windows where window_start < now() - $1 * interval '1 millisecond'", [
    olderThanMs,
  ]);
}
