// On a Citus cluster the migrations of later releases run on tables already distributed:
// a new operation-scoped table is distributed and co-located on the same start (a new shared
// one becomes a reference table, though Citus had made either a local table of its own on
// the coordinator for its foreign key to a reference table), a column
// added to a distributed or a reference table reaches every shard, a trigger function
// replaced on the coordinator is the one the workers' shards run, and a new trigger on a
// distributed table fires on the worker holding the row.
import { randomBytes } from "node:crypto";
import { afterAll, expect, inject, it } from "vitest";
import { describeEachEngine, describeOnEngines } from "../../test/helpers/engines.ts";
import { sql } from "../../test/helpers/citus-cluster.ts";
import { DEMO, seedDemo } from "../../test/helpers/demo.ts";
import { NOW, OP, donorOf, event, line, seedOperation } from "../../test/helpers/fixtures.ts";
import { recordEvents } from "../app/record-events.ts";
import { verifyLedger } from "../app/verify.ts";
import { findOperation } from "./catalogue.sql.ts";
import { citusRole, tableLayout } from "./citus.sql.ts";
import { listMigrations, migrate, type Migration } from "./migrate.ts";
import { openPostgres } from "./postgres.ts";

const LATER: Migration = {
  version: 990,
  name: "a_later_release",
  sql: `
    create table field_notes (
      operation_id uuid not null references operations (id),
      id uuid not null,
      note text not null,
      primary key (operation_id, id)
    );
    create table later_shared (
      id uuid primary key,
      user_id uuid not null references users (id)
    );
    alter table events add column later_column text;
    alter table organisations add column later_column text;
    create or replace function publications_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'replaced by a later release';
    end
    $$;
    create function count_field_note() returns trigger language plpgsql as $$
    begin
      new.note := new.note || ' (counted)';
      return new;
    end
    $$;
    create trigger field_notes_counted before insert on field_notes for each row execute function count_field_note();
  `,
};

describeOnEngines(
  "a migration landing after the tables were distributed",
  (db) => {
    it("distributes its new table, reaches every shard with its columns and runs its triggers on the workers", async () => {
      const admin = await seedOperation(db());
      await recordEvents(
        db(),
        admin,
        OP,
        [event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "1")] })],
        NOW,
      );
      expect(await migrate(db(), undefined, [...listMigrations(), LATER])).toEqual(["a_later_release"]);

      const layout = await tableLayout(db());
      expect(layout.find((t) => t.table === "field_notes")).toMatchObject({ kind: "distributed" });
      expect(layout.find((t) => t.table === "later_shared")).toMatchObject({ kind: "reference" });
      const [colocated] = await db().query<{ same: boolean }>(
        `select (select colocationid from pg_dist_partition where logicalrelid = 'field_notes'::regclass)
            = (select colocationid from pg_dist_partition where logicalrelid = 'events'::regclass) as same`,
      );
      expect(colocated?.same).toBe(true);

      const { id } = (await findOperation(db(), OP))!;
      expect(await db().query("select later_column from events where operation_id = $1", [id])).toEqual([
        { later_column: null },
      ]);
      await db().query("update organisations set later_column = 'x'");
      // The replaced function is the one the publications trigger on the worker runs.
      await expect(db().query("update publications set title = title where operation_id = $1", [id])).resolves.toEqual(
        [],
      );
      await db().query(
        "insert into publications (operation_id, id, kind, title, language, content, ledger_seq, ledger_hash, published_at, published_by) values ($1, gen_random_uuid(), 'snapshot', 't', 'en', '{}', 1, repeat('0', 64), now(), $2)",
        [id, admin.userId],
      );
      await expect(
        db().query("update publications set title = 'changed' where operation_id = $1", [id]),
      ).rejects.toThrow(/replaced by a later release/);
      // A new row trigger on a distributed table fires where the row is written.
      await db().query("insert into field_notes (operation_id, id, note) values ($1, gen_random_uuid(), 'seen')", [id]);
      expect(await db().query("select note from field_notes where operation_id = $1", [id])).toEqual([
        { note: "seen (counted)" },
      ]);
    });
  },
  ["citus"],
);

// docs/scale.md, "Moving a single server onto a cluster": a database that grew on one
// PostgreSQL (here made on the coordinator before it had Citus; a pg_dump restored there is
// the same) gets the extension and its workers, and the next start distributes it (the
// tables' triggers stay off while their rows are copied into the shards, on again after).
describeEachEngine("a single server's database moved onto a cluster", ["citus"], () => {
  const name = `single_${randomBytes(4).toString("hex")}`;
  /** Each node's server URL (coordinator first), and the same for the database moved. */
  const nodes = () => inject("citusNodes")!;
  const on = (server: string) => server.replace(/\/postgres$/, `/${name}`);
  afterAll(async () => {
    for (const server of nodes() ?? [])
      await sql(server, `drop database if exists ${name} with (force)`).catch(() => undefined);
  });

  it("is distributed by the next start: every row on its operation's worker, every ledger verified", async () => {
    const [coordinator, ...workers] = nodes() as [string, ...string[]];
    await sql(coordinator, `create database ${name}`);
    let db = await openPostgres(on(coordinator), 3);
    try {
      // Grown on one server: no Citus yet.
      expect(await citusRole(db)).toBe("none");
      await migrate(db);
      await seedDemo(db);
      const admin = await seedOperation(db);
      await recordEvents(
        db,
        admin,
        OP,
        [event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "3")] })],
        NOW,
      );
    } finally {
      await db.close();
    }
    // The cluster: Citus on the coordinator (the database keeps its rows) and on every worker.
    for (const worker of workers)
      await sql(worker, `create database ${name}`).then(() => sql(on(worker), "create extension citus"));
    const address = (server: string) => new URL(server);
    await sql(on(coordinator), [
      "create extension citus",
      `select citus_set_coordinator_host('${address(coordinator).hostname}', ${address(coordinator).port})`,
      ...workers.map((w) => `select citus_add_node('${address(w).hostname}', ${address(w).port})`),
    ]);
    db = await openPostgres(on(coordinator), 3);
    try {
      expect(await citusRole(db)).toBe("coordinator");
      await migrate(db); // what `reliefline start` (or `reliefline distribute`) runs
      const layout = await tableLayout(db);
      expect(layout.filter((t) => t.kind === "distributed").map((t) => t.table)).toEqual(
        expect.arrayContaining(["events", "ledger_heads", "stock_moves"]),
      );
      expect(layout.filter((t) => t.kind === "reference").map((t) => t.table)).toEqual(
        expect.arrayContaining(["operations", "users"]),
      );
      for (const code of [DEMO, OP]) {
        const verified = await verifyLedger(db, (await findOperation(db, code))!);
        expect(verified.drift, code).toEqual([]);
        expect(verified.ok, code).toBe(true);
      }
      // The rows live in the shards; the coordinator's table keeps no copy of them.
      const [shell] = await db.query<{ bytes: number }>("select pg_relation_size('events')::int8 as bytes");
      expect(Number(shell!.bytes)).toBe(0);
      const [onWorkers] = await db.query<{ n: number }>("select count(*)::int8 as n from events");
      expect(Number(onWorkers!.n)).toBeGreaterThan(100);
      // The tables' triggers, off while the rows moved, are on again in the shards: a new item is noted for the phones.
      const { id } = (await findOperation(db, OP))!;
      await db.query(
        "insert into items (operation_id, code, name, uom, kind) values ($1, 'TENT', 'Tents', 'H87', 'goods')",
        [id],
      );
      expect(
        await db.query("select kind, key from working_set_changes where operation_id = $1 and key = 'TENT'", [id]),
      ).toEqual([{ kind: "item", key: "TENT" }]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
