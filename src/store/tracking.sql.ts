// Teams, consignments, their parts (batches) and legs.
import type { Queryable } from "./db.ts";
import { FROM_ITS_HEAD } from "./ledger.sql.ts";
import type { LocalisedNames } from "../core/names.ts";

export interface Team {
  code: string;
  name: string;
  organisation: string | null;
  /** Names in other languages (see core/names.ts). */
  names?: LocalisedNames;
}

export async function listTeams(db: Queryable, operationId: string): Promise<Team[]> {
  return db.query<Team>(
    `select t.code, t.name, o.code as organisation, t.names from teams t left join organisations o on o.id = t.organisation_id
     where t.operation_id = $1 order by t.code`,
    [operationId],
  );
}

export async function findTeamCodes(
  db: Queryable,
  operationId: string,
  codes: readonly string[],
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.query<{ code: string }>(
    "select code from teams where operation_id = $1 and code = any($2::text[])",
    [operationId, codes],
  );
  return new Set(rows.map((r) => r.code));
}

export async function insertTeam(
  tx: Queryable,
  operationId: string,
  team: { code: string; name: string; organisationId: string | null; names?: LocalisedNames },
): Promise<void> {
  await tx.query(
    "insert into teams (operation_id, code, name, organisation_id, names) values ($1, $2, $3, $4, $5::jsonb)",
    [operationId, team.code, team.name, team.organisationId, JSON.stringify(team.names ?? {})],
  );
}

export const MODES = ["rail", "road", "air", "sea"] as const;
export type Mode = (typeof MODES)[number];

export interface Consignment {
  code: string;
  name: string;
  origin: string;
  destination: string;
  donor: string | null;
  plannedUnits: number;
  mode: Mode | "multimodal";
  /** The name in other languages: {"ru": {"name": "54 вагона"}}. */
  names?: LocalisedNames;
}

const consignmentColumns = `c.code, c.name, c.origin_code as origin, c.destination_code as destination, o.code as donor,
  c.planned_units as "plannedUnits", c.mode, c.names`;

export async function listConsignments(db: Queryable, operationId: string): Promise<Consignment[]> {
  return db.query<Consignment>(
    `select ${consignmentColumns} from consignments c left join organisations o on o.id = c.donor_organisation_id
     where c.operation_id = $1 order by c.code`,
    [operationId],
  );
}

export async function findConsignment(
  db: Queryable,
  operationId: string,
  code: string,
): Promise<Consignment | undefined> {
  const [row] = await db.query<Consignment>(
    `select ${consignmentColumns} from consignments c left join organisations o on o.id = c.donor_organisation_id
     where c.operation_id = $1 and c.code = $2`,
    [operationId, code],
  );
  return row;
}

export async function insertConsignment(
  tx: Queryable,
  operationId: string,
  c: Omit<Consignment, "donor"> & { donorId: string | null },
): Promise<void> {
  await tx.query(
    `insert into consignments (operation_id, code, name, origin_code, destination_code, donor_organisation_id, planned_units, mode, names)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      operationId,
      c.code,
      c.name,
      c.origin,
      c.destination,
      c.donorId,
      c.plannedUnits,
      c.mode,
      JSON.stringify(c.names ?? {}),
    ],
  );
}

export interface Part {
  number: number;
  plannedDeparture: string | null;
  plannedUnits: number | null;
}

export async function listParts(db: Queryable, operationId: string, consignment: string): Promise<Part[]> {
  return db.query<Part>(
    `select number, to_char(planned_departure, 'YYYY-MM-DD') as "plannedDeparture", planned_units as "plannedUnits"
     from consignment_parts where operation_id = $1 and consignment_code = $2 order by number`,
    [operationId, consignment],
  );
}

export async function insertPart(tx: Queryable, operationId: string, consignment: string, p: Part): Promise<void> {
  await tx.query(
    "insert into consignment_parts (operation_id, consignment_code, number, planned_departure, planned_units) values ($1, $2, $3, $4, $5)",
    [operationId, consignment, p.number, p.plannedDeparture, p.plannedUnits],
  );
}

export interface Leg {
  seq: number;
  mode: Mode;
  from: string;
  to: string;
}

export async function listLegs(db: Queryable, operationId: string, consignment: string): Promise<Leg[]> {
  return db.query<Leg>(
    `select seq, mode, from_code as "from", to_code as "to" from consignment_legs
     where operation_id = $1 and consignment_code = $2 order by seq`,
    [operationId, consignment],
  );
}

export async function insertLeg(tx: Queryable, operationId: string, consignment: string, leg: Leg): Promise<void> {
  await tx.query(
    "insert into consignment_legs (operation_id, consignment_code, seq, mode, from_code, to_code) values ($1, $2, $3, $4, $5, $6)",
    [operationId, consignment, leg.seq, leg.mode, leg.from, leg.to],
  );
}

/** Links units to a leg they travel (already linked ones are left as they are). */
export async function insertLegUnits(
  tx: Queryable,
  operationId: string,
  consignment: string,
  seq: number,
  units: readonly string[],
): Promise<void> {
  if (units.length === 0) return;
  await tx.query(
    `insert into consignment_leg_units (operation_id, consignment_code, leg_seq, unit_number)
     select head.operation_id, $2, $3, u ${FROM_ITS_HEAD} cross join unnest($4::text[]) u where head.operation_id = $1 on conflict do nothing`,
    [operationId, consignment, seq, units],
  );
}

/** Units linked to a leg, by number. */
export async function listLegUnits(
  db: Queryable,
  operationId: string,
  consignment: string,
  seq: number,
): Promise<string[]> {
  const rows = await db.query<{ unit: string }>(
    "select unit_number as unit from consignment_leg_units where operation_id = $1 and consignment_code = $2 and leg_seq = $3 order by 1",
    [operationId, consignment, seq],
  );
  return rows.map((r) => r.unit);
}

export interface TeamStep {
  type: string;
  /** rail-car, truck, container, or null for events that name no unit. */
  unitClass: string | null;
  events: number;
  units: number;
  first: Date;
  last: Date;
}

/** What a team did: events by type and class of unit, optionally on one day in the operation's time zone. */
export async function teamActivity(
  db: Queryable,
  operationId: string,
  team: string,
  day: string | null,
  timeZone: string,
): Promise<TeamStep[]> {
  return db.query<TeamStep>(
    `select e.type, case when e.body ->> 'unit' is null then null when u.kind in ('truck', 'container') then u.kind else 'rail-car' end as "unitClass",
       count(*)::int8 as events, count(distinct e.body ->> 'unit')::int8 as units, min(e.event_time) as first, max(e.event_time) as last
     from events e left join transport_units u on u.operation_id = e.operation_id and u.number = e.body ->> 'unit'
     where e.operation_id = $1 and e.body ->> 'team' = $2 and ($3::date is null or (e.event_time at time zone $4)::date = $3::date)
     group by 1, 2 order by 1, 2`,
    [operationId, team, day, timeZone],
  );
}
