// A small operation to test with: an administrator, a donor, an origin depot, a hub,
// a neighbourhood, two transport units and three items.
import { v7 as uuidv7 } from "uuid";
import type { Db } from "../../src/store/db.ts";
import type { Principal } from "../../src/app/principal.ts";
import { addItems, addLocations, createOperation, createOrganisation } from "../../src/app/catalogue.ts";
import { createUser } from "../../src/app/identity.ts";
import { addTeam } from "../../src/app/teams.ts";
import type { EventInput, EventType, LineInput } from "../../src/core/events.ts";

export const OP = "TEST-OP";
export const ADMIN_PASSWORD = "correct horse battery";
export const T0 = Date.parse("2020-12-01T08:00:00+04:00");

export async function seedOperation(db: Db, code = OP): Promise<Principal> {
  const email = `admin-${code.toLowerCase()}@example.org`;
  const { user } = await createUser(db, "system", {
    email,
    name: "Test admin",
    isAdmin: true,
    password: ADMIN_PASSWORD,
  });
  const admin: Principal = { userId: user.id, email: user.email, isAdmin: true };
  const donor = `DONOR-${code}`;
  await createOrganisation(db, admin, { code: donor, name: "A donor", kind: "government" });
  await createOperation(db, admin, { code, name: `Operation ${code}`, timeZone: "Asia/Yerevan" });
  await addLocations(db, admin, code, [
    { code: `donor:${donor}`, name: "Donor", kind: "donor", organisation: donor },
    { code: "DEPOT", name: "Origin depot", kind: "origin-depot" },
    { code: "RAILHEAD", name: "Railhead", kind: "railhead" },
    { code: "HUB", name: "Hub", kind: "hub-warehouse" },
    { code: "N1", name: "Neighbourhood one", kind: "neighbourhood" },
    { code: "unit:24073082", name: "Covered wagon", kind: "transport-unit", parent: "transit" },
    { code: "unit:54512348", name: "Own wagon", kind: "transport-unit", parent: "transit" },
  ]);
  await addItems(db, admin, code, [
    { code: "LUMBER", name: "Lumber", uom: "MTQ", kind: "goods" },
    { code: "FLOUR", name: "Flour", uom: "TNE", kind: "goods" },
    { code: "CRANE", name: "Truck-mounted crane", uom: "H87", kind: "equipment" },
  ]);
  for (const team of ["TEAM-A", "TEAM-B"])
    await addTeam(db, admin, code, { code: team, name: `Team ${team.slice(-1)}` });
  return admin;
}

export const donorOf = (code = OP) => `donor:DONOR-${code}`;

let clock = T0;
/** An event with a fresh UUIDv7 and an event time one minute after the previous one. */
export function event(
  type: EventType,
  rest: Omit<EventInput, "id" | "type" | "eventTime"> & { eventTime?: string } = {},
): EventInput {
  clock += 60_000;
  const eventTime = rest.eventTime ?? new Date(clock).toISOString().replace("Z", "+00:00");
  return { id: uuidv7(), type, ...rest, eventTime };
}

export const line = (item: string, quantity: string, extra: Partial<LineInput> = {}): LineInput => ({
  item,
  quantity,
  ...extra,
});

export const NOW = new Date("2026-01-01T00:00:00Z");
