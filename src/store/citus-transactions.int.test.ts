// On a Citus cluster, a write to one operation is a transaction on the operation's worker
// alone: an append (a few events, or a batch written by COPY) and a publication with the
// publish guard's reads, watched with citus.log_remote_commands, talk to no other node, and
// commit in one phase (but for COPY, which Citus always commits in two).
import { afterAll, beforeAll, expect, it } from "vitest";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { openPostgres } from "./postgres.ts";
import type { Db, Queryable, Tx } from "./db.ts";
import { describeEachEngine, freshCitusUrl } from "../../test/helpers/engines.ts";
import { workerPortOf } from "../../test/helpers/citus-cluster.ts";
import { NOW, OP, donorOf, event, line, seedOperation } from "../../test/helpers/fixtures.ts";
import { recordEvents } from "../app/record-events.ts";
import { checkPublication, publish } from "../app/publications.ts";
import type { Principal } from "../app/principal.ts";
import { findOperation } from "./catalogue.sql.ts";
import { ChangeFeed } from "./changes.ts";

describeEachEngine("one operation's writes, one worker", ["citus"], () => {
  let url: string;
  let db: Db;
  let other: Principal;

  beforeAll(async () => {
    url = await freshCitusUrl();
    db = await openPostgres(url, 5);
    other = await seedOperation(db, OP);
  });
  afterAll(async () => db?.close());

  it("appends in a transaction on the operation's worker alone: no other node, no two-phase commit", async () => {
    const operation = (await findOperation(db, OP))!;
    const pledge = event("GoodsPledged", {
      from: donorOf(),
      location: "DEPOT",
      lines: [line("FLOUR", "5", { uom: "TNE" })],
    });
    const remote = await withRemoteCommands(url, (one) => recordEvents(one, other, OP, [pledge], NOW));
    const ports = new Set(remote.map((r) => r.port));
    expect(ports, remote.map((r) => `${r.port}: ${r.command}`).join("\n")).toEqual(
      new Set([await workerPortOf(db, operation.id)]),
    );
    expect(remote.some((r) => /PREPARE TRANSACTION/i.test(r.command))).toBe(false);
    expect(remote.some((r) => /^COMMIT/i.test(r.command))).toBe(true);
  });

  it("appends a batch written by COPY in a transaction on the operation's worker alone, over one connection", async () => {
    const operation = (await findOperation(db, OP))!;
    const batch = Array.from({ length: 150 }, () =>
      event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "1")] }),
    );
    const remote = await withRemoteCommands(url, (one) => recordEvents(one, other, OP, batch, NOW));
    const listed = remote.map((r) => `${r.port}: ${r.command.slice(0, 120)}`).join("\n");
    expect(
      remote.some((r) => /^COPY /i.test(r.command)),
      "the events went by COPY",
    ).toBe(true);
    expect(new Set(remote.map((r) => r.port)), listed).toEqual(new Set([await workerPortOf(db, operation.id)]));
    expect(
      remote.filter((r) => /^BEGIN/i.test(r.command)),
      listed,
    ).toHaveLength(1);
    // Citus commits a transaction that used COPY in two phases, even on one worker (docs/scale.md).
    expect(remote.at(-1)?.command, listed).toMatch(/^COMMIT PREPARED/);
  });

  it("publishes through the guard in a transaction on the operation's worker alone: no other node, no two-phase commit", async () => {
    const operation = (await findOperation(db, OP))!;
    // Unloading from a unit never loaded opens a discrepancy in the append, at a place the snapshot counts.
    await recordEvents(
      db,
      other,
      OP,
      [event("GoodsUnloaded", { unit: "54512348", location: "HUB", lines: [line("FLOUR", "1")] })],
      NOW,
    );
    const { discrepancies } = await checkPublication(db, other, OP, { kind: "snapshot" }, NOW);
    expect(discrepancies.length).toBeGreaterThan(0);
    const acknowledge = { discrepancies: discrepancies.map((d) => d.id), note: "counted again" };
    const remote = await withRemoteCommands(url, async (one) => {
      await expect(publish(one, other, OP, { kind: "snapshot" }, NOW)).rejects.toThrow(/Nothing was published/);
      await publish(one, other, OP, { kind: "snapshot", acknowledge }, NOW);
    });
    const ports = new Set(remote.map((r) => r.port));
    expect(ports, remote.map((r) => `${r.port}: ${r.command}`).join("\n")).toEqual(
      new Set([await workerPortOf(db, operation.id)]),
    );
    expect(remote.some((r) => /PREPARE TRANSACTION/i.test(r.command))).toBe(false);
    expect(remote.some((r) => /from (public\.)?discrepancies_\d+ d\b/i.test(r.command))).toBe(true);
  });
});

interface RemoteCommand {
  port: number;
  command: string;
}

/**
 * Runs `act` on a Db of one connection that has Citus report every command it sends to
 * another node (citus.log_remote_commands), and returns those commands with their node's port.
 */
async function withRemoteCommands(url: string, act: (db: Db) => Promise<unknown>): Promise<RemoteCommand[]> {
  // Row types as the application's Db reads them (bigint as a number, numeric as text).
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === 20 ? Number : oid === 1700 ? String : pg.types.getTypeParser(oid, format),
  };
  const client = new pg.Client({ connectionString: url, types: types as pg.CustomTypesConfig });
  await client.connect();
  const remote: RemoteCommand[] = [];
  client.on("notice", (n) => {
    const port = /on server \S+@[^:]+:(\d+)/.exec(n.detail ?? "")?.[1];
    if (port && n.message?.startsWith("issuing "))
      remote.push({ port: Number(port), command: n.message.slice("issuing ".length) });
  });
  try {
    await client.query("set citus.log_remote_commands = on");
    const q: Queryable = {
      query: async (text, params = []) => (await client.query(text, params as unknown[])).rows,
      exec: async (text) => void (await client.query(text)),
      copyText: async (table, columns, rows) => {
        await pipeline(
          Readable.from([rows]),
          client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`)),
        );
      },
    };
    const one: Db = {
      engine: "postgres",
      location: "one connection",
      ...q,
      async transaction(fn) {
        await client.query("begin");
        try {
          const result = await fn({ ...q, copyCsv: () => Promise.reject(new Error("not here")) } as Tx);
          await client.query("commit");
          return result;
        } catch (error) {
          await client.query("rollback");
          throw error;
        }
      },
      copyCsv: () => Promise.reject(new Error("not here")),
      listen: () => Promise.reject(new Error("not here")),
      changes: new ChangeFeed(false),
      listenForChanges: async () => undefined,
      close: async () => undefined,
    };
    remote.length = 0;
    await act(one);
    return remote;
  } finally {
    await client.end();
  }
}
