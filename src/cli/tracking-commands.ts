// CLI commands of the tracking features: progress, reconcile and manifest import.
import type { StoreOptions } from "./store.ts";
import { operationsOf, withStore } from "./ledger-commands.ts";
import { ensureAdmin } from "./admin.ts";
import { progress as progressBar } from "./progress.ts";
import { table } from "./table.ts";
import { progressReport } from "./progress-report.ts";
import { consignmentProgress } from "../app/progress.ts";
import { reconcileOperation } from "../app/reconcile.ts";
import { importManifests } from "../app/manifests.ts";
import { AppError } from "../app/errors.ts";
import { describeRowError, readManifestFile } from "../io/manifest-file.ts";
import { DEFAULT_STALE_DAYS } from "../core/reconcile/operation-rules.ts";

const say = (line: string) => console.log(line);

export async function progressCommand(
  options: StoreOptions & { operation?: string; consignment?: string },
): Promise<void> {
  await withStore(options, async (db) => {
    const admin = await ensureAdmin(db, say);
    for (const op of await operationsOf(db, options.operation)) {
      const rows = await consignmentProgress(
        db,
        admin,
        op.code,
        { ...(options.consignment && { consignment: options.consignment }) },
        new Date(),
      );
      if (rows.length === 0)
        say(`${op.code}: no consignments${options.consignment ? ` named ${options.consignment}` : ""}.`);
      for (const c of rows) say(`${progressReport(op.code, op.timeZone, c)}\n`);
    }
  });
}

export async function reconcileCommand(
  options: StoreOptions & { operation?: string; staleDays?: string; replayUnits?: boolean },
): Promise<void> {
  await withStore(options, async (db) => {
    const admin = await ensureAdmin(db, say);
    const staleDays = options.staleDays ? Number(options.staleDays) : DEFAULT_STALE_DAYS;
    for (const op of await operationsOf(db, options.operation)) {
      const result = await reconcileOperation(db, admin, op.code, new Date(), staleDays, options.replayUnits ?? false);
      say(
        `${op.code}: ${result.open.length} open discrepancies (${result.opened} newly found, ${result.superseded} superseded by later facts).`,
      );
      if (result.open.length === 0) continue;
      say(
        table(
          ["kind", "subject", "evidence", "id"],
          result.open.map((d) => [
            d.kind,
            d.subject,
            d.evidence.length === 0 ? "–" : `${d.evidence.length} event${d.evidence.length > 1 ? "s" : ""}`,
            d.id,
          ]),
        ),
      );
      say("");
      for (const d of result.open) say(`- [${d.kind}] ${d.explanation}`);
      say("");
    }
  });
}

export async function importManifestsCommand(
  file: string,
  options: StoreOptions & { operation?: string; consignment: string },
): Promise<void> {
  await withStore(options, async (db) => {
    const admin = await ensureAdmin(db, say);
    const [op] = await operationsOf(db, options.operation);
    if (!op) throw new AppError("not-found", "no operation to import into");
    const bar = progressBar(`Reading ${file}`);
    const { rows, rowNumbers } = await readManifestFile(file);
    bar.update(rows.length, rows.length);
    bar.stop();
    try {
      const result = await importManifests(db, admin, op.code, options.consignment, rows, new Date());
      say(
        `${op.code}: manifests of ${result.units} units imported from ${file} (${result.lines} lines) into consignment ${options.consignment}.`,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.errors.length === 0) throw error;
      console.error(`Nothing was imported from ${file}; fix these rows and try again:`);
      for (const e of error.errors) console.error(`  ${describeRowError(e, rowNumbers)}`);
      process.exitCode = 1;
    }
  });
}
