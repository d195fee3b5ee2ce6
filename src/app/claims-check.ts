// Checking a text's claims against the ledger: the core reads the claims and says which
// figures it needs; this gathers each figure once through the store (with the query that
// produced it), all in one repeatable-read snapshot, and lets the core judge. Readers of
// the operation may check; recording a claim goes through `recordClaim` (reconcile.ts).
// The text is read between two transactions, a long one in a worker thread
// (claims/read-in-worker.ts): no transaction (on PGlite, the one connection) stays open
// while it is read. The figures and the ledger head come from the second, one snapshot.
import type { Db, Queryable } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import * as store from "../store/claims.sql.ts";
import { readChainHead } from "../store/ledger.sql.ts";
import { readTextDateBy } from "../core/claims/extract.ts";
import { readClaims } from "../claims/read-in-worker.ts";
import { judgeClaim, type CheckedClaim } from "../core/claims/judge.ts";
import { explain, type MessageLang } from "../core/claims/messages.ts";
import { withDescendants, type ClaimsCatalogue } from "../core/claims/names.ts";
import type { FigureSpec, LedgerFigure } from "../core/claims/model.ts";
import {
  NEARBY_DAYS,
  specKey,
  specsFor,
  type OpenDiscrepancy,
  type PlannedConsignment,
  type SeriesResult,
  type SpecResult,
} from "../core/claims/specs.ts";
import { addDays } from "../core/claims/dates.ts";
import { add as addDecimal } from "../core/quantity.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { dayIn, dayStanding, isCalendarDay, timeIn } from "../core/calendar.ts";

export interface ClaimsCheckRequest {
  text: string;
  /** The day the text speaks from; otherwise a date on its first line, else the latest day with events. */
  date?: string;
  /** Language of the explanations (the reader's). */
  lang?: MessageLang;
}

export type CheckedClaimView = CheckedClaim & { explanation: string };

export interface ClaimsCheckResult {
  operation: string;
  timeZone: string;
  date: string;
  dateSource: "given" | "dateline" | "latest-events" | "today";
  /** When `date` is today in the operation's time zone: the clock time (HH:MM) the figures stand at. */
  asOf?: string;
  /** The ledger head the figures were read at. */
  ledger: { seq: number; hash: string };
  claims: CheckedClaimView[];
  counts: { supported: number; contradicted: number; notCheckable: number };
}

const EVENT_TYPES: Record<string, string[]> = {
  loaded: ["GoodsLoaded", "GoodsShipped"],
  departed: ["UnitDeparted"],
  arrived: ["UnitArrived"],
  unloaded: ["GoodsUnloaded"],
  received: ["GoodsReceived"],
};

export async function checkClaims(
  db: Db,
  principal: Principal,
  operationCode: string,
  request: ClaimsCheckRequest,
  now: Date,
): Promise<ClaimsCheckResult> {
  if (request.date !== undefined && !isCalendarDay(request.date)) {
    throw new AppError("invalid", `date ${request.date} is not a calendar date written YYYY-MM-DD`, [
      { field: "/date", message: "use a date such as 2020-12-20" },
    ]);
  }
  const { operation, catalogue, date, source } = await db.transaction(async (tx) => {
    const { operation } = await authorise(tx, principal, operationCode, { kind: "read" });
    const catalogue = await store.claimsCatalogue(tx, operation.id);
    return { operation, catalogue, ...(await textDate(tx, operation, request, now)) };
  });
  const standing = dayStanding(date, operation.timeZone, now);
  if (standing === "to-come") throw dayToCome(date, source, operation.timeZone, now);
  const today = standing === "today" ? { date, time: timeIn(operation.timeZone, now) } : undefined;
  const claims = await readClaims(request.text, { textDate: date, catalogue });
  return db.transaction(async (tx) => {
    await tx.query("set transaction isolation level repeatable read");
    const results = await gather(tx, operation, catalogue, claims.flatMap(specsFor));
    const discrepancies = await relevantDiscrepancies(tx, operation, results);
    const itemUoms = new Map(catalogue.items.map((i) => [i.code, i.uom]));
    const lang = request.lang ?? "en";
    const checked = claims
      .map((c) => judgeClaim(c, { results, discrepancies, itemUoms }))
      .map((c) => ({ ...c, explanation: explain(c, lang, catalogue.items, today) }));
    const count = (v: string) => checked.filter((c) => c.verdict === v).length;
    return {
      operation: operation.code,
      timeZone: operation.timeZone,
      date,
      dateSource: source,
      ...(today && { asOf: today.time }),
      ledger: await readChainHead(tx, operation.id),
      claims: checked,
      counts: {
        supported: count("supported"),
        contradicted: count("contradicted"),
        notCheckable: count("not-checkable"),
      },
    };
  });
}

/**
 * A text that speaks from a day that has not begun cannot be checked: the ledger holds nothing
 * about that day yet, and today's figures would read as if they were that day's.
 */
function dayToCome(date: string, source: ClaimsCheckResult["dateSource"], timeZone: string, now: Date): AppError {
  const today = dayIn(timeZone, now);
  const why = `the ledger holds nothing yet about a day that has not begun in the operation's time zone, ${timeZone} (it is ${today} there)`;
  return source === "given"
    ? new AppError("invalid", `date ${date} cannot be checked: ${why}`, [
        { field: "/date", message: `must be ${today} or earlier` },
      ])
    : new AppError(
        "invalid",
        `the text is dated ${date} on its first line, so it cannot be checked: ${why}; give a date to check it as of that day`,
        [
          {
            field: "/text",
            message: `is dated ${date}, after ${today}; give date to check it as of ${today} or earlier`,
          },
        ],
      );
}

async function textDate(
  tx: Queryable,
  operation: Operation,
  request: ClaimsCheckRequest,
  now: Date,
): Promise<{ date: string; source: ClaimsCheckResult["dateSource"] }> {
  if (request.date) return { date: request.date, source: "given" };
  const latest = await store.latestEventDay(tx, operation.id, operation.timeZone);
  const today = dayIn(operation.timeZone, now);
  const dateline = readTextDateBy(request.text, latest ? Number(latest.slice(0, 4)) : Number(today.slice(0, 4)), today);
  if (dateline) return { date: dateline, source: "dateline" };
  // An event may be dated a few minutes ahead (device clocks drift): never a day after today.
  if (latest) return { date: latest < today ? latest : today, source: "latest-events" };
  return { date: today, source: "today" };
}

async function gather(
  tx: Queryable,
  operation: Operation,
  catalogue: ClaimsCatalogue,
  specs: readonly FigureSpec[],
): Promise<Map<string, SpecResult>> {
  const out = new Map<string, SpecResult>();
  let plannedRows: store.PlannedRow[] | undefined;
  const plannedOnce = async () => (plannedRows ??= await store.planned(tx, operation.id));
  const places = (codes: readonly string[] | null) => (codes ? withDescendants(codes, catalogue.locations) : null);
  for (const spec of specs) {
    const key = specKey(spec);
    if (out.has(key)) continue;
    out.set(key, await run(spec));
  }
  return out;

  async function run(spec: FigureSpec): Promise<SpecResult> {
    const op = operation.id;
    const tz = operation.timeZone;
    switch (spec.measure) {
      case "units-stepped": {
        const rest = [
          EVENT_TYPES[spec.step] ?? [],
          spec.kinds,
          spec.consignmentOnly,
          places(spec.locations),
          spec.items,
        ];
        const day = addDays(spec.from, NEARBY_DAYS);
        const rows = await store.unitsStepped(tx, [op, spec.from, spec.to, tz, ...rest]);
        const evidence = await store.unitsSteppedEvidence(tx, [op, day, day, tz, ...rest]);
        const what = `${spec.kinds ? spec.kinds.join("/") : "transport"} units${spec.consignmentOnly ? " of a consignment" : ""}`;
        const figure = traced(
          `units-${spec.step}-${day}`,
          `Distinct ${what} with a ${EVENT_TYPES[spec.step]!.join(" or ")} event dated ${day}${where(spec.locations)}${spec.items ? ` carrying ${spec.items.join(", ")}` : ""}`,
          rows.find((r) => r.day === day)?.value ?? "0",
          "units",
          store.UNITS_STEPPED_SQL,
          [op, day, day, tz, ...rest],
          operation,
        );
        return {
          measure: spec.measure,
          values: values(rows),
          figure,
          events: unique(evidence.map((e) => e.event)),
          units: unique(evidence.map((e) => e.unit)),
          unit: "units",
        };
      }
      case "units-reached": {
        const stage = store.STAGES.indexOf(spec.step as (typeof store.STAGES)[number]) + 1;
        const params: [string, string, string, string[] | null, number] = [op, spec.date, tz, spec.kinds, stage];
        const r = await store.unitsReached(tx, params);
        const what = spec.kinds ? `${spec.kinds.join("/")} units` : "units of the consignments";
        return {
          measure: spec.measure,
          recorded: r.recorded,
          reached: r.reached,
          implied: r.implied,
          evidence: r.evidence,
          recordedFigure: traced(
            `recorded-${spec.step}-${spec.date}`,
            `${cap(what)} with "${spec.step}" recorded by the end of ${spec.date} (unit_states)`,
            String(r.recorded),
            "units",
            store.UNITS_REACHED_SQL,
            params,
            operation,
            "column recorded",
          ),
          reachedFigure: traced(
            `reached-${spec.step}-${spec.date}`,
            `${cap(what)} that reached "${spec.step}" or a later step by the end of ${spec.date} (unit_states)`,
            String(r.reached),
            "units",
            store.UNITS_REACHED_SQL,
            params,
            operation,
            "column reached",
          ),
        };
      }
      case "goods-stepped": {
        const rest = [
          EVENT_TYPES[spec.step] ?? [],
          spec.item,
          spec.kinds,
          spec.consignmentOnly,
          places(spec.locations),
        ];
        const day = spec.from ? addDays(spec.from, NEARBY_DAYS) : spec.to;
        const from = spec.from ? day : null;
        const rows = await store.goodsStepped(tx, [op, spec.from, spec.to, tz, ...rest]);
        const evidence = await store.goodsSteppedEvidence(tx, [op, from, day, tz, ...rest]);
        const uom = catalogue.items.find((i) => i.code === spec.item)?.uom ?? "";
        const figure = traced(
          `${spec.item}-${spec.step}-${day}`,
          `${spec.item} on ${EVENT_TYPES[spec.step]!.join(" or ")} events ${from ? `dated ${day}` : `up to the end of ${day}`}${spec.consignmentOnly ? " from consignment units" : ""}${spec.kinds ? ` (${spec.kinds.join("/")})` : ""}${where(spec.locations)}`,
          rows.find((r) => r.day === day)?.value ?? "0",
          uom,
          store.GOODS_STEPPED_SQL,
          [op, from, day, tz, ...rest],
          operation,
        );
        return goodsResult(spec.measure, rows, figure, evidence, uom);
      }
      case "goods-into": {
        const into =
          spec.locations === "recipients"
            ? null
            : spec.locations === "destinations"
              ? withDescendants(unique((await plannedOnce()).map((r) => r.destination)), catalogue.locations)
              : withDescendants(spec.locations, catalogue.locations);
        const day = spec.from ? addDays(spec.from, NEARBY_DAYS) : spec.to;
        const from = spec.from ? day : null;
        const rows = await store.goodsInto(tx, [op, spec.from, spec.to, tz, spec.item, into]);
        const evidence = await store.goodsIntoEvidence(tx, [op, from, day, tz, spec.item, into]);
        const uom = catalogue.items.find((i) => i.code === spec.item)?.uom ?? "";
        const target = into ? `into ${into.join(", ")} from outside` : "to recipients";
        const figure = traced(
          `${spec.item}-into-${day}`,
          `Stock moves of ${spec.item} ${target} ${from ? `dated ${day}` : `up to the end of ${day}`}`,
          rows.find((r) => r.day === day)?.value ?? "0",
          uom,
          store.GOODS_INTO_SQL,
          [op, from, day, tz, spec.item, into],
          operation,
        );
        return goodsResult(spec.measure, rows, figure, evidence, uom);
      }
      case "planned": {
        const rows = await plannedOnce();
        const figure = traced(
          "planned",
          "Consignments and parts as planned: units, units registered per kind, manifest cargo per item",
          "",
          "units",
          store.PLANNED_SQL,
          [op],
          operation,
        );
        return { measure: "planned", consignments: consignmentsOf(rows), figure };
      }
      default: {
        const never: never = spec;
        return never;
      }
    }
  }
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const where = (locations: readonly string[] | null) =>
  locations ? ` at ${locations.join(" or ")} (and places under them)` : "";
const values = (rows: readonly store.DayValue[]) => Object.fromEntries(rows.map((r) => [r.day, r.value]));

/** A goods figure's answer: its values per day, its traced figure, and the events and units behind it. */
function goodsResult(
  measure: SeriesResult["measure"],
  rows: readonly store.DayValue[],
  figure: LedgerFigure,
  evidence: readonly { event: string; unit: string | null }[],
  unit: string,
): SeriesResult {
  const events = unique(evidence.map((e) => e.event));
  const units = unique(evidence.flatMap((e) => (e.unit ? [e.unit] : [])));
  return { measure, values: values(rows), figure, events, units, unit };
}

function traced(
  id: string,
  label: string,
  value: string,
  unit: string,
  sql: string,
  params: unknown[],
  operation: Operation,
  column?: string,
): LedgerFigure {
  return {
    id,
    label,
    value,
    unit,
    query: {
      description: `${label}, in operation ${operation.code}; days in ${operation.timeZone}${column ? `; the figure is the ${column}` : ""}`,
      sql,
      params,
    },
  };
}

function consignmentsOf(rows: readonly store.PlannedRow[]): PlannedConsignment[] {
  const out = new Map<string, PlannedConsignment>();
  for (const r of rows) {
    const c = out.get(r.consignment) ?? {
      code: r.consignment,
      name: r.name,
      plannedUnits: r.plannedUnits,
      destination: r.destination,
      parts: [],
      registered: {},
      cargo: {},
    };
    if (r.part !== null) {
      c.parts.push({ number: r.part, plannedUnits: r.partPlanned, registered: r.registered });
      for (const [k, n] of Object.entries(r.registered))
        c.registered[k as keyof typeof c.registered] = (c.registered[k as keyof typeof c.registered] ?? 0) + Number(n);
      for (const [item, q] of Object.entries(r.cargo)) c.cargo[item] = addDecimal(c.cargo[item] ?? "0", q);
    }
    out.set(r.consignment, c);
  }
  return [...out.values()];
}

async function relevantDiscrepancies(
  tx: Queryable,
  operation: Operation,
  results: ReadonlyMap<string, SpecResult>,
): Promise<OpenDiscrepancy[]> {
  const subjects = new Set<string>();
  const items = new Set<string>();
  for (const [key, r] of results) {
    if (r.measure === "units-reached") r.implied.forEach((u) => subjects.add(`unit:${u}`));
    if (r.measure === "units-stepped" || r.measure === "goods-stepped" || r.measure === "goods-into")
      r.units.forEach((u) => subjects.add(`unit:${u}`));
    const spec = JSON.parse(key) as FigureSpec;
    if ("item" in spec) items.add(spec.item);
  }
  if (subjects.size === 0 && items.size === 0) return [];
  return store.openDiscrepanciesAbout(tx, operation.id, [...subjects], [...items]);
}
