// The demo operation STP-RAIL-2020 in a test database, loaded through the application
// functions like `reliefline demo`, and an empty operation with the same catalogue.
import type { Db } from "../../src/store/db.ts";
import type { Principal } from "../../src/app/principal.ts";
import { createUser } from "../../src/app/identity.ts";
import { createOperation } from "../../src/app/catalogue.ts";
import { addDemoCatalogue, loadDemo } from "../../src/demo/load-demo.ts";
import { DEMO_ITEMS, DEMO_LOCATIONS, DEMO_OPERATION, DEMO_ORGANISATIONS } from "../../src/demo/origin.ts";
import { DEMO_CONSIGNMENT, DEMO_TEAMS } from "../../src/demo/tracking.ts";
import { KNOWN_UOM_CODES } from "../../src/core/uom.ts";
import { NOW } from "./fixtures.ts";
import { checkPublication, publish, type StaffPublication } from "../../src/app/publications.ts";
import type { PublishRequest } from "../../src/app/publication-types.ts";

export const DEMO = DEMO_OPERATION.code;
export const DEMO_ADMIN_PASSWORD = "demo admin password";

export async function seedDemo(db: Db, email = "demo-admin@example.org"): Promise<Principal> {
  const { user } = await createUser(db, "system", {
    email,
    name: "Demo admin",
    isAdmin: true,
    password: DEMO_ADMIN_PASSWORD,
  });
  const admin: Principal = { userId: user.id, email: user.email, isAdmin: true };
  await loadDemo(db, admin, NOW);
  return admin;
}

/** A new operation with the demo's catalogue and no events. */
export async function emptyDemoCopy(db: Db, admin: Principal, code: string): Promise<void> {
  await createOperation(db, admin, { code, name: `Copy of ${DEMO}`, timeZone: DEMO_OPERATION.timeZone });
  await addDemoCatalogue(db, admin, code, NOW);
}

/**
 * Publishes as a press officer who read the guard's list: every open discrepancy touching
 * the publication's figures is acknowledged with the note (the publish guard refuses otherwise).
 */
export async function publishAcknowledging(
  db: Db,
  principal: Principal,
  operation: string,
  request: PublishRequest,
  now: Date,
  note = "Figures as the ledger has them; the open discrepancies are being checked.",
): Promise<StaffPublication> {
  const { discrepancies } = await checkPublication(db, principal, operation, request, now);
  return publish(
    db,
    principal,
    operation,
    { ...request, acknowledge: { discrepancies: discrepancies.map((d) => d.id), note } },
    now,
  );
}

/** The English working names of the demo's catalogue: a Russian text or page must show none of them. */
export const DEMO_WORKING_NAMES = [
  DEMO_OPERATION.name,
  DEMO_CONSIGNMENT.name,
  ...DEMO_ITEMS.flatMap((i) => [i.name, i.names?.en?.name ?? i.name]),
  ...DEMO_LOCATIONS.flatMap((l) => [l.name, l.names?.en?.name ?? l.name]),
  ...DEMO_TEAMS.flatMap((t) => [t.name, t.names.en.name]),
  ...DEMO_ORGANISATIONS.map((o) => o.name),
].filter((n, i, all) => all.indexOf(n) === i);

/** A UN/CEFACT Rec 20 code standing as a word: never in text written for a reader. */
export const REC20_CODE = new RegExp(`\\b(${KNOWN_UOM_CODES.join("|")})\\b`);
