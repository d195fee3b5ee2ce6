// The operation the tracking and scale-out benches read: one consignment of `units` rail cars
// shuttling lumber between an origin depot (A) and a railhead (B), with its own administrator.
import type { Db } from "../src/store/db.ts";
import type { Principal } from "../src/app/principal.ts";
import { createUser } from "../src/app/identity.ts";
import { addItems, addLocations, createOperation } from "../src/app/catalogue.ts";
import { createConsignment } from "../src/app/consignments.ts";
import { findOperation } from "../src/store/catalogue.sql.ts";

export const SHUTTLE_PASSWORD = "correct horse battery";

export interface ShuttleOperation {
  admin: Principal;
  email: string;
  userId: string;
  code: string;
  id: string;
}

export async function createShuttleOperation(
  db: Db,
  options: { email: string; code: string; name: string; units: number },
): Promise<ShuttleOperation> {
  const { user } = await createUser(db, "system", {
    email: options.email,
    name: "Bench",
    isAdmin: true,
    password: SHUTTLE_PASSWORD,
  });
  const admin = { userId: user.id, email: user.email, isAdmin: true };
  const { code } = options;
  await createOperation(db, admin, { code, name: options.name });
  await addLocations(db, admin, code, [
    { code: "A", name: "Origin", kind: "origin-depot" },
    { code: "B", name: "Railhead", kind: "railhead" },
  ]);
  await addItems(db, admin, code, [{ code: "LUMBER", name: "Lumber", uom: "MTQ", kind: "goods" }]);
  await createConsignment(db, admin, code, {
    code: "C",
    name: "Big",
    origin: "A",
    destination: "B",
    plannedUnits: options.units,
    mode: "rail",
    parts: [{ number: 1 }],
  });
  const { id } = (await findOperation(db, code))!;
  return { admin, email: user.email, userId: user.id, code, id };
}
