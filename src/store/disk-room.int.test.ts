// A nearly full disk under the embedded database: writes are refused (SQLSTATE 53100, and 507
// over HTTP with Retry-After) before PGlite is asked to write, reads go on, nothing is stored,
// and writes work again once the reserve is there. The reserve is set above what the real disk
// has free, so the disk reads as full: PGlite itself, given a full disk, never returns (see disk-room.ts).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp } from "../api/app.ts";
import { testApp } from "../../test/helpers/http.ts";
import { donorOf, event, line, NOW, OP } from "../../test/helpers/fixtures.ts";
import { freeBytes, StorageFullError } from "./disk-room.ts";
import { openPglite } from "./pglite.ts";

const TB = 1024 ** 4;
let dir: string;
let cookie: string;
const pgdata = () => join(dir, "pgdata");
/** The database in `dir`, with a reserve of `minFreeBytes`. */
const open = (minFreeBytes: number) => openPglite({ dataDir: pgdata(), minFreeBytes });
const count = async (minFree = 0, table = "events") => {
  const db = await open(minFree);
  try {
    return (await db.query<{ n: number }>(`select count(*)::int8 as n from ${table}`))[0]!.n;
  } finally {
    await db.close();
  }
};

/** Posts one new pledge as the administrator. */
const postPledge = (app: FastifyInstance) =>
  app.inject({
    method: "POST",
    url: `/api/operations/${OP}/events/batch`,
    headers: { cookie },
    payload: { events: [event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "5")] })] },
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reliefline-disk-room-"));
  const db = await openPglite({
    dataDir: pgdata(),
    loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]),
    minFreeBytes: 0,
  });
  const t = await testApp(db);
  cookie = t.admin;
  await t.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a disk with less free than the reserve", () => {
  it("refuses every kind of write with SQLSTATE 53100 before PGlite writes, and reads go on", async () => {
    const before = await count();
    const db = await open(freeBytes(dir) + TB);
    try {
      expect(await db.query("select 1 as one")).toEqual([{ one: 1 }]);
      const writes: [string, () => Promise<unknown>][] = [
        ["an insert", () => db.query("insert into events (seq) values (-1)")],
        ["a statement run as text", () => db.exec("delete from events")],
        ["a COPY", () => db.copyCsv("events", ["seq"], "-1\n")],
        ["a write in a transaction", () => db.transaction((tx) => tx.query("update events set seq = seq"))],
        ["a COPY in a transaction", () => db.transaction((tx) => tx.copyText("events", ["seq"], "-1\n"))],
      ];
      for (const [what, write] of writes) {
        const refused = await write().then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(refused, what).toBeInstanceOf(StorageFullError);
        expect((refused as StorageFullError).code, what).toBe("53100");
        expect((refused as Error).message, what).toMatch(/MB free, less than the [\d,]+ MB kept in reserve/);
      }
      // A transaction that only reads is no write.
      expect(await db.transaction((tx) => tx.query("select count(*)::int8 as n from events"))).toEqual([{ n: before }]);
    } finally {
      await db.close();
    }
    expect(await count()).toBe(before);
  });

  it("answers a write 507 with Retry-After and stores nothing, while reads answer", async () => {
    const before = await count();
    const db = await open(freeBytes(dir) + TB);
    const app = await buildApp({ db, now: () => NOW });
    try {
      const res = await postPledge(app);
      expect(res.statusCode).toBe(507);
      expect(res.headers["retry-after"]).toBe("60");
      expect(res.json()).toMatchObject({
        type: "https://reliefline.org/problems/storage-full",
        detail: expect.stringMatching(
          /^Nothing was recorded: the disk holding the database has .* send the same request again\.$/,
        ),
      });
      const stock = await app.inject({ url: `/api/operations/${OP}/stock`, headers: { cookie } });
      expect(stock.statusCode).toBe(200);
    } finally {
      await app.close();
      await db.close();
    }
    expect(await count()).toBe(before);
  });

  it("takes writes again once the disk has the reserve free", async () => {
    const before = await count();
    const db = await open(1);
    const app = await buildApp({ db, now: () => NOW });
    try {
      const res = await postPledge(app);
      expect(res.statusCode).toBe(200);
    } finally {
      await app.close();
      await db.close();
    }
    expect(await count()).toBe(before + 1);
  });
});
