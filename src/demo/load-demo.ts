// Loads the demo operation through the same application functions the API uses.
import type { Db } from "../store/db.ts";
import type { Principal } from "../app/principal.ts";
import { addItems, addLocations, createOperation, createOrganisation } from "../app/catalogue.ts";
import { recordEvents } from "../app/record-events.ts";
import { findOperation, findOrganisation } from "../store/catalogue.sql.ts";
import { TRANSIT, unitLocation } from "../core/events.ts";
import { DEMO_CARS, DEMO_ITEMS, DEMO_LOCATIONS, DEMO_OPERATION, DEMO_ORGANISATIONS, DEMO_TRUCKS } from "./origin.ts";
import { demoEvents } from "./events.ts";
import { loadDemoAllocation } from "./allocation.ts";

export interface DemoResult {
  operation: string;
  created: boolean;
  events: number;
}

export async function loadDemo(db: Db, principal: Principal, now: Date, say: (line: string) => void = () => undefined): Promise<DemoResult> {
  const code = DEMO_OPERATION.code;
  if (await findOperation(db, code)) {
    say(`The demo operation ${code} is already loaded.`);
    return { operation: code, created: false, events: 0 };
  }
  say(`Loading the demo operation ${code}: ${DEMO_OPERATION.name}`);
  for (const org of DEMO_ORGANISATIONS) {
    if (!(await findOrganisation(db, org.code))) await createOrganisation(db, principal, org);
  }
  await createOperation(db, principal, DEMO_OPERATION);
  await addLocations(db, principal, code, DEMO_LOCATIONS);
  await addItems(db, principal, code, DEMO_ITEMS);
  const kindName = { covered: "Covered wagon", gondola: "Gondola wagon", flatcar: "Flatcar" } as const;
  await addLocations(db, principal, code, [
    ...DEMO_CARS.map((c) => ({ code: unitLocation(c.number), name: `${kindName[c.kind]} ${c.number}`, kind: "transport-unit" as const, parent: TRANSIT })),
    ...DEMO_TRUCKS.map((plate) => ({ code: unitLocation(plate), name: `Truck ${plate}`, kind: "transport-unit" as const, parent: TRANSIT })),
  ]);
  const events = demoEvents();
  await recordEvents(db, principal, code, events, now);
  say(`  ${DEMO_LOCATIONS.length + DEMO_CARS.length + DEMO_TRUCKS.length} locations, ${DEMO_ITEMS.length} items, ${events.length} events to 19 December 2020.`);
  await loadDemoAllocation(db, principal, now, say);
  return { operation: code, created: true, events: events.length };
}
