import { describe, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { checksumOf, listMigrations, migrate, MigrationChangedError, type Migration } from "./migrate.ts";

const checksums = (rows: { version: number; checksum: string | null }[]) =>
  Object.fromEntries(rows.map((r) => [Number(r.version), r.checksum]));
const expected = () => Object.fromEntries(listMigrations().map((m) => [m.version, checksumOf(m.sql)]));
const edited = (version: number, change: (m: Migration) => Migration) =>
  listMigrations().map((m) => (m.version === version ? change(m) : m));

describe("a migration's checksum", () => {
  it("is the same for the file checked out with CRLF line endings", () => {
    const sql = "create table t (x int);\n-- a comment\n";
    expect(checksumOf(sql.replace(/\n/g, "\r\n"))).toBe(checksumOf(sql));
    expect(checksumOf(sql + " ")).not.toBe(checksumOf(sql));
  });
});

describeOnEngines("checked migrations", (db) => {
  const read = async () =>
    checksums(
      await db().query<{ version: number; checksum: string | null }>(
        "select version, checksum from schema_migrations order by version",
      ),
    );

  it("records the checksum of every migration it applied", async () => {
    expect(await read()).toEqual(expected());
  });

  it("records the checksums of a database from before checksums were kept, on its first start", async () => {
    await db().exec("alter table schema_migrations drop column checksum");
    expect(await migrate(db())).toEqual([]);
    expect(await read()).toEqual(expected());
  });

  it("records a checksum still missing (a start interrupted after adding the column)", async () => {
    await db().query("update schema_migrations set checksum = null where version = 3");
    expect(await migrate(db())).toEqual([]);
    expect(await read()).toEqual(expected());
  });

  it("refuses to start when a landed migration's file changed, naming the file, and applies nothing after it", async () => {
    const changed = edited(8, (m) => ({ ...m, sql: m.sql + "\n-- edited after it landed\n" }));
    const later: Migration = { version: 998, name: "after_the_edit", sql: "create table after_the_edit (x int)" };
    const error = await migrate(db(), undefined, [...changed, later]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationChangedError);
    expect((error as Error).message).toMatch(
      /^Migration 008_tracking_legs_and_increments\.sql has changed since it was applied/,
    );
    expect((error as Error).message).toContain("new numbered migration");
    expect(await db().query("select 1 from schema_migrations where version = 998")).toEqual([]);
    expect(await read()).toEqual(expected());
  });

  it("refuses a landed migration that was renamed", async () => {
    const renamed = edited(7, (m) => ({ ...m, name: "publications_v2" }));
    await expect(migrate(db(), undefined, renamed)).rejects.toThrow(
      /Migration 7 was applied to this database as 007_publications\.sql, but the file is now 007_publications_v2\.sql/,
    );
  });

  it("applies a new migration once and records its checksum", async () => {
    const extra: Migration = { version: 999, name: "checked_extra", sql: "create table checked_extra (x int)" };
    expect(await migrate(db(), undefined, [...listMigrations(), extra])).toEqual(["checked_extra"]);
    expect(await migrate(db(), undefined, [...listMigrations(), extra])).toEqual([]);
    expect((await read())[999]).toBe(checksumOf(extra.sql));
  });
});
