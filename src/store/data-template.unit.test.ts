import { describe, expect, it } from "vitest";
import { templateProblem, type TemplateRecord } from "./data-template.ts";
import { checksumOf, type Migration } from "./migrate.ts";

const files: Migration[] = [
  { version: 1, name: "ledger", sql: "create table a (x int);" },
  { version: 2, name: "tracking", sql: "create table b (x int);" },
];
const recordOf = (migrations: Migration[], pglite = "0.5.17"): TemplateRecord => ({
  pglite,
  migrations: migrations.map((m) => ({ version: m.version, name: m.name, checksum: checksumOf(m.sql) })),
  files: "0".repeat(64),
  builtAt: 0,
});

describe("whether a migrated database template may start a new data folder", () => {
  it("is used when it holds exactly today's migrations", () => {
    expect(templateProblem(recordOf(files), files, "0.5.17")).toBeNull();
  });

  it("is used when a migration was added since it was made (the migration run applies it)", () => {
    expect(templateProblem(recordOf(files.slice(0, 1)), files, "0.5.17")).toBeNull();
  });

  it("is passed over when a migration it holds was edited since", () => {
    const edited = [files[0]!, { ...files[1]!, sql: files[1]!.sql + "\n-- edited" }];
    expect(templateProblem(recordOf(files), edited, "0.5.17")).toBe("migration 2 (tracking) changed since it was made");
  });

  it("is passed over when a migration it holds was renamed or removed", () => {
    expect(templateProblem(recordOf(files), [files[0]!], "0.5.17")).toMatch(/holds migration 2 \(tracking\)/);
    const renamed = [files[0]!, { ...files[1]!, name: "tracking_v2" }];
    expect(templateProblem(recordOf(files), renamed, "0.5.17")).toMatch(/holds migration 2 \(tracking\)/);
  });

  it("is passed over when another PGlite made it, or its record is unreadable", () => {
    expect(templateProblem(recordOf(files, "0.4.0"), files, "0.5.17")).toBe(
      "it was made with PGlite 0.4.0, and 0.5.17 is installed",
    );
    expect(templateProblem(null, files, "0.5.17")).toBe("its record is missing or unreadable");
    expect(templateProblem({ pglite: "0.5.17" }, files, "0.5.17")).toBe("its record is missing or unreadable");
  });
});
