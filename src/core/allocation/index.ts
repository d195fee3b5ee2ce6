// Fair allocation planner: public surface.
export { planAllocation } from "./planner.ts";
export { proportionalSplit } from "./proportional.ts";
export { auditAllocation, type AllocationAudit } from "./audit.ts";
export {
  AllocationInputError,
  type Allocation,
  type AllocationItem,
  type AllocationNeed,
  type AllocationProblem,
  type AllocationResult,
  type AllocationStatus,
  type AllocationTransport,
  type BindingConstraint,
} from "./types.ts";
