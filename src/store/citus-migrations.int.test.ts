// On a Citus cluster the migrations of later releases run on tables already distributed:
// a new operation-scoped table is distributed and co-located on the same start (a new shared
// one becomes a reference table, though Citus had made either a local table of its own on
// the coordinator for its foreign key to a reference table), a column
// added to a distributed or a reference table reaches every shard, a trigger function
// replaced on the coordinator is the one the workers' shards run, and a new trigger on a
// distributed table fires on the worker holding the row.
import { expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { NOW, OP, donorOf, event, line, seedOperation } from "../../test/helpers/fixtures.ts";
import { recordEvents } from "../app/record-events.ts";
import { findOperation } from "./catalogue.sql.ts";
import { tableLayout } from "./citus.sql.ts";
import { listMigrations, migrate, type Migration } from "./migrate.ts";

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

describeOnEngines("a migration landing after the tables were distributed", (db) => {
  it("distributes its new table, reaches every shard with its columns and runs its triggers on the workers", async () => {
    const admin = await seedOperation(db());
    await recordEvents(db(), admin, OP, [event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "1")] })], NOW);
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
    expect(await db().query("select later_column from events where operation_id = $1", [id])).toEqual([{ later_column: null }]);
    await db().query("update organisations set later_column = 'x'");
    // The replaced function is the one the publications trigger on the worker runs.
    await expect(db().query("update publications set title = title where operation_id = $1", [id])).resolves.toEqual([]);
    await db().query("insert into publications (operation_id, id, kind, title, language, content, ledger_seq, ledger_hash, published_at, published_by) values ($1, gen_random_uuid(), 'snapshot', 't', 'en', '{}', 1, repeat('0', 64), now(), $2)", [id, admin.userId]);
    await expect(db().query("update publications set title = 'changed' where operation_id = $1", [id])).rejects.toThrow(/replaced by a later release/);
    // A new row trigger on a distributed table fires where the row is written.
    await db().query("insert into field_notes (operation_id, id, note) values ($1, gen_random_uuid(), 'seen')", [id]);
    expect(await db().query("select note from field_notes where operation_id = $1", [id])).toEqual([{ note: "seen (counted)" }]);
  });
}, ["citus"]);
