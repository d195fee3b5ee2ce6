// Operations and their catalogues: organisations, locations, items.
import { v7 as uuidv7 } from "uuid";
import type { Location, Item, Organisation } from "../store/catalogue.sql.ts";
import * as store from "../store/catalogue.sql.ts";
import { upsertMembership } from "../store/identity.sql.ts";
import { readChainHead } from "../store/ledger.sql.ts";
import type { Db } from "../store/db.ts";
import { LOSS, TRANSIT, donorLocation, recipientsLocation } from "../core/events.ts";
import type { FieldError } from "../core/decide.ts";
import type { LocalisedNames } from "../core/names.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise, requireSystemAdmin, roleOf } from "./principal.ts";

export interface NewOperation {
  code: string;
  name: string;
  description?: string;
  timeZone?: string;
  /** The name and description in other languages. */
  names?: LocalisedNames;
}

/** Creates an operation with its virtual locations; its creator becomes its admin. */
export async function createOperation(
  db: Db,
  principal: Principal,
  input: NewOperation,
): Promise<store.OperationWithHead> {
  requireSystemAdmin(principal, "create operations");
  const twin = await store.findCodeIgnoringCase(db, "operations", input.code);
  if (twin !== undefined)
    throw new AppError("conflict", `operation ${sameOrCaseTwin("operation", input.code, twin)}`, [
      { field: "/code", message: "already in use" },
    ]);
  const timeZone = input.timeZone ?? "UTC";
  if (!isTimeZone(timeZone))
    throw new AppError("invalid", `unknown time zone ${timeZone}`, [
      { field: "/timeZone", message: "use an IANA name such as Asia/Yerevan" },
    ]);
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await store.insertOperation(tx, {
      id,
      code: input.code,
      name: input.name,
      description: input.description ?? "",
      timeZone,
      createdBy: principal.userId,
      ...(input.names && { names: input.names }),
    });
    await store.insertLocations(tx, id, [
      { code: TRANSIT, name: "In transit", kind: "transit", names: { ru: { name: "В пути" } } },
      {
        code: LOSS,
        name: "Losses and count differences",
        kind: "loss",
        names: { ru: { name: "Потери и расхождения при пересчёте" } },
      },
    ]);
    await upsertMembership(tx, id, principal.userId, "admin");
  });
  return (await store.findOperationWithHead(db, input.code))!;
}

export async function listOperations(
  db: Db,
  principal: Principal,
): Promise<(store.OperationWithHead & { role: string })[]> {
  const operations = await store.listOperations(db, principal.isAdmin ? undefined : principal.userId);
  return Promise.all(operations.map(async (o) => ({ ...o, role: (await roleOf(db, principal, o)) ?? "viewer" })));
}

/** One operation as its reader sees it: its role, and the ledger head as it is now. */
export async function getOperation(db: Db, principal: Principal, code: string) {
  const { operation, role } = await authorise(db, principal, code, { kind: "read" });
  const head = await readChainHead(db, operation.id);
  return { ...operation, lastSeq: head.seq, lastHash: head.hash, role };
}

export async function createOrganisation(
  db: Db,
  principal: Principal,
  input: Omit<Organisation, "id">,
): Promise<Organisation> {
  requireSystemAdmin(principal, "create organisations");
  const twin = await store.findCodeIgnoringCase(db, "organisations", input.code);
  if (twin !== undefined)
    throw new AppError("conflict", `organisation ${sameOrCaseTwin("organisation", input.code, twin)}`, [
      { field: "/code", message: "already in use" },
    ]);
  const org = { id: uuidv7(), ...input };
  await store.insertOrganisation(db, org);
  return org;
}

/**
 * Why a code is taken: it exists, or one differing only in case does. Codes are typed by people
 * (sheets, events, the field app): STP-HUB and stp-hub would be two places that read the same.
 * Says "already exists" either way, which the callers answer as a conflict.
 */
export function sameOrCaseTwin(what: string, code: string, existing: string): string {
  return existing === code
    ? `${code} already exists`
    : `${code} differs only in case from ${what} ${existing}, which already exists`;
}

/** Code prefixes that say what a location is; only that kind may use them. */
const RESERVED_PREFIXES = [
  ["recipients:", "recipients"],
  ["unit:", "transport-unit"],
  ["donor:", "donor"],
  ["custody:", "custody"],
] as const;

export type NewLocation = Omit<Location, "kind"> & { kind: Location["kind"] };

/**
 * Adds locations. A neighbourhood also gets its `recipients:` location; a donor
 * location is named after its organisation (`donor:<org>`). Virtual kinds other
 * than donor are created with the operation and cannot be added by hand.
 */
export async function addLocations(
  db: Db,
  principal: Principal,
  operationCode: string,
  inputs: readonly NewLocation[],
): Promise<Location[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  const errors: FieldError[] = [];
  const prefix = (i: number) => (inputs.length > 1 ? `/locations/${i}` : "");
  const existing = await store.findLocationRefs(
    db,
    operation.id,
    inputs.flatMap((l) => [l.code, l.parent ?? "", recipientsLocation(l.code)]).filter(Boolean),
  );
  const twins = await store.findCodesIgnoringCase(
    db,
    "locations",
    operation.id,
    inputs.map((l) => l.code),
  );
  const rows: (Location & { organisationId?: string | null })[] = [];
  const seen = new Set<string>();
  for (const [i, l] of inputs.entries()) {
    const at = prefix(i);
    let organisationId: string | null = null;
    if (l.kind === "transit" || l.kind === "loss" || l.kind === "recipients")
      errors.push({ field: `${at}/kind`, message: `${l.kind} locations are created by Reliefline itself` });
    if (l.kind === "donor") {
      const org = l.organisation ? await store.findOrganisation(db, l.organisation) : undefined;
      if (!org)
        errors.push({
          field: `${at}/organisation`,
          message: l.organisation
            ? `unknown organisation ${l.organisation}`
            : "a donor location names its organisation",
        });
      else if (l.code !== donorLocation(org.code))
        errors.push({ field: `${at}/code`, message: `a donor location's code is ${donorLocation(org.code)}` });
      organisationId = org?.id ?? null;
    } else if (l.organisation) {
      const org = await store.findOrganisation(db, l.organisation);
      if (!org) errors.push({ field: `${at}/organisation`, message: `unknown organisation ${l.organisation}` });
      organisationId = org?.id ?? null;
    }
    const twin = existing.has(l.code) ? l.code : twins.get(l.code.toLowerCase());
    if (twin !== undefined || seen.has(l.code.toLowerCase()))
      errors.push({ field: `${at}/code`, message: `location ${sameOrCaseTwin("location", l.code, twin ?? l.code)}` });
    const reserved = RESERVED_PREFIXES.find(([prefix]) => l.code.startsWith(prefix));
    if (reserved && reserved[1] !== l.kind)
      errors.push({
        field: `${at}/code`,
        message: `codes starting with ${reserved[0]} are kept for ${reserved[1]} locations`,
      });
    if (l.kind === "neighbourhood" && existing.has(recipientsLocation(l.code)))
      errors.push({ field: `${at}/code`, message: `location ${recipientsLocation(l.code)} already exists` });
    if (l.parent && !existing.has(l.parent) && !inputs.slice(0, i).some((p) => p.code === l.parent))
      errors.push({ field: `${at}/parent`, message: `unknown parent location ${l.parent}` });
    seen.add(l.code.toLowerCase());
    rows.push({ ...l, organisationId });
    if (l.kind === "neighbourhood") {
      const names = recipientNames(l.names);
      rows.push({
        code: recipientsLocation(l.code),
        name: `Recipients in ${l.name}`,
        kind: "recipients",
        parent: l.code,
        ...(names && { names }),
      });
    }
  }
  if (errors.length > 0)
    throw new AppError(
      errors.every((e) => e.message.includes("already exists")) ? "conflict" : "invalid",
      `No location was added: ${errors[0]!.field} ${errors[0]!.message}.`,
      errors,
    );
  await db.transaction((tx) => store.insertLocations(tx, operation.id, rows));
  return rows.map(({ organisationId: _, ...l }) => l);
}

export async function listLocations(db: Db, principal: Principal, operationCode: string, kind?: string) {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return store.listLocations(db, operation.id, kind);
}

export async function addItems(
  db: Db,
  principal: Principal,
  operationCode: string,
  inputs: readonly Item[],
): Promise<Item[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  const existing = await store.findItemRefs(
    db,
    operation.id,
    inputs.map((i) => i.code),
  );
  const uoms = await store.findUoms(
    db,
    inputs.map((i) => i.uom),
  );
  const twins = await store.findCodesIgnoringCase(
    db,
    "items",
    operation.id,
    inputs.map((i) => i.code),
  );
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, item] of inputs.entries()) {
    const at = inputs.length > 1 ? `/items/${i}` : "";
    const twin = existing.has(item.code) ? item.code : twins.get(item.code.toLowerCase());
    if (twin !== undefined || seen.has(item.code.toLowerCase()))
      errors.push({ field: `${at}/code`, message: `item ${sameOrCaseTwin("item", item.code, twin ?? item.code)}` });
    if (!uoms.has(item.uom))
      errors.push({
        field: `${at}/uom`,
        message: `unknown unit of measure ${item.uom}: use a UN/CEFACT Rec 20 code such as MTQ (m³), TNE (t), KGM (kg), LTR (l) or H87 (piece)`,
      });
    seen.add(item.code.toLowerCase());
  }
  if (errors.length > 0)
    throw new AppError(
      errors.every((e) => e.message.includes("already exists")) ? "conflict" : "invalid",
      `No item was added: ${errors[0]!.field} ${errors[0]!.message}.`,
      errors,
    );
  await db.transaction((tx) => store.insertItems(tx, operation.id, inputs));
  return inputs.map((i) => ({ ...i }));
}

export async function listItems(db: Db, principal: Principal, operationCode: string) {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return store.listItems(db, operation.id);
}

/** "Получатели: Центр" for every language the neighbourhood is named in (none when it has no names). */
function recipientNames(names: LocalisedNames | undefined): LocalisedNames | undefined {
  const words: Record<string, string> = { en: "Recipients in", ru: "Получатели:" };
  const out = Object.fromEntries(
    Object.entries(names ?? {})
      .filter(([lang]) => lang in words)
      .map(([lang, forms]) => [lang, { name: `${words[lang]} ${forms.name}` }]),
  );
  return Object.keys(out).length > 0 ? out : undefined;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
