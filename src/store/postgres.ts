import type pg from "pg";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { Db, Opening, Queryable, Row, Tx } from "./db.ts";
import { INT8_OID, NUMERIC_OID, preparedName, redactUrl } from "./db.ts";
import {
  CHANGES_CHANNEL,
  ChangeFeed,
  notifyWrites,
  trackWrites,
  trackedTransaction,
  writesOf,
  type Written,
} from "./changes.ts";
import { listenOn } from "./pg-listener.ts";

// The pg driver is loaded when a server is used, so the embedded store's start-up never pays for it.
const typesOf = (driver: typeof pg) => ({
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return (v: string) => Number(v);
    if (oid === NUMERIC_OID) return (v: string) => v;
    return driver.types.getTypeParser(oid, format);
  },
});

type CopyFrom = typeof import("pg-copy-streams").from;

const csvCopy = (table: string, columns: readonly string[]) =>
  `COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`;

async function copyInto(client: pg.PoolClient, copyFrom: CopyFrom, sql: string, data: string): Promise<void> {
  await pipeline(Readable.from([data]), client.query(copyFrom(sql)));
}

/**
 * A client checked out of the pool, watched for the death of its connection. pg reports a dead
 * socket (the server killed or restarted, a network cut) as an 'error' event on the client as well
 * as by failing its statements, and the pool listens only to idle clients: without this listener
 * a database that went away during a transaction or a COPY would crash the process. Released,
 * the client goes back to the pool, which drops it if its connection died.
 */
async function checkOut(pool: pg.Pool): Promise<{ client: pg.PoolClient; release(): void }> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => void (lost ??= error);
  client.on("error", onError);
  return {
    client,
    release() {
      client.removeListener("error", onError);
      client.release(lost);
    },
  };
}

function wrap(client: pg.Pool | pg.PoolClient, copyFrom: CopyFrom): Queryable {
  return {
    async query<R = Row>(text: string, params: readonly unknown[] = []) {
      const name = preparedName(text);
      const result = await (name
        ? client.query({ name, text, values: params as unknown[] })
        : client.query(text, params as unknown[]));
      return result.rows as R[];
    },
    async exec(text: string) {
      await client.query(text);
    },
    async copyText(table, columns, rows) {
      if (rows.length === 0) return;
      const sql = `COPY ${table} (${columns.join(", ")}) FROM STDIN`;
      if (!("release" in client)) {
        const own = await checkOut(client);
        try {
          await copyInto(own.client, copyFrom, sql, rows);
        } finally {
          own.release();
        }
      } else {
        await copyInto(client, copyFrom, sql, rows);
      }
    },
  };
}

/**
 * BEGIN, and the opening statement with it in one round trip: a simple query of two statements,
 * the parameters written in as literals quoted by the driver. Resolves to the opening's rows.
 */
async function begin(client: pg.PoolClient, opening: Opening | undefined): Promise<Row[] | undefined> {
  if (!opening) return void (await client.query("BEGIN"));
  const results = (await client.query(
    `BEGIN; ${withLiterals(client, opening.text, opening.params)}`,
  )) as unknown as pg.QueryResult[];
  return results[1]!.rows as Row[];
}

/** A statement's parameters `$n` written in as literals quoted by the driver (for the simple-query protocol). */
function withLiterals(client: pg.PoolClient, text: string, params: readonly (string | null)[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    return value === null || value === undefined ? "NULL" : client.escapeLiteral(value);
  });
}

/** Connects to a PostgreSQL server (15 or newer). */
export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const driver = ((await import("pg")) as unknown as { default: typeof pg }).default;
  const { from: copyFrom } = await import("pg-copy-streams");
  const pool = new driver.Pool({
    connectionString: url,
    max: poolSize,
    types: typesOf(driver) as pg.CustomTypesConfig,
  });
  pool.on("error", () => undefined); // idle clients dropped by the server are replaced on next use
  // Our own connections' server processes: their writes count as they commit, so their notifications are not news.
  const ours = new Set<number>();
  const pid = (client: pg.PoolClient) => (client as unknown as { processID: number | null }).processID;
  pool.on("connect", (client) => void (pid(client) !== null && ours.add(pid(client)!)));
  pool.on("remove", (client) => void ours.delete(pid(client)!));
  const [{ citus }] = (
    await pool.query<{ citus: boolean }>("select exists (select 1 from pg_extension where extname = 'citus') as citus")
  ).rows as [{ citus: boolean }];
  const changes = new ChangeFeed(false);
  const listener = changeListener(driver, url, changes, (processId) => ours.has(processId));
  return {
    engine: "postgres",
    location: redactUrl(url),
    ...trackWrites(citus ? notifyingWrites(wrap(pool, copyFrom)) : wrap(pool, copyFrom), (w) => changes.changed([w])),
    transaction: (fn, opening) =>
      trackedTransaction(
        changes,
        async (run) => {
          const { client, release } = await checkOut(pool);
          try {
            const opened = await begin(client, opening);
            // Notifications sent with the COMMIT, as one simple query: the values are written in, quoted by the driver.
            let atCommit = "";
            const tx: Tx = {
              ...wrap(client, copyFrom),
              copyCsv: (table, columns, csv) => copyInto(client, copyFrom, csvCopy(table, columns), csv),
              notifyAtCommit: (channel, payload) =>
                void (atCommit += `select pg_notify(${client.escapeLiteral(channel)}, ${client.escapeLiteral(payload)}); `),
              atCommit: (text, params) => void (atCommit += `${withLiterals(client, text, params)}; `),
            };
            // On Citus, what the transaction wrote is notified before it commits (delivered at the commit).
            const written: Written[] = [...(opening ? writesOf(opening.text) : [])];
            const result = await run(citus ? trackWrites(tx, (w) => void written.push(w)) : tx, opened);
            if (citus) await notifyWrites(tx, written);
            await client.query(`${atCommit}COMMIT`);
            return result;
          } catch (error) {
            await client.query("ROLLBACK").catch(() => undefined);
            throw error;
          } finally {
            release();
          }
        },
        fn,
        opening,
      ),
    async copyCsv(table, columns, csv) {
      const { client, release } = await checkOut(pool);
      try {
        await copyInto(client, copyFrom, csvCopy(table, columns), csv);
      } finally {
        release();
      }
      changes.changed([{ table }]);
    },
    changes,
    listenForChanges: () => listener.start(),
    listen: (channel, onMessage, onResume = () => undefined) => listenOn(driver, url, channel, onMessage, onResume),
    async close() {
      await listener.stop();
      await pool.end();
    },
  };
}

/**
 * On a Citus coordinator: `q`, notifying `reliefline_changes` of each write it makes, right
 * after it (changes.ts notifyWrites: a distributed table's change trigger fires on a worker).
 */
function notifyingWrites(q: Queryable): Queryable {
  return {
    ...q,
    async query(text, params) {
      const rows = await q.query(text, params);
      await notifyWrites(q, writesOf(text));
      return rows as never;
    },
    async exec(text) {
      await q.exec(text);
      await notifyWrites(q, ["unknown"]);
    },
    async copyText(table, columns, rows) {
      await q.copyText(table, columns, rows);
      await notifyWrites(q, [{ table }]);
    },
  };
}

/**
 * One connection that LISTENs for other processes' writes (migration 013). While it is
 * down the feed is not live (caches step aside); it reconnects, and on hearing again
 * counts everything as changed, since notifications sent meanwhile were lost. A
 * notification sent by one of `ours` (this pool's server processes) was counted at commit:
 * counting it again, a moment later, would throw away answers computed after the write.
 */
function changeListener(driver: typeof pg, url: string, changes: ChangeFeed, ours: (processId: number) => boolean) {
  let client: pg.Client | undefined;
  let stopped = false;
  let starting: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;
  const connect = async () => {
    const c = new driver.Client({ connectionString: url });
    c.on("notification", (n) => void (!ours(n.processId) && changes.changed([{ table: n.payload ?? "" }])));
    c.on("error", () => undefined);
    c.on("end", () => {
      if (client !== c) return;
      client = undefined;
      changes.setHearing(false);
      later();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    if (stopped) return void (await c.end());
    client = c;
    delay = 500;
    changes.setHearing(true);
  };
  // A failed attempt tries again later, backing off to every 30 s; the server runs meanwhile, uncached.
  const attempt = (): Promise<void> => connect().catch(() => later());
  const later = () => {
    if (stopped) return;
    retry = setTimeout(() => void attempt(), delay).unref();
    delay = Math.min(delay * 2, 30_000);
  };
  return {
    start: () => (starting ??= attempt()),
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
