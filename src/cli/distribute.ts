// `reliefline distribute`: on a Citus coordinator, distribute the tables now and show where
// everything lives. Every start does the same distribution (the migration runner's Citus
// step, store/citus.sql.ts); this command is for moving an existing database onto a cluster
// as a step of its own, and for looking at the layout afterwards.
import type { StoreOptions } from "./store.ts";
import { withStore } from "./ledger-commands.ts";
import { AppError } from "../app/errors.ts";
import { citusRole, shardsByNode, tableLayout } from "../store/citus.sql.ts";

export async function distributeCommand(options: StoreOptions): Promise<void> {
  if (!options.databaseUrl) {
    throw new AppError(
      "bad-request",
      "distribute works on a Citus coordinator: give its address with --database-url (or DATABASE_URL). Nothing was changed.",
    );
  }
  await withStore(options, async (db) => {
    if ((await citusRole(db)) === "none") {
      throw new AppError(
        "bad-request",
        `${db.location} has no citus extension. On the coordinator and on every worker: shared_preload_libraries = 'citus' and CREATE EXTENSION citus; ` +
          "on the coordinator: SELECT citus_set_coordinator_host(…) and SELECT citus_add_node(…) for each worker; then run this again (see docs/scale.md). Nothing was changed.",
      );
    }
    const layout = await tableLayout(db);
    for (const kind of ["distributed", "reference", "coordinator"] as const) {
      const tables = layout.filter((t) => t.kind === kind);
      if (tables.length === 0) continue;
      const what = {
        distributed: "distributed by operation_id, co-located with events",
        reference: "reference tables, a copy on every node",
        coordinator: "on the coordinator only",
      }[kind];
      console.log(`${tables.length} ${what}${kind === "distributed" ? ` (${tables[0]!.shards} shards each)` : ""}:`);
      console.log(`  ${tables.map((t) => t.table).join(", ")}`);
    }
    console.log("Shards by node:");
    for (const node of await shardsByNode(db))
      console.log(`  ${node.node}: ${node.shards} shards, ${node.eventShards} of them of events`);
  });
}
