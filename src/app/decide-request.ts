// Deciding one append request's events against the ledger as it stands (the ids stored and the
// events accepted earlier in the same group): in "all" mode the request is accepted whole (new
// events and duplicates) or refused with every problem listed; in "each" mode every event is
// answered on its own. No I/O: the caller loaded the context and writes what is fresh.
import type { EventInput, LedgerEvent } from "../core/events.ts";
import type { DecideContext, FieldError } from "../core/decide.ts";
import { decideEvent } from "../core/decide.ts";
import { sameEvent } from "../core/chain.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { AppError } from "./errors.ts";

export interface RecordOutcome {
  id: string;
  seq: number;
  status: "created" | "duplicate";
}

/** An event the "each" mode did not store, with the reasons. */
export interface RefusedOutcome {
  id: string;
  status: "refused" | "conflict";
  errors: FieldError[];
}

/** "all": the batch is stored whole or not at all. "each": every event is answered on its own. */
export type BatchMode = "all" | "each";

export type Outcome = RecordOutcome | RefusedOutcome;

/** What deciding needs of a request: its events, its mode, and what the caller's role may not record. */
export interface RequestToDecide {
  inputs: readonly EventInput[];
  /** Default "all". */
  mode?: BatchMode;
  /** In "each" mode: the events (by index) the caller's role may not record, with the reason. */
  roleRefusals?: ReadonlyMap<number, string>;
}

type Decided = { ok: true; fresh: LedgerEvent[]; outcomes: Outcome[] } | { ok: false; error: AppError };

/**
 * Decides one request's events. "all": all accepted (new or duplicates) or the request refused
 * with every problem listed. "each": every event answered on its own, the refused ones unstored.
 */
export function decideRequest(
  request: RequestToDecide,
  ctx: DecideContext,
  operation: Operation,
  teams: ReadonlySet<string>,
  stored: ReadonlyMap<string, { seq: number; event: LedgerEvent }>,
  accepted: Map<string, LedgerEvent>,
): Decided {
  const { inputs, mode = "all", roleRefusals } = request;
  const errors: FieldError[] = [];
  const outcomes: Outcome[] = [];
  const fresh: LedgerEvent[] = [];
  const inRequest = new Map<string, LedgerEvent>();
  inputs.forEach((input, i) => {
    const prefix = inputs.length > 1 && mode === "all" ? `/events/${i}` : "";
    const refuse = (status: RefusedOutcome["status"], found: FieldError[]) =>
      mode === "each"
        ? outcomes.push({ id: input.id.toLowerCase(), status, errors: found })
        : errors.push(...found.map((e) => ({ ...e, field: prefix + e.field })));
    const forbidden = roleRefusals?.get(i);
    if (forbidden) return refuse("refused", [{ field: "/type", message: forbidden }]);
    const decision = decideEvent(input, ctx);
    const unknownTeam =
      input.team !== undefined && !teams.has(input.team)
        ? [
            {
              field: "/team",
              message: `unknown team ${input.team} in operation ${operation.code}; add it first (POST /api/operations/${operation.code}/teams)`,
            },
          ]
        : [];
    if (!decision.ok || unknownTeam.length > 0)
      return refuse("refused", [...(decision.ok ? [] : decision.errors), ...unknownTeam]);
    const event = decision.event;
    const earlier = stored.get(event.id)?.event ?? inRequest.get(event.id) ?? accepted.get(event.id);
    if (earlier && !sameEvent(earlier, event)) {
      return refuse("conflict", [
        {
          field: "/id",
          message: `event ${event.id} was already recorded with different content; history is never overwritten, so record a correction as a new event`,
        },
      ]);
    }
    if (earlier) return outcomes.push({ id: event.id, seq: stored.get(event.id)?.seq ?? -1, status: "duplicate" });
    inRequest.set(event.id, event);
    fresh.push(event);
    outcomes.push({ id: event.id, seq: -1, status: "created" });
  });
  if (errors.length > 0) {
    const conflict = errors.every((e) => e.field.endsWith("/id"));
    return {
      ok: false,
      error: new AppError(conflict ? "conflict" : "invalid", summarise(errors, inputs.length), errors),
    };
  }
  for (const [id, event] of inRequest) accepted.set(id, event);
  return { ok: true, fresh, outcomes };
}

/** The answer to a batch: counts by outcome and each event's result. */
export function summariseBatch(results: readonly Outcome[], mode: BatchMode) {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const each = mode === "each" ? { refused: count("refused"), conflicts: count("conflict") } : {};
  return { created: count("created"), duplicates: count("duplicate"), ...each, results: [...results] };
}

function summarise(errors: readonly FieldError[], batchSize: number): string {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? "s" : ""})` : "";
  const scope = batchSize > 1 ? "Nothing in this batch was recorded" : "The event was not recorded";
  return `${scope}: ${first.field} ${first.message}${more}.`;
}
