// Migration 021 makes codes unique ignoring case. A ledger that already holds codes differing
// only in case must not be bricked: the upgrade stops with a message naming each pair, changes
// nothing (the previous release still runs on it), and goes through once they are renamed.
import { expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { seedOperation, OP } from "../../test/helpers/fixtures.ts";
import { listMigrations, migrate } from "./migrate.ts";

const INDEXES = [
  "operations_code_ignoring_case",
  "organisations_code_ignoring_case",
  "locations_code_ignoring_case",
  "items_code_ignoring_case",
  "teams_code_ignoring_case",
  "consignments_code_ignoring_case",
];

describeOnEngines("codes unique ignoring case (migration 021)", (db) => {
  const indexes = async () =>
    (
      await db().query<{ name: string }>(
        "select indexname as name from pg_indexes where indexname = any($1::text[]) order by indexname",
        [INDEXES],
      )
    ).map((r) => r.name);

  it("stops an upgrade of a ledger holding case-only twins, naming them, and changes nothing", async () => {
    await seedOperation(db());
    // The ledger as the previous release left it: without 021, with twins it let in.
    for (const index of INDEXES) await db().exec(`drop index ${index}`);
    await db().query("delete from schema_migrations where version = 21");
    await db().query(
      "insert into teams (operation_id, code, name) select operation_id, 'team-a', 'Twin' from teams where code = 'TEAM-A'",
    );
    await db().query(
      "insert into items (operation_id, code, name, uom, kind) select operation_id, 'Flour', 'Twin', uom, kind from items where code = 'FLOUR'",
    );

    const error = await migrate(db()).catch((e: unknown) => e);
    expect(String(error)).toContain("codes that differ only in case");
    expect(String(error)).toContain(`items FLOUR and Flour in operation ${OP}`);
    expect(String(error)).toContain(`teams TEAM-A and team-a in operation ${OP}`);
    expect(await indexes()).toEqual([]);
    expect(await db().query("select version from schema_migrations where version = 21")).toEqual([]);

    // Renamed, the upgrade goes through and the rule holds.
    await db().query("update teams set code = 'TEAM-A2' where code = 'team-a'");
    await db().query("update items set code = 'FLOUR-2' where code = 'Flour'");
    expect(await migrate(db())).toEqual(["codes_unique_ignoring_case"]);
    expect(await indexes()).toEqual([...INDEXES].sort());
    expect(listMigrations().at(-1)!.version).toBe(21);
  });
});
