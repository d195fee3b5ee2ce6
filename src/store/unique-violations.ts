// Unique violations (SQLSTATE 23505) that mean "someone created this at the same moment":
// two requests both checked that a code was free, and the second insert lost. Only the
// constraints listed here are such conflicts; any other unique violation is a bug and
// stays a 500. Each is described by what already exists and the field that names it.
import type { FieldError } from "../core/decide.ts";

interface Known {
  field: string;
  describe: (key: Record<string, string>) => string;
}

const KNOWN: Record<string, Known> = {
  organisations_code_key: { field: "/code", describe: (k) => `organisation ${k.code} already exists` },
  users_email_key: { field: "/email", describe: (k) => `a user with e-mail ${k.email} already exists` },
  operations_code_key: { field: "/code", describe: (k) => `operation ${k.code} already exists` },
  locations_pkey: { field: "/code", describe: (k) => `location ${k.code} already exists` },
  items_pkey: { field: "/code", describe: (k) => `item ${k.code} already exists` },
  teams_pkey: { field: "/code", describe: (k) => `team ${k.code} already exists` },
  consignments_pkey: { field: "/code", describe: (k) => `consignment ${k.code} already exists` },
  consignment_parts_pkey: {
    field: "/number",
    describe: (k) => `consignment ${k.consignment_code} already has part ${k.number}`,
  },
  consignment_legs_pkey: {
    field: "/seq",
    describe: (k) => `consignment ${k.consignment_code} already has leg ${k.seq}`,
  },
  transport_units_pkey: { field: "/number", describe: (k) => `unit ${k.number} is already registered` },
};

/** The columns and values of "Key (a, b)=(x, y) already exists." (values of text keys may hold ", ": the last column takes the rest). */
export function keyOf(detail: string | undefined): Record<string, string> | undefined {
  const m = /^Key \((.+?)\)=\((.*)\) already exists\.?$/s.exec(detail ?? "");
  if (!m) return undefined;
  const columns = m[1]!.split(", ");
  const values = m[2]!.split(", ");
  const key: Record<string, string> = {};
  columns.forEach((c, i) => {
    key[c] = i === columns.length - 1 ? values.slice(i).join(", ") : (values[i] ?? "");
  });
  return key;
}

/** A unique violation on a known constraint, as the field and sentence to answer with; undefined for anything else. */
export function concurrentCreation(error: unknown): FieldError | undefined {
  const e = error as { code?: unknown; constraint?: unknown; detail?: unknown };
  if (e?.code !== "23505" || typeof e.constraint !== "string") return undefined;
  const known = KNOWN[e.constraint];
  const key = keyOf(typeof e.detail === "string" ? e.detail : undefined);
  if (!known || !key) return undefined;
  return { field: known.field, message: known.describe(key) };
}
