// @fastify/rate-limit's counters in the database, so every server process on one
// PostgreSQL (or Citus coordinator) counts a client's requests together: two servers
// behind a load balancer allow the limit once, not once each. The embedded database has
// one process, which keeps the plugin's in-memory counters.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { Db } from "../store/db.ts";
import { countHit, forgetOldWindows } from "../store/rate-limits.sql.ts";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the plugin hands a store for a route: its merged settings with `routeInfo`, the route (typed as the route itself). */
type RouteInfo = { method?: string | string[]; url?: string };
const routeOf = (options: object | undefined): RouteInfo | undefined =>
  options && "routeInfo" in options ? (options.routeInfo as RouteInfo) : (options as RouteInfo | undefined);

/** Old windows are swept now and then by whichever process counts the sweeping hit. */
const SWEEP_EVERY = 1_000;
const KEEP_MS = 24 * 60 * 60 * 1000;

/** A store class for @fastify/rate-limit's `store` option, counting in `db`. */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let counted = 0;
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly scope: string;

    constructor(options?: object) {
      const info = routeOf(options);
      this.scope = info?.url ? `${[info.method ?? ""].flat().join(",")} ${info.url}` : "global";
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, `${this.scope} ${key}`, timeWindow).then(
        ({ hits, ttlMs }) => {
          callback(null, { current: hits, ttl: ttlMs });
          if (++counted % SWEEP_EVERY === 0) void forgetOldWindows(db, KEEP_MS).catch(() => undefined);
        },
        (error: Error) => callback(error),
      );
    }

    child(options: object): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(options);
    }
  };
}
