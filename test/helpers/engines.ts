// Runs a store test suite on both engines: embedded PGlite (from a migrated snapshot)
// and a real PostgreSQL server (a fresh database cloned from the migrated template).
// When no PostgreSQL binaries exist, the server half is reported as skipped, with why.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, inject } from "vitest";
import type { Db, Engine } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { openPostgres } from "../../src/store/postgres.ts";

export async function freshPglite(): Promise<Db> {
  return openPglite({ loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]) });
}

export async function freshPostgres(): Promise<Db> {
  const url = inject("postgresUrl");
  if (!url) throw new Error("no PostgreSQL server in this test run");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(url, 1);
  await admin.query(`create database ${name} template reliefline_template`);
  await admin.close();
  return openPostgres(url.replace(/\/postgres$/, `/${name}`), 5);
}

/** Declares `suite` once per engine; `db()` gives that engine's database inside the tests. */
export function describeOnEngines(title: string, suite: (db: () => Db, engine: Engine) => void): void {
  const skipped = inject("postgresSkipped");
  for (const engine of ["pglite", "postgres"] as const) {
    const skip = engine === "postgres" && skipped !== null;
    const name = skip ? `${title} [postgres: skipped — ${skipped}]` : `${title} [${engine}]`;
    describe.skipIf(skip)(name, () => {
      let current: Db | undefined;
      beforeAll(async () => {
        current = engine === "pglite" ? await freshPglite() : await freshPostgres();
      });
      afterAll(async () => current?.close());
      suite(() => {
        if (!current) throw new Error("database not ready");
        return current;
      }, engine);
    });
  }
}
