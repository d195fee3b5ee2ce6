import { AppError } from "../app/errors.ts";
import { openStore, type OpenOptions, type StoreOptions } from "./store.ts";
import { ensureAdmin } from "./admin.ts";
import { progress } from "./progress.ts";
import { loadDemo } from "../demo/load-demo.ts";
import { rebuildOperation } from "../app/ledger.ts";
import { verifyLedger, type LedgerVerification } from "../app/verify.ts";
import { DRIFT_TABLES, describeDrift } from "../core/drift.ts";
import { findOperation, listOperations, type Operation } from "../store/catalogue.sql.ts";
import { resetPassword } from "../app/identity.ts";
import type { Db } from "../store/db.ts";
import { verifyExportCommand, type ExportCheckOptions } from "./verify-export.ts";

const say = (line: string) => console.log(line);

export async function withStore<T>(
  options: StoreOptions,
  fn: (db: Db) => Promise<T>,
  open: OpenOptions = {},
): Promise<T> {
  const store = await openStore(options, (line) => console.error(line), open);
  try {
    return await fn(store.db);
  } finally {
    await store.release();
  }
}

export async function operationsOf(db: Db, code?: string): Promise<Operation[]> {
  if (!code) return listOperations(db);
  const op = await findOperation(db, code);
  if (!op) throw new AppError("not-found", `no operation ${code}`);
  return [op];
}

export async function demoCommand(options: StoreOptions): Promise<void> {
  await withStore(options, async (db) => {
    const admin = await ensureAdmin(db, say);
    await loadDemo(db, admin, new Date(), say);
  });
}

export async function verifyCommand(
  options: StoreOptions & { operation?: string } & ExportCheckOptions,
): Promise<void> {
  if (options.export !== undefined) return verifyExportCommand(options);
  if (options.hash !== undefined || options.seq !== undefined)
    throw new AppError("bad-request", "--hash and --seq check a ledger export: give the file with --export FILE");
  const failed = await withStore(
    options,
    async (db) => {
      let bad = 0;
      for (const op of await operationsOf(db, options.operation)) {
        let bar: { phase: string; bar: ReturnType<typeof progress> } | undefined;
        const result = await verifyLedger(db, op, (phase, done, total) => {
          if (bar?.phase !== phase) {
            bar?.bar.stop();
            bar = { phase, bar: progress(`Verifying ${op.code}: ${phase}`) };
          }
          bar.bar.update(done, total);
        });
        bar?.bar.stop();
        if (!result.ok) bad += 1;
        for (const line of verificationLines(result)) say(line);
      }
      return bad;
    },
    { mustExist: true },
  );
  if (failed > 0) process.exitCode = 1;
}

/** What verify says about one operation: intact, or the broken link and each drift by table. */
export function verificationLines(result: LedgerVerification): string[] {
  const { chain, checked, head } = result;
  const lines = chain.ok
    ? [`${result.operation}: intact — ${head.seq} events, head hash ${head.hash}`]
    : [`${result.operation}: BROKEN at event ${chain.seq}: ${chain.reason}`];
  const drifted = DRIFT_TABLES.filter((t) => t !== "events" && result.driftCounts[t] > 0);
  if (drifted.length === 0) {
    lines.push(
      `  the figures served match the events: ${checked.moves} stock moves, ${checked.balances} balances, ${checked.units} unit states, ${checked.publications} publications`,
    );
    return lines;
  }
  if (chain.ok)
    lines[0] = `${result.operation}: chain intact (${head.seq} events, head hash ${head.hash}) but the figures served have DRIFTED`;
  for (const table of drifted) {
    const n = result.driftCounts[table];
    lines.push(`  DRIFT in ${table}: ${n} ${n === 1 ? "row differs" : "rows differ"} from what the events imply`);
    const shown = result.drift.filter((d) => d.table === table);
    for (const d of shown) lines.push(`    ${describeDrift(d)}`);
    if (n > shown.length) lines.push(`    … and ${n - shown.length} more`);
  }
  return lines;
}
export async function rebuildCommand(options: StoreOptions & { operation?: string }): Promise<void> {
  await withStore(
    options,
    async (db) => {
      for (const op of await operationsOf(db, options.operation)) {
        const bar = progress(`Rebuilding ${op.code}`);
        const { events } = await rebuildOperation(db, op, (done, total) => bar.update(done, total));
        bar.stop();
        say(`${op.code}: stock rebuilt from ${events} events.`);
      }
    },
    { mustExist: true },
  );
}

export async function userPasswordCommand(email: string, options: StoreOptions): Promise<void> {
  await withStore(options, async (db) => {
    const user = await resetPassword(db, email, new Date()).catch((e: unknown) => {
      throw e instanceof AppError && e.code === "not-found" ? new Error(`no user ${email}`) : e;
    });
    say(`New one-time password for ${user.email}: ${user.password}`);
    say("It signs in once: the user chooses a new password before doing anything else.");
  });
}
