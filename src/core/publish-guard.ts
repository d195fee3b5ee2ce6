// The publish guard: which open discrepancies touch the figures of a publication, and
// whether the publisher acknowledged every one of them. Pure: scopes arrive as data.
//
// What "touches a figure" means. A figure counts or sums something about a set of
// transport units, consignments, items and places, up to an instant (a statement's day
// ends at midnight; a snapshot's figures stand now). A discrepancy is about units, a
// consignment, or an item at a place (its subject and the events that show it), from the
// moment its evidence begins. It touches a figure when it began before the figure's end
// and they share a unit, or a consignment, or both an item and a place. So the 17 cars
// unloaded without a recorded arrival touch "26 of 54 arrived" and "17 cars unloaded on
// 19 December"; the press figure "9 of 54 arrived" (a claim about that consignment)
// touches the same figures; a short count of blankets at the hub on 8 December touches
// the hub's blanket stock but no figure of a statement about lumber and a crane.

/** What one published figure is about. Empty lists: the figure depends on none of that kind. */
export interface FigureScope {
  id: string;
  label: string;
  /** The end of the period the figure covers (ISO 8601); null when it stands now. */
  until: string | null;
  units?: readonly string[];
  consignments?: readonly string[];
  items?: readonly string[];
  places?: readonly string[];
  /** Only discrepancies of these kinds touch it (a consignment's planned units: only "more units than planned"). */
  kinds?: readonly string[];
}

/** What one open discrepancy is about. */
export interface DiscrepancyScope {
  id: string;
  kind: string;
  /** When its evidence begins (ISO 8601); null when it has none with a time. */
  since: string | null;
  units: readonly string[];
  consignments: readonly string[];
  items: readonly string[];
  places: readonly string[];
}

const meets = (a: readonly string[] | undefined, b: readonly string[]) => (a ?? []).some((x) => b.includes(x));

/** The figures a discrepancy touches, in the order given. */
export function touchedFigures(d: DiscrepancyScope, figures: readonly FigureScope[]): FigureScope[] {
  return figures.filter((f) => {
    if (f.kinds && !f.kinds.includes(d.kind)) return false;
    if (f.until !== null && d.since !== null && Date.parse(d.since) >= Date.parse(f.until)) return false;
    return (
      meets(f.units, d.units) ||
      meets(f.consignments, d.consignments) ||
      (meets(f.items, d.items) && meets(f.places, d.places))
    );
  });
}

/** An event that shows a discrepancy, reduced to what scopes need. */
export interface EvidenceEvent {
  id: string;
  time: string;
  unit?: string;
  places: string[];
  items: string[];
}

/**
 * The scope of a discrepancy from its subject (`unit:`, `event:`, `stock:`,
 * `consignment:`, `claim:`), the consignment it names (a claim's), and its evidence.
 */
export function discrepancyScope(
  d: { id: string; kind: string; subject: string; consignment?: string | undefined; at?: string | undefined },
  evidence: readonly EvidenceEvent[],
): DiscrepancyScope {
  const [kind, rest = ""] = splitSubject(d.subject);
  // A claim is about its consignment's figure; its evidence (the events that contradict it) is not what it is about.
  const about = kind === "claim" ? [] : evidence;
  const units = new Set<string>(about.flatMap((e) => (e.unit ? [e.unit] : [])));
  const places = new Set<string>(about.flatMap((e) => e.places));
  const items = new Set<string>(about.flatMap((e) => e.items));
  const consignments = new Set<string>(d.consignment ? [d.consignment] : []);
  if (kind === "unit") units.add(rest);
  if (kind === "consignment") consignments.add(rest);
  if (kind === "stock") {
    const bar = rest.lastIndexOf("|");
    places.add(rest.slice(0, bar));
    items.add(rest.slice(bar + 1));
  }
  const times = [...evidence.map((e) => e.time), ...(d.at ? [d.at] : [])]
    .map((t) => Date.parse(t))
    .filter((t) => Number.isFinite(t));
  return {
    id: d.id,
    kind: d.kind,
    since: times.length > 0 ? new Date(Math.min(...times)).toISOString() : null,
    units: [...units],
    consignments: [...consignments],
    items: [...items],
    places: [...places],
  };
}

function splitSubject(subject: string): [string, string] {
  const colon = subject.indexOf(":");
  return colon < 0 ? [subject, ""] : [subject.slice(0, colon), subject.slice(colon + 1)];
}

/** The publisher's acknowledgement: the discrepancies by id, and why it is published anyway. */
export interface Acknowledgement {
  discrepancies: readonly string[];
  note: string;
}

export type GuardVerdict =
  { ok: true; acknowledged: readonly string[] } | { ok: false; missing: readonly string[]; noteMissing: boolean };

/**
 * Publishing may go ahead when nothing open touches its figures, or when the
 * acknowledgement names every discrepancy that does and says why in a note. Ids named
 * that no longer touch anything (resolved meanwhile) are simply not recorded.
 */
export function guardVerdict(touching: readonly string[], ack: Acknowledgement | undefined): GuardVerdict {
  if (touching.length === 0) return { ok: true, acknowledged: [] };
  const named = new Set(ack?.discrepancies ?? []);
  const missing = touching.filter((id) => !named.has(id));
  const noteMissing = (ack?.note ?? "").trim() === "";
  if (missing.length > 0 || noteMissing) return { ok: false, missing, noteMissing };
  return { ok: true, acknowledged: touching };
}
