// Registering transport units: the number is checked by its scheme's check digit; a
// unit gets its `unit:<number>` location (kind transport-unit, inside transit) in the
// same transaction, and belongs to at most one consignment part.
import type { FieldError } from "../core/decide.ts";
import { TRANSIT, unitLocation } from "../core/events.ts";
import { plateSkeleton, type UnitScheme } from "../core/identifiers.ts";
import type { UnitKind } from "../core/units.ts";
import { UNIT_KIND_NAMES, UNIT_KIND_NAMES_RU, decideUnitNumber } from "../core/units.ts";
import type { Finding } from "../core/reconcile/finding.ts";
import { moreUnitsThanPlanned } from "../core/reconcile/operation-rules.ts";
import type { Db, Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { findLocationRefs, insertLocations } from "../store/catalogue.sql.ts";
import type { TransportUnit } from "../store/units.sql.ts";
import { countUnitsByConsignment, findUnits, insertUnits, listPlates } from "../store/units.sql.ts";
import { findConsignment, listParts } from "../store/tracking.sql.ts";
import { lockChainHead } from "../store/ledger.sql.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { describerFor, syncFindings } from "./discrepancy-sync.ts";
import { finding } from "../core/reconcile/explain.ts";

export interface NewUnit {
  number: string;
  kind: UnitKind;
  scheme?: UnitScheme;
  consignment?: string;
  part?: number;
  /** The number was read off the unit as given, even though its check digit fails. */
  confirmedAsRead?: boolean;
}

export interface RegisteredUnit extends Omit<TransportUnit, "registeredAt"> {
  warning?: string;
  /** The check digit the number calls for, when it was recorded as read with another. */
  expectedDigit?: string;
}

export async function registerUnits(
  db: Db,
  principal: Principal,
  operationCode: string,
  inputs: readonly NewUnit[],
  now: Date,
): Promise<RegisteredUnit[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  // Checked and written under the operation's write lock: two requests registering the
  // same unit (or syncing the same consignment's discrepancies) run one after the other,
  // and the second is told 409 rather than failing on a unique key.
  return db.transaction(async (tx) => {
    await lockChainHead(tx, operation.id);
    return checkAndRegister(tx, operation, inputs, now);
  });
}

async function checkAndRegister(
  db: Queryable,
  operation: Operation,
  inputs: readonly NewUnit[],
  now: Date,
): Promise<RegisteredUnit[]> {
  const errors: FieldError[] = [];
  const prefix = (i: number) => (inputs.length > 1 ? `/units/${i}` : "");
  const decided = inputs.map((u) => decideUnitNumber(u.number, u.scheme, u.confirmedAsRead ?? false));
  const numbers = decided.flatMap((d) => (d.ok ? [d.number] : []));
  const existing = await findUnits(db, operation.id, numbers);
  const locations = await findLocationRefs(db, operation.id, numbers.map(unitLocation));
  const parts = new Map<string, Set<number>>();
  for (const c of new Set(inputs.flatMap((u) => (u.consignment ? [u.consignment] : [])))) {
    if (await findConsignment(db, operation.id, c))
      parts.set(c, new Set((await listParts(db, operation.id, c)).map((p) => p.number)));
  }
  // A plate that looks like a registered one (Cyrillic А for Latin A, other spacing, full-width
  // digits) is the same truck: by skeleton, each registered plate and each one of this request.
  const lookalikes = new Map<string, string>();
  if (decided.some((d) => d.ok && d.scheme === "plate"))
    for (const plate of await listPlates(db, operation.id)) lookalikes.set(plateSkeleton(plate), plate);
  const rows: RegisteredUnit[] = [];
  const seen = new Set<string>();
  inputs.forEach((u, i) => {
    const at = prefix(i);
    const d = decided[i]!;
    if (!d.ok) return errors.push({ field: `${at}/number`, message: d.message });
    const before = existing.get(d.number);
    if (before || seen.has(d.number)) {
      const where = before?.consignment ? ` and belongs to consignment ${before.consignment} part ${before.part}` : "";
      return errors.push({
        field: `${at}/number`,
        message: `unit ${d.number} is already registered${where}; a unit belongs to at most one consignment part`,
      });
    }
    seen.add(d.number);
    if (d.scheme === "plate") {
      const skeleton = plateSkeleton(d.number);
      const like = lookalikes.get(skeleton);
      if (like !== undefined)
        return errors.push({
          field: `${at}/number`,
          message:
            `unit ${d.number} looks the same as unit ${like}, already registered: the same letters and digits ` +
            "written with other characters (Cyrillic or Latin, full-width) or other spacing",
        });
      lookalikes.set(skeleton, d.number);
    }
    const location = locations.get(unitLocation(d.number));
    if (location && location.kind !== "transport-unit")
      errors.push({
        field: `${at}/number`,
        message: `location ${unitLocation(d.number)} already exists as a ${location.kind}`,
      });
    if ((u.consignment === undefined) !== (u.part === undefined))
      errors.push({
        field: `${at}/${u.consignment ? "part" : "consignment"}`,
        message: "a unit joins a consignment through one of its parts: give both consignment and part",
      });
    else if (u.consignment !== undefined && !parts.has(u.consignment))
      errors.push({ field: `${at}/consignment`, message: `unknown consignment ${u.consignment}` });
    else if (u.consignment !== undefined && !parts.get(u.consignment)!.has(u.part!))
      errors.push({ field: `${at}/part`, message: `consignment ${u.consignment} has no part ${u.part}` });
    rows.push({
      number: d.number,
      scheme: d.scheme,
      kind: u.kind,
      numberVerified: d.verified,
      consignment: u.consignment ?? null,
      part: u.part ?? null,
      ...(d.warning !== undefined && { warning: d.warning }),
      ...(d.expectedDigit !== undefined && { expectedDigit: d.expectedDigit }),
    });
  });
  if (errors.length > 0) {
    const conflict = errors.every((e) => e.message.includes("already registered"));
    throw new AppError(
      conflict ? "conflict" : "invalid",
      `No unit was registered: ${errors[0]!.field} ${errors[0]!.message}`,
      errors,
    );
  }
  const fresh = rows.filter((r) => !locations.has(unitLocation(r.number)));
  await insertLocations(
    db,
    operation.id,
    fresh.map((r) => ({
      code: unitLocation(r.number),
      name: `${UNIT_KIND_NAMES[r.kind as UnitKind]} ${r.number}`,
      kind: "transport-unit",
      parent: TRANSIT,
      names: { ru: { name: `${UNIT_KIND_NAMES_RU[r.kind as UnitKind]} ${r.number}` } },
    })),
  );
  await insertUnits(
    db,
    operation.id,
    rows.map(({ warning: _, expectedDigit: __, ...r }) => r),
    now,
  );
  await openRegistrationFindings(db, operation, rows, now);
  return rows;
}

async function openRegistrationFindings(
  tx: Queryable,
  operation: Operation,
  rows: readonly RegisteredUnit[],
  now: Date,
) {
  const d = await describerFor(tx, operation);
  const unverified: Finding[] = rows
    .filter((r) => !r.numberVerified)
    .map((r) =>
      finding(
        {
          kind: "unverified-number",
          subject: `unit:${r.number}`,
          anchor: "",
          evidence: [],
          facts: {
            kind: "unverified-number",
            unit: { number: r.number, kind: r.kind },
            ...(r.expectedDigit !== undefined && { expectedDigit: r.expectedDigit }),
          },
        },
        d,
      ),
    );
  if (unverified.length > 0)
    await syncFindings(
      tx,
      operation.id,
      unverified,
      { kinds: ["unverified-number"], subjects: unverified.map((f) => f.subject) },
      now,
    );
  for (const code of new Set(rows.flatMap((r) => (r.consignment ? [r.consignment] : [])))) {
    const c = (await findConsignment(tx, operation.id, code))!;
    const findings = moreUnitsThanPlanned(
      { code, plannedUnits: c.plannedUnits, units: await countUnitsByConsignment(tx, operation.id, code) },
      d,
    );
    await syncFindings(
      tx,
      operation.id,
      findings,
      { kinds: ["more-units-than-planned"], subjects: [`consignment:${code}`] },
      now,
    );
  }
}
