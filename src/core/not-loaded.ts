// "Not yet loaded": one rule for every page that says it (the dashboard's progress bar, the
// map). A consignment's units not yet loaded are its plan's count (or the units registered
// to it, or loaded, when more) less those with a loading or any later step recorded. Units
// outside any consignment (the trucks of a road leg) are counted apart, by what they are,
// so that trucks are never added to a consignment's rail cars under one word. Pure.

/** What a transport unit is, in the words a figure uses: a rail car, a truck, a container. */
export type TransportClass = "car" | "truck" | "container";

const CLASSES: readonly TransportClass[] = ["car", "truck", "container"];

/** Wagons of every kind are rail cars; a truck is a truck; a container a container. */
export function transportClassOf(kind: string | null | undefined): TransportClass {
  if (kind === "truck") return "truck";
  if (kind === "container") return "container";
  return "car";
}

/** A consignment's units not yet loaded: max(planned, registered, loaded) − loaded. */
export function consignmentNotYetLoaded(c: { planned: number; registered: number; loaded: number }): number {
  return Math.max(c.planned, c.registered, c.loaded) - c.loaded;
}

/** A unit as a board lists it: "planned" means no step of its trip is recorded. */
export interface BoardUnit {
  kind: string | null;
  consignment: string | null;
  status: string;
}

export interface NotYetLoaded {
  /** Per consignment (in the order given): its units not yet loaded, of its plan. */
  consignments: { code: string; planned: number; count: number }[];
  /** Units of no consignment with no step recorded, by class; classes with none left out. */
  unassigned: { class: TransportClass; count: number }[];
}

/**
 * Counts what is not yet loaded from the units on a board and each consignment's planned
 * count, by `consignmentNotYetLoaded`, the rule the dashboard applies to the progress figures.
 */
export function notYetLoaded(
  units: Iterable<BoardUnit>,
  consignments: readonly { code: string; plannedUnits: number }[],
): NotYetLoaded {
  const registered = new Map<string, number>();
  const loaded = new Map<string, number>();
  const unassigned = new Map<TransportClass, number>();
  for (const u of units) {
    const waiting = u.status === "planned";
    if (u.consignment === null) {
      if (waiting) unassigned.set(transportClassOf(u.kind), (unassigned.get(transportClassOf(u.kind)) ?? 0) + 1);
      continue;
    }
    registered.set(u.consignment, (registered.get(u.consignment) ?? 0) + 1);
    if (!waiting) loaded.set(u.consignment, (loaded.get(u.consignment) ?? 0) + 1);
  }
  return {
    consignments: consignments.map((c) => ({
      code: c.code,
      planned: c.plannedUnits,
      count: consignmentNotYetLoaded({
        planned: c.plannedUnits,
        registered: registered.get(c.code) ?? 0,
        loaded: loaded.get(c.code) ?? 0,
      }),
    })),
    unassigned: CLASSES.filter((k) => (unassigned.get(k) ?? 0) > 0).map((k) => ({
      class: k,
      count: unassigned.get(k)!,
    })),
  };
}

/** The word for a consignment's units by its mode: rail (or rail then road) cars, road trucks, else units. */
export function unitNounOfMode(mode: string): "car" | "truck" | "unit" {
  if (mode === "road") return "truck";
  if (mode === "rail" || mode === "multimodal") return "car";
  return "unit";
}
