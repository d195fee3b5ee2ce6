// The demo's needs, the crane's hand-over and a draft plan. Needs come from a rapid
// assessment of Stepanakert's six neighbourhoods on 15 December 2020 (illustrative
// figures); the truck-mounted crane is not allocated but handed over to the city utility
// service, which keeps it on the books in its custody; the unloaded cargo at the hub gets
// a draft plan for a first round of 12 trucks.
import { createHash } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import type { Db } from "../store/db.ts";
import type { Principal } from "../app/principal.ts";
import type { NeedInput } from "../core/needs.ts";
import { addNeeds } from "../app/needs.ts";
import { handOverEquipment } from "../app/equipment.ts";
import { createPlan } from "../app/plans.ts";
import { DEMO_OPERATION, HUB } from "./origin.ts";

/** [code, households, people, priority]: North and East took the most damage. */
const PLACES = [
  ["STP-CENTRE", 2100, 7400, 1],
  ["STP-KRKZHAN", 1300, 4600, 1],
  ["STP-NORTH", 1800, 6300, 2],
  ["STP-SOUTH", 1600, 5700, 1],
  ["STP-EAST", 1100, 3900, 2],
  ["STP-WEST", 900, 3200, 1],
] as const;

/** Requested quantity per neighbourhood, in PLACES order. */
const REQUESTS: Record<string, readonly string[]> = {
  LUMBER: ["90", "55", "80", "70", "45", "40"],
  CEMENT: ["35", "20", "30", "25", "15", "15"],
  GLASS: ["900", "500", "800", "700", "400", "350"],
  BLANKET: ["2100", "1300", "1800", "1600", "1100", "900"],
  FLOUR: ["30", "18", "26", "23", "16", "13"],
};

export function demoNeeds(): NeedInput[] {
  return Object.entries(REQUESTS).flatMap(([item, quantities]) =>
    PLACES.map(([neighbourhood, households, people, priority], k) => ({
      neighbourhood,
      item,
      quantity: quantities[k]!,
      priority,
      households,
      people,
      source: "Joint grouping rapid assessment",
      assessedOn: "2020-12-15",
    })),
  );
}

/** The first round of road transport from the hub: 12 trucks, one trip each, 20 t per trip. */
export const DEMO_TRANSPORT = { trucks: 12, tripsPerTruck: 1, capacityKg: "20000", capacityM3: "82" };

export async function loadDemoAllocation(
  db: Db,
  principal: Principal,
  now: Date,
  say: (line: string) => void,
): Promise<void> {
  const code = DEMO_OPERATION.code;
  const needs = await addNeeds(db, principal, code, demoNeeds(), now);
  const eventTime = "2020-12-19T17:00:00+04:00";
  const random = Uint8Array.from(createHash("sha256").update("crane to STP-UTIL").digest().subarray(0, 16));
  await handOverEquipment(
    db,
    principal,
    code,
    {
      id: uuidv7({ msecs: Date.parse(eventTime), random }),
      eventTime,
      from: HUB,
      organisation: "STP-UTIL",
      lines: [{ item: "CRANE", quantity: "1" }],
      note: "Handed over to the city utility service for clearing rubble",
    },
    now,
  );
  const plan = await createPlan(db, principal, code, { transport: DEMO_TRANSPORT }, now);
  say(
    `  ${needs.length} needs in ${PLACES.length} neighbourhoods; the crane is in the custody of STP-UTIL; draft plan ${plan.id} (minimum coverage ${(plan.minCoverage * 100).toFixed(1)}%).`,
  );
}
