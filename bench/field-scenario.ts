// What the field benchmarks run against: the HTTP app on a loopback port with an
// administrator the phone signs in as, and operations of covered wagons to load it with.
import { buildApp } from "../src/api/app.ts";
import { createUser } from "../src/app/identity.ts";
import { addItems, addLocations, createOperation } from "../src/app/catalogue.ts";
import { registerUnits } from "../src/app/units.ts";
import { replaceManifests } from "../src/store/units.sql.ts";
import { findOperation } from "../src/store/catalogue.sql.ts";
import type { Db } from "../src/store/db.ts";
import type { Principal } from "../src/app/principal.ts";
import { luhnCheckDigit } from "../src/core/identifiers.ts";

/** The benchmark administrator's password (the phone signs in with it). */
export const PASSWORD = "bench field password";

/** An operation with `units` covered wagons (valid 8-digit numbers), each with a one-line manifest. */
export async function seedWagons(db: Db, admin: Principal, code: string, units: number): Promise<string[]> {
  await createOperation(db, admin, { code, name: `Bench ${code}`, timeZone: "Asia/Yerevan" });
  await addLocations(db, admin, code, [
    { code: "RAILHEAD", name: "Railhead", kind: "railhead" },
    { code: "DEPOT", name: "Depot", kind: "origin-depot" },
  ]);
  await addItems(db, admin, code, [{ code: "FLOUR", name: "Flour", uom: "TNE", kind: "goods" }]);
  const numbers = Array.from({ length: units }, (_, i) => {
    const payload = `2${String(1_000_000 + i).slice(1)}`;
    return payload + String(luhnCheckDigit(payload));
  });
  const unique = [...new Set(numbers)];
  for (let i = 0; i < unique.length; i += 2000) {
    await registerUnits(
      db,
      admin,
      code,
      unique
        .slice(i, i + 2000)
        .map((number) => ({ number, scheme: "rail1520" as const, kind: "covered-wagon" as const })),
      new Date(),
    );
  }
  const operation = (await findOperation(db, code))!;
  await db.transaction((tx) =>
    replaceManifests(tx, operation.id, new Map(unique.map((n) => [n, [{ item: "FLOUR", quantity: "55" }]]))),
  );
  return unique;
}

export interface Served {
  base: string;
  admin: Principal;
  close(): Promise<void>;
}

/** Serves the app on a free loopback port, with the benchmark administrator. */
export async function serve(db: Db): Promise<Served> {
  const { user } = await createUser(db, "system", {
    email: "bench-field@reliefline.local",
    name: "Bench",
    isAdmin: true,
    password: PASSWORD,
  });
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  return {
    base: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    admin: { userId: user.id, email: user.email, isAdmin: true },
    close: () => app.close(),
  };
}
