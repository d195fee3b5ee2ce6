// reliefline plan | coverage | import needs: thin commands over the same application
// functions as the API, acting as the store's administrator.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { Command, Option } from "commander";
import { openStore, type StoreOptions } from "./store.ts";
import { ensureAdmin } from "./admin.ts";
import { approvePlan, createPlan } from "../app/plans.ts";
import { coverage } from "../app/coverage.ts";
import { importNeeds } from "../app/needs-import.ts";
import { AppError } from "../app/errors.ts";
import type { Principal } from "../app/principal.ts";
import { listOperations } from "../store/catalogue.sql.ts";
import type { Db } from "../store/db.ts";
import { importGroup } from "./import-group.ts";

const say = (line: string) => console.log(line);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
type Options = StoreOptions & { operation?: string };

async function withAdmin<T>(
  options: Options,
  fn: (db: Db, admin: Principal, operation: string) => Promise<T>,
): Promise<T> {
  const store = await openStore(options, (line) => console.error(line));
  try {
    const admin = await ensureAdmin(store.db, say);
    let operation = options.operation;
    if (!operation) {
      const all = await listOperations(store.db);
      if (all.length !== 1)
        throw new AppError(
          "bad-request",
          `say which operation with --operation (there are ${all.length}: ${all.map((o) => o.code).join(", ")})`,
        );
      operation = all[0]!.code;
    }
    return await fn(store.db, admin, operation);
  } finally {
    await store.release();
  }
}

export async function planCommand(
  options: Options & {
    hub?: string;
    trucks?: string;
    trips?: string;
    capacityKg?: string;
    capacityM3?: string;
    approve?: boolean;
  },
): Promise<void> {
  await withAdmin(options, async (db, admin, operation) => {
    const transport = options.trucks
      ? {
          trucks: Number(options.trucks),
          tripsPerTruck: Number(options.trips ?? "1"),
          ...(options.capacityKg && { capacityKg: options.capacityKg }),
          ...(options.capacityM3 && { capacityM3: options.capacityM3 }),
        }
      : undefined;
    const plan = await createPlan(
      db,
      admin,
      operation,
      { ...(options.hub && { hub: options.hub }), ...(transport && { transport }) },
      new Date(),
    );
    say(`Plan ${plan.id} (${plan.status}) from ${plan.hub}: minimum coverage ${pct(plan.minCoverage)}`);
    say("");
    const width = Math.max(...plan.lines.map((l) => l.neighbourhood.length), 12);
    for (const l of plan.lines)
      say(
        `  ${l.neighbourhood.padEnd(width)}  ${l.item.padEnd(10)} ${l.quantity.padStart(12)} of ${l.needed.padEnd(10)} ${pct(l.coverage).padStart(6)}`,
      );
    say("");
    for (const sentence of plan.explanation) say(`  ${sentence}`);
    if (options.approve) {
      const { events } = await approvePlan(db, admin, operation, plan.id, new Date());
      say("");
      say(
        `Approved: ${events.filter((e) => e.status === "created").length} shipment events recorded from ${plan.hub} to the neighbourhoods.`,
      );
    }
  });
}

export async function coverageCommand(options: Options): Promise<void> {
  await withAdmin(options, async (db, admin, operation) => {
    const { rows, totals } = await coverage(db, admin, operation);
    const head = ["neighbourhood", "item", "needed", "allocated", "dispatched", "distributed", "gap"];
    const table = [
      ...rows.map((r) => [r.neighbourhood, r.item, r.needed, r.allocated, r.dispatched, r.distributed, r.gap]),
      ...totals.map((t) => ["TOTAL", t.item, t.needed, t.allocated, t.dispatched, t.distributed, t.gap]),
    ];
    const widths = head.map((h, k) => Math.max(h.length, ...table.map((r) => r[k]!.length)));
    for (const row of [head, ...table])
      say(row.map((c, k) => (k < 2 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join("  "));
  });
}

export async function importNeedsCommand(file: string, options: Options): Promise<void> {
  const format = extname(file).toLowerCase() === ".xlsx" ? "xlsx" : "csv";
  await withAdmin(options, async (db, admin, operation) => {
    try {
      const needs = await importNeeds(db, admin, operation, format, readFileSync(file), new Date());
      say(`Imported ${needs.length} needs into ${operation}.`);
    } catch (e) {
      if (e instanceof AppError) for (const err of e.errors) console.error(`  ${err.field}: ${err.message}`);
      throw e;
    }
  });
}

/** Adds plan, coverage and `import needs` to the program (an existing `import` command gets the subcommand). */
export function registerAllocationCommands(program: Command, storeOptions: (cmd: Command) => Command): void {
  const op = new Option("--operation <code>", "the operation (default: the only one)");
  storeOptions(
    program
      .command("plan")
      .description("Solve a fair allocation plan (HiGHS) for the hub's stock and print it with its explanation")
      .addOption(op)
      .option("--hub <code>", "warehouse the goods leave from (default: the hub)")
      .option("--trucks <n>", "trucks available")
      .option("--trips <n>", "trips per truck")
      .option("--capacity-kg <kg>", "capacity of one trip by weight")
      .option("--capacity-m3 <m3>", "capacity of one trip by volume")
      .option("--approve", "approve the plan: record the shipments to the neighbourhoods"),
  ).action(planCommand);
  storeOptions(
    program
      .command("coverage")
      .description("Needed, allocated, dispatched, distributed and gap per neighbourhood and item")
      .addOption(op),
  ).action(coverageCommand);
  const importCmd = importGroup(program);
  storeOptions(
    importCmd
      .command("needs")
      .description("Import needs from a CSV or XLSX sheet (all or nothing)")
      .argument("<file>")
      .addOption(new Option("--operation <code>", "the operation (default: the only one)")),
  ).action(importNeedsCommand);
}
