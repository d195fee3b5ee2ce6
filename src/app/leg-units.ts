// Units that travel a leg of a consignment without belonging to one of its parts — the
// trucks that carry a consignment's cargo on from the railhead. Linking them is what
// lets per-leg progress count the road leg's trucks beside the consignment's own cars.
import type { FieldError } from "../core/decide.ts";
import type { Db } from "../store/db.ts";
import { findConsignment, insertLegUnits, listLegUnits, listLegs } from "../store/tracking.sql.ts";
import { findUnits } from "../store/units.sql.ts";
import { AppError, notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export interface LegUnits {
  consignment: string;
  seq: number;
  /** Units linked to the leg (the consignment's own units travel every leg and are not listed). */
  units: string[];
}

async function findLeg(db: Db, operationId: string, operationCode: string, consignment: string, seq: number) {
  if (!(await findConsignment(db, operationId, consignment)))
    throw notFound(`consignment ${consignment} in operation ${operationCode}`);
  if (!(await listLegs(db, operationId, consignment)).some((l) => l.seq === seq))
    throw notFound(`leg ${seq} of consignment ${consignment}`);
}

/** Links registered units to a leg; linking one twice is harmless. */
export async function linkLegUnits(
  db: Db,
  principal: Principal,
  operationCode: string,
  consignment: string,
  seq: number,
  units: readonly string[],
): Promise<LegUnits> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  await findLeg(db, operation.id, operationCode, consignment, seq);
  const registered = await findUnits(db, operation.id, units);
  const errors: FieldError[] = units.flatMap((u, i) =>
    registered.has(u)
      ? []
      : [
          {
            field: `/units/${i}`,
            message: `unit ${u} is not registered in operation ${operationCode}; register it first (POST /api/operations/${operationCode}/units)`,
          },
        ],
  );
  if (errors.length > 0)
    throw new AppError(
      "invalid",
      `No unit was linked to leg ${seq}: ${errors[0]!.field} ${errors[0]!.message}.`,
      errors,
    );
  await insertLegUnits(db, operation.id, consignment, seq, [...new Set(units)]);
  return { consignment, seq, units: await listLegUnits(db, operation.id, consignment, seq) };
}

export async function getLegUnits(
  db: Db,
  principal: Principal,
  operationCode: string,
  consignment: string,
  seq: number,
): Promise<LegUnits> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  await findLeg(db, operation.id, operationCode, consignment, seq);
  return { consignment, seq, units: await listLegUnits(db, operation.id, consignment, seq) };
}
