// A reason the server gave for refusing an event (its English sentence, as core/decide.ts,
// app/decide-request.ts and app/record-events.ts write it) as a message of the field app, so a
// Russian phone says it in Russian. The codes it names (a place, an item, a unit) are kept; an
// event type, a role, a unit of measure and a kind of personal data are said in words. A reason
// with no message here is shown as the server wrote it ("The server said: …").
import type { FieldKey } from "../../../src/i18n/en-field.ts";
import { EVENT_TYPES, type EventType } from "../../../../src/core/events.ts";
import { ROLES, type Role } from "../../../../src/core/roles.ts";

/** A value in a reason: a code as it is, a message of the app, or a unit of measure to show as its symbol. */
export type Term = string | { key: FieldKey } | { uom: string };
export type Reason = { key: FieldKey; vars: Record<string, Term> } | { text: string };

const type = (t: string): Term => (EVENT_TYPES.includes(t as EventType) ? { key: `event.${t}` as FieldKey } : t);
const role = (r: string): Term => (ROLES.includes(r as Role) ? { key: `role.${r}` as FieldKey } : r);
const KINDS = ["e-mail address", "phone number", "ID or passport number"];
const kind = (k: string): Term => (KINDS.includes(k) ? { key: `reason.kind.${k}` as FieldKey } : k);

type Rule = [RegExp, FieldKey, (m: RegExpExecArray) => Record<string, Term>];
const none = () => ({});

/** In order: the first pattern that matches the whole reason wins. */
const RULES: Rule[] = [
  [
    /^this event belongs to operation (\S+), but it was sent to operation \S+$/,
    "reason.otherOperation",
    (m) => ({ operation: m[1]! }),
  ],
  [/^event time must be an ISO 8601 date and time with a time-zone offset/, "reason.badTime", none],
  [/^event time \S+ is in the future \(server time \S+\); check the device clock$/, "reason.futureTime", none],
  [/^must not contain control characters$/, "reason.control", none],
  [/^unknown location (\S+) in operation \S+$/, "reason.unknownLocation", (m) => ({ code: m[1]! })],
  [/^location (\S+) is an? \S+, expected .+$/, "reason.wrongLocation", (m) => ({ code: m[1]! })],
  [/^\w+ needs the location where it happened$/, "reason.needsLocation", none],
  [/^\w+ needs the transport unit number$/, "reason.needsUnit", none],
  [/^\w+ does not take a transport unit$/, "reason.noUnit", none],
  [/^unknown transport unit (\S+) in operation \S+$/, "reason.unknownUnit", (m) => ({ unit: m[1]! })],
  [
    /^\w+ takes goods (?:to|from) (\S+); leave out (?:to|from), or record a separate transfer$/,
    "reason.fixedEndpoint",
    (m) => ({ code: m[1]! }),
  ],
  [/^\w+ needs the location the goods come from$/, "reason.needsFrom", none],
  [/^GoodsDistributed needs the neighbourhood that received the goods$/, "reason.needsNeighbourhood", none],
  [/^\w+ needs the location the goods go to$/, "reason.needsTo", none],
  [/^goods cannot move from (\S+) to itself$/, "reason.sameFromTo", (m) => ({ code: m[1]! })],
  [/^households and people are recorded on distributions only$/, "reason.countsOnDistribution", none],
  [
    /^the note looks like it holds an? (.+?); Reliefline stores no personal data/,
    "reason.personal",
    (m) => ({ kind: kind(m[1]!) }),
  ],
  [/^\w+ moves no goods; /, "reason.noLines", none],
  [/^\w+ needs at least one line of goods$/, "reason.needsLines", none],
  [/^unknown item (\S+) in operation \S+$/, "reason.unknownItem", (m) => ({ item: m[1]! })],
  [/^unknown unit of measure (\S+): /, "reason.unknownUom", (m) => ({ uom: m[1]! })],
  [
    /^item (\S+) is counted in (\S+), not (\S+)$/,
    "reason.wrongUom",
    (m) => ({ item: m[1]!, uom: { uom: m[2]! }, given: { uom: m[3]! } }),
  ],
  [/^an expected quantity belongs to a count at receipt/, "reason.expectedAtReceipt", none],
  [/^quantity must be greater than zero$/, "reason.quantityZero", none],
  [/^quantity must not be negative/, "reason.quantityNegative", none],
  [/^quantity must be a decimal number/, "reason.quantity", none],
  [/^(\S+) is counted in whole pieces; got (\S+)$/, "reason.wholePieces", (m) => ({ item: m[1]!, quantity: m[2]! })],
  [/^equipment is handed over into an organisation's custody/, "reason.custodyOnly", none],
  [/^(\S+) is [\w-]+, not equipment: /, "reason.notEquipment", (m) => ({ item: m[1]! })],
  [
    /^your role in operation \S+ is (\S+), which may not record (\w+) events/,
    "reason.role",
    (m) => ({ role: role(m[1]!), type: type(m[2]!) }),
  ],
  [/^event \S+ was already recorded with different content; /, "reason.conflict", none],
  [/^unknown team (\S+) in operation \S+; add it first/, "reason.unknownTeam", (m) => ({ team: m[1]! })],
  [/^only a device sign-in records an origin$/, "reason.origin", none],
];

export function refusalReason(message: string): Reason {
  for (const [pattern, key, vars] of RULES) {
    const m = pattern.exec(message);
    if (m) return { key, vars: vars(m) };
  }
  return { text: message };
}
