// The local lint rules on small examples: what each flags and what it lets through.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import layerImports from "./layer-imports.js";
import noImportCycles from "./no-import-cycles.js";
import noSqlOutsideStore, { looksLikeSql } from "./no-sql-outside-store.js";

const local = {
  rules: {
    "layer-imports": layerImports,
    "no-import-cycles": noImportCycles,
    "no-sql-outside-store": noSqlOutsideStore,
  },
};

function lint(code: string, filename: string, rules: Linter.RulesRecord, cwd = "/repo"): string[] {
  const linter = new Linter({ cwd });
  const config: Linter.Config[] = [
    { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { local }, rules },
  ];
  return linter.verify(code, config, { filename }).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("SQL outside src/store", () => {
  it("recognises statements in lower and upper case, not prose", () => {
    for (const sql of [
      "select 1",
      "select code, name from locations where operation_id = $1",
      "SELECT id FROM events",
      "insert into users (id) values ($1)",
      "update users set must_change_password = true where id = $1",
      "delete from sessions where user_id = $1",
      "with recent as (select 1) select * from recent",
      "create table t (x int)",
      "copy events (id) from stdin",
    ]) {
      expect(looksLikeSql(sql), sql).toBe(true);
    }
    for (const prose of [
      "Select a unit from the list",
      "Update the plan",
      "select",
      "Delete from here?",
      "create a plan",
      "an update to the users set",
    ]) {
      expect(looksLikeSql(prose), prose).toBe(false);
    }
  });

  it("flags a statement in a string or template literal", () => {
    const rules = { "local/no-sql-outside-store": "error" } as const;
    expect(lint('const q = "select email from users where is_admin";', "/repo/src/app/x.ts", rules)).toHaveLength(1);
    expect(lint("const q = `delete from sessions where user_id = ${id}`;", "/repo/src/cli/x.ts", rules)).toHaveLength(
      1,
    );
    expect(lint('const label = "Select a unit";', "/repo/src/app/x.ts", rules)).toEqual([]);
  });
});

describe("layer imports", () => {
  const rules = {
    "local/layer-imports": [
      "error",
      { layer: "src/core", allowFolders: ["src/core"], allowNode: ["crypto"], denyPackages: ["pg", "@fastify/*"] },
    ],
  } as Linter.RulesRecord;

  it("lets the core import itself, node:crypto and pure packages", () => {
    const code =
      'import { a } from "./a.ts";\nimport { b } from "../events.ts";\nimport { createHash } from "node:crypto";\nimport { Decimal } from "decimal.js";';
    expect(lint(code, "/repo/src/core/reports/x.ts", rules)).toEqual([]);
  });

  it("refuses the store, Node I/O and I/O packages in the core", () => {
    const code =
      'import { q } from "../store/db.ts";\nimport { readFileSync } from "node:fs";\nimport { spawn } from "child_process";\nimport pg from "pg";\nimport s from "@fastify/static";';
    const messages = lint(code, "/repo/src/core/x.ts", rules);
    expect(messages).toHaveLength(5);
    expect(messages[0]).toContain("src/core may not import src/store/db.ts");
  });
});

describe("import cycles", () => {
  const dir = mkdtempSync(join(tmpdir(), "reliefline-cycles-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, code: string) => {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), code);
    return code;
  };
  const rules = { "local/no-import-cycles": "error" } as const;

  it("flags a cycle through a type-only import and spells it out", () => {
    const app = write(
      "api/app.ts",
      'import { routes } from "./routes/r.ts";\nexport interface AppContext { db: string }\nexport const app = routes;',
    );
    write(
      "api/routes/r.ts",
      'import type { AppContext } from "../app.ts";\nexport const routes = (ctx: AppContext) => ctx;',
    );
    const [message] = lint(app, join(dir, "api/app.ts"), rules, dir);
    expect(message).toContain("import cycle: api/app.ts → api/routes/r.ts → api/app.ts");
  });

  it("lets a shared type in a module of its own through", () => {
    write("ok/context.ts", "export interface Ctx { db: string }");
    write("ok/routes.ts", 'import type { Ctx } from "./context.ts";\nexport const routes = (ctx: Ctx) => ctx;');
    const app = write(
      "ok/app.ts",
      'import { routes } from "./routes.ts";\nimport type { Ctx } from "./context.ts";\nexport const run = (c: Ctx) => routes(c);',
    );
    expect(lint(app, join(dir, "ok/app.ts"), rules, dir)).toEqual([]);
  });
});
