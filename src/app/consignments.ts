// Consignments: a shipment from origin to destination, sent in parts (batches) and
// carried over legs; transshipment points are where one leg ends and the next starts.
import type { LocalisedNames } from "../core/names.ts";
import type { Db, Queryable } from "../store/db.ts";
import type { FieldError } from "../core/decide.ts";
import { findCodesIgnoringCase, findLocationRefs, findOrganisation } from "../store/catalogue.sql.ts";
import type { Consignment, Leg, Part } from "../store/tracking.sql.ts";
import * as store from "../store/tracking.sql.ts";
import { AppError, notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { sameOrCaseTwin } from "./catalogue.ts";

export interface NewConsignment {
  code: string;
  name: string;
  origin: string;
  destination: string;
  donor?: string;
  plannedUnits: number;
  mode: Consignment["mode"];
  parts?: NewPart[];
  legs?: Leg[];
  /** The name in other languages: {"ru": {"name": "54 вагона"}}. */
  names?: LocalisedNames;
}

export type NewPart = { number: number; plannedDeparture?: string | null; plannedUnits?: number | null };

export interface ConsignmentView extends Consignment {
  parts: Part[];
  legs: Leg[];
  transshipmentPoints: string[];
}

const refuse = (errors: FieldError[], what: string): never => {
  throw new AppError(
    errors.every((e) => e.message.includes("already")) ? "conflict" : "invalid",
    `${what}: ${errors[0]!.field} ${errors[0]!.message}.`,
    errors,
  );
};

async function checkLocations(
  db: Queryable,
  operationId: string,
  refs: { field: string; code: string }[],
  errors: FieldError[],
) {
  const known = await findLocationRefs(
    db,
    operationId,
    refs.map((r) => r.code),
  );
  for (const r of refs) if (!known.has(r.code)) errors.push({ field: r.field, message: `unknown location ${r.code}` });
}

function checkLegs(legs: readonly Leg[], prefix: string, existing: readonly Leg[], errors: FieldError[]) {
  const seqs = new Set(existing.map((l) => l.seq));
  legs.forEach((l, i) => {
    if (seqs.has(l.seq)) errors.push({ field: `${prefix}/${i}/seq`, message: `leg ${l.seq} already exists` });
    if (l.from === l.to)
      errors.push({ field: `${prefix}/${i}/to`, message: "a leg must end somewhere other than where it starts" });
    seqs.add(l.seq);
  });
}

function checkParts(parts: readonly NewPart[], prefix: string, existing: readonly Part[], errors: FieldError[]) {
  const numbers = new Set(existing.map((p) => p.number));
  parts.forEach((p, i) => {
    if (numbers.has(p.number))
      errors.push({ field: `${prefix}/${i}/number`, message: `part ${p.number} already exists` });
    numbers.add(p.number);
  });
}

export async function createConsignment(
  db: Db,
  principal: Principal,
  operationCode: string,
  input: NewConsignment,
): Promise<ConsignmentView> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  const errors: FieldError[] = [];
  const twin = (await findCodesIgnoringCase(db, "consignments", operation.id, [input.code])).get(
    input.code.toLowerCase(),
  );
  if (twin !== undefined)
    errors.push({ field: "/code", message: `consignment ${sameOrCaseTwin("consignment", input.code, twin)}` });
  const donor = input.donor ? await findOrganisation(db, input.donor) : undefined;
  if (input.donor && !donor) errors.push({ field: "/donor", message: `unknown organisation ${input.donor}` });
  const legs = input.legs ?? [];
  const parts = input.parts ?? [];
  await checkLocations(
    db,
    operation.id,
    [
      { field: "/origin", code: input.origin },
      { field: "/destination", code: input.destination },
      ...legs.flatMap((l, i) => [
        { field: `/legs/${i}/from`, code: l.from },
        { field: `/legs/${i}/to`, code: l.to },
      ]),
    ],
    errors,
  );
  checkLegs(legs, "/legs", [], errors);
  checkParts(parts, "/parts", [], errors);
  if (errors.length > 0) refuse(errors, "The consignment was not created");
  await db.transaction(async (tx) => {
    await store.insertConsignment(tx, operation.id, { ...input, donorId: donor?.id ?? null });
    for (const p of parts)
      await store.insertPart(tx, operation.id, input.code, {
        number: p.number,
        plannedDeparture: p.plannedDeparture ?? null,
        plannedUnits: p.plannedUnits ?? null,
      });
    for (const l of legs) await store.insertLeg(tx, operation.id, input.code, l);
  });
  return await getConsignment(db, principal, operationCode, input.code);
}

export async function addPart(
  db: Db,
  principal: Principal,
  operationCode: string,
  consignment: string,
  part: Part,
): Promise<Part> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  if (!(await store.findConsignment(db, operation.id, consignment))) throw notFound(`consignment ${consignment}`);
  const errors: FieldError[] = [];
  checkParts([part], "", await store.listParts(db, operation.id, consignment), errors);
  if (errors.length > 0)
    refuse(
      errors.map((e) => ({ ...e, field: e.field.replace(/^\/0/, "") })),
      "The part was not added",
    );
  const row = {
    number: part.number,
    plannedDeparture: part.plannedDeparture ?? null,
    plannedUnits: part.plannedUnits ?? null,
  };
  await store.insertPart(db, operation.id, consignment, row);
  return row;
}

export async function addLeg(
  db: Db,
  principal: Principal,
  operationCode: string,
  consignment: string,
  leg: Leg,
): Promise<Leg> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  if (!(await store.findConsignment(db, operation.id, consignment))) throw notFound(`consignment ${consignment}`);
  const errors: FieldError[] = [];
  await checkLocations(
    db,
    operation.id,
    [
      { field: "/from", code: leg.from },
      { field: "/to", code: leg.to },
    ],
    errors,
  );
  const legErrors: FieldError[] = [];
  checkLegs([leg], "", await store.listLegs(db, operation.id, consignment), legErrors);
  errors.push(...legErrors.map((e) => ({ ...e, field: e.field.replace(/^\/0/, "") })));
  if (errors.length > 0) refuse(errors, "The leg was not added");
  await store.insertLeg(db, operation.id, consignment, leg);
  return leg;
}

export async function getConsignment(
  db: Db,
  principal: Principal,
  operationCode: string,
  code: string,
): Promise<ConsignmentView> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const c = await store.findConsignment(db, operation.id, code);
  if (!c) throw notFound(`consignment ${code} in operation ${operationCode}`);
  const legs = await store.listLegs(db, operation.id, code);
  const transshipmentPoints = legs
    .slice(1)
    .filter((l, i) => legs[i]!.to === l.from)
    .map((l) => l.from);
  return { ...c, parts: await store.listParts(db, operation.id, code), legs, transshipmentPoints };
}

export async function listConsignments(db: Db, principal: Principal, operationCode: string): Promise<Consignment[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return store.listConsignments(db, operation.id);
}
