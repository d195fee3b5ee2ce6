// EPCIS 2.0 in and out: an operation's ledger as a JSON-LD document, and a document's
// events recorded through recordEvents (all or nothing).
import type { RecordedEvent } from "../core/events.ts";
import { EVENT_TYPES } from "../core/events.ts";
import { can } from "../core/roles.ts";
import type { EpcisDocument } from "../core/epcis/export.ts";
import { toEpcisDocument } from "../core/epcis/export.ts";
import { fromEpcisDocument } from "../core/epcis/import.ts";
import { validateEpcis } from "../core/epcis/validate.ts";
import type { Db } from "../store/db.ts";
import { listItems, listLocations } from "../store/catalogue.sql.ts";
import { readEvents } from "../store/ledger.sql.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import type { RecordOutcome } from "./decide-request.ts";
import { MAX_BATCH, recordEvents } from "./record-events.ts";

export async function exportEpcis(
  db: Db,
  principal: Principal,
  operationCode: string,
  now: Date,
): Promise<EpcisDocument> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const locations = await listLocations(db, operation.id);
  const records: RecordedEvent[] = [];
  for await (const { record } of readEvents(db, operation.id)) records.push(record);
  return toEpcisDocument(records, {
    operation: operation.code,
    locations: new Map(locations.map((l) => [l.code, l])),
    now,
  });
}

export interface ImportResult {
  events: number;
  created: number;
  duplicates: number;
  results: RecordOutcome[];
}

/**
 * Validates the document against the GS1 schema, maps every event to a Reliefline
 * event against the operation's catalogue, then records them in one transaction.
 * Any problem anywhere rejects the whole document: nothing is imported.
 */
export async function importEpcis(
  db: Db,
  principal: Principal,
  operationCode: string,
  document: unknown,
  now: Date,
): Promise<ImportResult> {
  const { operation, role } = await authorise(db, principal, operationCode, { kind: "read" });
  // Each event's type is checked against the role when it is recorded; a role that may record
  // none (a viewer, a press officer) is refused before the document is read.
  if (!EVENT_TYPES.some((eventType) => can(role, { kind: "record", eventType })))
    throw new AppError("forbidden", `your role in operation ${operationCode} is ${role}, which may not record events`);
  const check = validateEpcis(document);
  if (!check.ok) {
    throw new AppError("invalid", `Nothing was imported: the document is not valid EPCIS 2.0: ${check.message}.`, [
      { field: check.pointer || "/", message: check.message },
    ]);
  }
  const [locations, items] = [await listLocations(db, operation.id), await listItems(db, operation.id)];
  const mapped = fromEpcisDocument(document, {
    operation: operation.code,
    locations: new Map(locations.map((l) => [l.code, l.kind])),
    items: new Set(items.map((i) => i.code)),
  });
  if (!mapped.ok) {
    const first = mapped.errors[0]!;
    const more = mapped.errors.length > 1 ? ` (and ${mapped.errors.length - 1} more)` : "";
    throw new AppError("invalid", `Nothing was imported: ${first.message}${more}.`, mapped.errors);
  }
  if (mapped.events.length > MAX_BATCH)
    throw new AppError(
      "too-large",
      `Nothing was imported: a document holds at most ${MAX_BATCH} events; this one has ${mapped.events.length}.`,
    );
  let results: RecordOutcome[];
  try {
    results = await recordEvents(db, principal, operationCode, mapped.events, now);
  } catch (error) {
    throw error instanceof AppError ? inEpcisTerms(error, mapped.events.length) : error;
  }
  const created = results.filter((r) => r.status === "created").length;
  return { events: results.length, created, duplicates: results.length - created, results };
}

/** recordEvents speaks of /events/3/lines/0/item; say "event 3" and point into the EPCIS document. */
function inEpcisTerms(error: AppError, count: number): AppError {
  const errors = error.errors.map((e) => {
    const m = /^\/events\/(\d+)(.*)$/.exec(e.field);
    const index = m ? m[1]! : count === 1 ? "0" : undefined;
    const rest = m ? m[2]! : e.field;
    return index === undefined
      ? e
      : {
          field: `/epcisBody/eventList/${index}`,
          message: `event ${index}: ${e.message}${rest ? ` (${rest.slice(1)})` : ""}`,
        };
  });
  const first = errors[0];
  const message = first
    ? `Nothing was imported: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}.`
    : `Nothing was imported: ${error.message}`;
  return new AppError(error.code, message, errors);
}
