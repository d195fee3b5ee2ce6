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
  // Codes unique ignoring case (migration 021): the key names lower(code).
  operations_code_ignoring_case: { field: "/code", describe: (k) => twin("operation", k) },
  organisations_code_ignoring_case: { field: "/code", describe: (k) => twin("organisation", k) },
  locations_code_ignoring_case: { field: "/code", describe: (k) => twin("location", k) },
  items_code_ignoring_case: { field: "/code", describe: (k) => twin("item", k) },
  teams_code_ignoring_case: { field: "/code", describe: (k) => twin("team", k) },
  consignments_code_ignoring_case: { field: "/code", describe: (k) => twin("consignment", k) },
};

/** A code taken by one that differs from it only in case (the index gives only the lower-case form). */
function twin(what: string, key: Record<string, string>): string {
  return `${what} ${key["lower(code)"]} (or one differing from it only in case) already exists`;
}

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

/**
 * The constraint a unique violation names. PostgreSQL sends it as a field; Citus relays a
 * worker's error with only its message, naming the shard's copy of the constraint
 * (`teams_pkey_102040`), which is the table's constraint with the shard id appended.
 */
export function violatedConstraint(error: { constraint?: unknown; message?: unknown }): string | undefined {
  if (typeof error.constraint === "string") return error.constraint;
  const shard = /unique constraint "(.+)_\d+"$/.exec(typeof error.message === "string" ? error.message : "");
  return shard?.[1];
}

/**
 * Whether the error is a unique violation: SQLSTATE 23505, or on Citus the same message
 * with XX000, which is how a coordinator relays a worker's error from the COPY that
 * carries the rows of an INSERT … SELECT computed on the coordinator.
 */
function isUniqueViolation(e: { code?: unknown; message?: unknown }): boolean {
  return (
    e.code === "23505" ||
    (e.code === "XX000" &&
      typeof e.message === "string" &&
      e.message.startsWith("duplicate key value violates unique constraint"))
  );
}

/** A unique violation on a known constraint, as the field and sentence to answer with; undefined for anything else. */
export function concurrentCreation(error: unknown): FieldError | undefined {
  const e = error as { code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown };
  const constraint = e && isUniqueViolation(e) ? violatedConstraint(e) : undefined;
  if (constraint === undefined) return undefined;
  const known = KNOWN[constraint];
  const key = keyOf(typeof e.detail === "string" ? e.detail : undefined);
  if (!known || !key) return undefined;
  return { field: known.field, message: known.describe(key) };
}
