// Loads the demo operation through the same application functions the API uses.
import type { Db } from "../store/db.ts";
import type { Principal } from "../app/principal.ts";
import { addItems, addLocations, createOperation, createOrganisation } from "../app/catalogue.ts";
import { recordEvents } from "../app/record-events.ts";
import { findOperation, findOperationWithHead, findOrganisation } from "../store/catalogue.sql.ts";
import { listPlans } from "../app/plans.ts";
import { DEMO_CARS, DEMO_ITEMS, DEMO_LOCATIONS, DEMO_OPERATION, DEMO_ORGANISATIONS, DEMO_TRUCKS } from "./origin.ts";
import { demoEvents } from "./events.ts";
import { addTeam } from "../app/teams.ts";
import { createConsignment } from "../app/consignments.ts";
import { registerUnits } from "../app/units.ts";
import { importManifests } from "../app/manifests.ts";
import { recordClaim } from "../app/reconcile.ts";
import { DEMO_CLAIM, DEMO_CONSIGNMENT, DEMO_MANIFEST_ROWS, DEMO_ROAD_LEG, DEMO_TEAMS, DEMO_UNITS } from "./tracking.ts";
import { linkLegUnits } from "../app/leg-units.ts";
import { loadDemoAllocation } from "./allocation.ts";
import { ensureCustody } from "../app/equipment.ts";
import { authorise } from "../app/principal.ts";

export interface DemoResult {
  operation: string;
  created: boolean;
  events: number;
}

export async function loadDemo(
  db: Db,
  principal: Principal,
  now: Date,
  say: (line: string) => void = () => undefined,
): Promise<DemoResult> {
  const code = DEMO_OPERATION.code;
  if (await findOperation(db, code)) {
    say((await unfinishedDemo(db, principal)) ?? `The demo operation ${code} is already loaded.`);
    return { operation: code, created: false, events: 0 };
  }
  say(`Loading the demo operation ${code}: ${DEMO_OPERATION.name}`);
  for (const org of DEMO_ORGANISATIONS) {
    if (!(await findOrganisation(db, org.code))) await createOrganisation(db, principal, org);
  }
  await createOperation(db, principal, DEMO_OPERATION);
  await addDemoCatalogue(db, principal, code, now);
  const events = demoEvents();
  await recordEvents(db, principal, code, events, now);
  await recordClaim(db, principal, code, DEMO_CLAIM, now);
  say(
    `  ${DEMO_LOCATIONS.length + DEMO_CARS.length + DEMO_TRUCKS.length} locations, ${DEMO_ITEMS.length} items, ${events.length} events to 19 December 2020.`,
  );
  await loadDemoAllocation(db, principal, now, say);
  return { operation: code, created: true, events: events.length };
}

/**
 * Why the demo operation in this store is not whole, or null when it is (or is absent). Loading it
 * takes many transactions; a start killed part-way leaves the operation with some of them, and the
 * next start, which loads the demo only into a store with no operation, would otherwise serve a
 * half-loaded demo without a word. Its last steps are the events, then a draft allocation plan.
 */
export async function unfinishedDemo(db: Db, principal: Principal): Promise<string | null> {
  const operation = await findOperationWithHead(db, DEMO_OPERATION.code);
  if (!operation) return null;
  const expected = demoEvents().length;
  const complete = operation.lastSeq >= expected && (await listPlans(db, principal, DEMO_OPERATION.code)).length > 0;
  if (complete) return null;
  return (
    `The demo operation ${DEMO_OPERATION.code} was only partly loaded (${operation.lastSeq} of its ${expected} events` +
    `${operation.lastSeq >= expected ? ", no allocation plan" : ""}): an earlier first start was stopped while loading it. ` +
    "Stop the server, delete this data folder and start again for the whole demo."
  );
}

/** The demo's locations, transport units and items, added to an existing operation (also used to import the demo's EPCIS export elsewhere). */
export async function addDemoCatalogue(db: Db, principal: Principal, code: string, now: Date): Promise<void> {
  await addLocations(db, principal, code, DEMO_LOCATIONS);
  await addItems(db, principal, code, DEMO_ITEMS);
  for (const team of DEMO_TEAMS) await addTeam(db, principal, code, team);
  await createConsignment(db, principal, code, DEMO_CONSIGNMENT);
  await registerUnits(db, principal, code, DEMO_UNITS, now);
  await importManifests(db, principal, code, DEMO_CONSIGNMENT.code, DEMO_MANIFEST_ROWS, now);
  // The trucks carry the cars' cargo on from the railhead: they travel the road leg.
  await linkLegUnits(db, principal, code, DEMO_CONSIGNMENT.code, DEMO_ROAD_LEG, DEMO_TRUCKS);
  // The city utility service takes custody of the crane (see ./allocation.ts).
  const { operation } = await authorise(db, principal, code, { kind: "manage-catalogue" });
  await ensureCustody(db, operation.id, "STP-UTIL");
}
