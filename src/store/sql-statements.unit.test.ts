import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { splitStatements } from "./sql-statements.ts";
import { listMigrations } from "./migrate.ts";

describe("splitting a migration into its statements", () => {
  it("splits at semicolons and drops comments-only and blank pieces", () => {
    expect(splitStatements("create table a (x int);\n-- a note;\n\ncreate table b (y int);;\n-- the end\n")).toEqual([
      "create table a (x int)",
      "-- a note;\n\ncreate table b (y int)",
    ]);
  });

  it("keeps semicolons inside strings, quoted names, dollar-quoted bodies and comments", () => {
    const body =
      "create function f() returns trigger language plpgsql as $fn$\nbegin\n  raise exception 'no; never';\n  return null;\nend\n$fn$";
    expect(
      splitStatements(`${body};\nselect 'it''s; fine', "odd;name", E'a\\';b', $$x;y$$ /* c; /* nested; */ d; */;`),
    ).toEqual([body, `select 'it''s; fine', "odd;name", E'a\\';b', $$x;y$$ /* c; /* nested; */ d; */`]);
  });

  it("does not take a positional parameter or a name with a dollar for a dollar quote", () => {
    expect(splitStatements("select $1; select a$b$c from t; select 2")).toEqual([
      "select $1",
      "select a$b$c from t",
      "select 2",
    ]);
  });

  it("gives back statements joined with semicolons, whatever they hold", () => {
    const piece = fc.oneof(
      fc.constantFrom("select 1", "create table t (x int)", "x", " "),
      fc.string({ unit: fc.constantFrom("a", ";", "'", " ", "\n") }).map((s) => `'${s.replace(/'/g, "''")}'`),
      fc
        .string({ unit: fc.constantFrom("a", ";", "$", " ") })
        .filter((s) => !s.includes("$q$"))
        .map((s) => `$q$${s}$q$`),
      fc.string({ unit: fc.constantFrom("a", ";", '"') }).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const statement = fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => `select ${parts.join(" ")}`);
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), (statements) => {
        expect(splitStatements(statements.join(";\n"))).toEqual(statements.map((s) => s.trim()));
      }),
    );
  });

  it("finds in every migration statements that each parse alone (no piece ends inside a body)", () => {
    for (const m of listMigrations()) {
      for (const s of splitStatements(m.sql))
        expect(s, `${m.version}_${m.name}`).toMatch(
          /^(--[^\n]*\n\s*)*(create|alter|insert|update|drop|delete|comment|select|do)\b/i,
        );
    }
  });
});
