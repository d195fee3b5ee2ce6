// Coverage per neighbourhood for the dashboard's chart, from the per-item rows of GET …/coverage.
import type { Coverage } from "./allocation.ts";

export type CoverageRow = Coverage["rows"][number];

export interface NeighbourhoodCoverage {
  neighbourhood: string;
  items: number;
  /** Mean over the neighbourhood's needed items of min(1, figure ÷ needed), 0…1. */
  allocated: number;
  distributed: number;
}

/** One share per neighbourhood: items are in different units, so each item counts as its fraction of need. */
export function coverageByNeighbourhood(rows: readonly CoverageRow[]): NeighbourhoodCoverage[] {
  const groups = new Map<string, CoverageRow[]>();
  for (const r of rows)
    if (Number(r.needed) > 0) groups.set(r.neighbourhood, [...(groups.get(r.neighbourhood) ?? []), r]);
  const share = (list: CoverageRow[], pick: (r: CoverageRow) => string) =>
    list.reduce((sum, r) => sum + Math.min(1, Number(pick(r)) / Number(r.needed)), 0) / list.length;
  return [...groups].map(([neighbourhood, list]) => ({
    neighbourhood,
    items: list.length,
    allocated: share(list, (r) => (Number(r.allocated) > Number(r.distributed) ? r.allocated : r.distributed)),
    distributed: share(list, (r) => r.distributed),
  }));
}
