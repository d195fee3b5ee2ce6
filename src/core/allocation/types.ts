// Public types of the fair allocation planner. Quantities cross this interface
// as exact decimal strings; floats live only inside the solver.

export interface AllocationItem {
  code: string;
  /** Stock available at the hub, exact decimal string. */
  stock: string;
  /** Whole units only (cranes, tents). An integer item must have `decimals: 0`. */
  integer: boolean;
  /** Precision of the result, 0..6 decimal places; results are rounded DOWN to it. */
  decimals: number;
  /** Weight of one unit, kg (required when transport capacity by weight is set). */
  weightKg?: string;
  /** Volume of one unit, m³ (required when transport capacity by volume is set). */
  volumeM3?: string;
}

export interface AllocationNeed {
  neighbourhood: string;
  item: string;
  quantity: string;
  /** Weight > 0; higher means served first. Default 1. */
  priority?: number;
}

export interface AllocationTransport {
  trucks: number;
  tripsPerTruck: number;
  /** Capacity of one truck trip by weight; absent = unlimited by weight. */
  capacityKg?: string;
  /** Capacity of one truck trip by volume; absent = unlimited by volume. */
  capacityM3?: string;
}

export interface AllocationProblem {
  items: AllocationItem[];
  needs: AllocationNeed[];
  /** Absent = unlimited transport. */
  transport?: AllocationTransport;
}

/**
 * "optimal": the leximin plan (then rounded down). "no-stock": nothing requested is in stock.
 * "time-limit": the worker runner gave up and returned the proportional split instead.
 * "infeasible" is reserved: handing out nothing always satisfies every constraint, so the
 * planner never returns it today.
 */
export type AllocationStatus = "optimal" | "infeasible" | "no-stock" | "time-limit";

export interface Allocation {
  neighbourhood: string;
  item: string;
  quantity: string;
  needed: string;
  /** quantity / needed, 0..1. */
  coverage: number;
}

export interface BindingConstraint {
  /** e.g. "stock of LUMBER", "truck capacity by weight". */
  constraint: string;
  kind: "stock" | "weight" | "volume";
  item?: string;
}

export interface AllocationResult {
  status: AllocationStatus;
  /** One row per need, in input order. */
  allocations: Allocation[];
  /** Mean coverage of each neighbourhood's needs, in first-seen order. */
  coverageByNeighbourhood: { neighbourhood: string; coverage: number }[];
  /** Lowest coverage of any single need (0..1). */
  minCoverage: number;
  /**
   * Lowest priority-weighted coverage of any need: min of coverage ÷ (priority ÷ top priority).
   * This is what the planner maximises first; equal to `minCoverage` when all priorities are equal.
   */
  fairShare: number;
  /** Sum of need coverages (a need fully served counts 1). */
  totalCoverage: number;
  binding: BindingConstraint[];
  /**
   * Gain in `fairShare` (a fraction: 0.001 = 0.1 percentage point) per extra unit of an
   * item's stock, before rounding; descending. Only the items limiting the minimum are non-zero.
   */
  shadow: { item: string; gainPerUnit: number }[];
  /** Plain-English sentences for a logistics officer. */
  explanation: string[];
}

/** Bad input. `field` points at the offending input, e.g. "needs[3].quantity". */
export class AllocationInputError extends Error {
  readonly field: string;
  /** The message without the field prefix. */
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = "AllocationInputError";
    this.field = field;
    this.reason = reason;
  }
}
