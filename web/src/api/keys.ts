// Query key factory: every server resource has one key shape, so invalidation after a
// mutation names exactly what it touched.
export const keys = {
  me: () => ["me"] as const,
  signInAudit: (email: string, before: number | undefined) => ["sign-in-audit", email, before ?? null] as const,
  capabilities: () => ["capabilities"] as const,
  operations: () => ["operations"] as const,
  operation: (op: string) => ["operations", op] as const,
  locations: (op: string) => ["operations", op, "locations"] as const,
  items: (op: string) => ["operations", op, "items"] as const,
  stock: (op: string) => ["operations", op, "stock"] as const,
  events: (op: string) => ["operations", op, "events"] as const,
  recentEvents: (op: string, count: number) => ["operations", op, "events", "recent", count] as const,
  latestDay: (op: string) => ["operations", op, "events", "latest-day"] as const,
  progress: (op: string) => ["operations", op, "progress"] as const,
  units: (op: string) => ["operations", op, "units"] as const,
  unitBoard: (op: string, filters: object) => ["operations", op, "unit-board", filters] as const,
  allUnits: (op: string) => ["operations", op, "unit-board", "all"] as const,
  unit: (op: string, number: string) => ["operations", op, "units", number] as const,
  openDiscrepancies: (op: string) => ["operations", op, "discrepancies", "open"] as const,
  coverage: (op: string) => ["operations", op, "coverage"] as const,
  discrepancies: (op: string) => ["operations", op, "discrepancies"] as const,
  needs: (op: string) => ["operations", op, "needs"] as const,
  plans: (op: string) => ["operations", op, "plans"] as const,
  assets: (op: string) => ["operations", op, "assets"] as const,
  devices: (op: string) => ["operations", op, "devices"] as const,
  recordingDelays: (op: string, withinHours: number) =>
    ["operations", op, "events", "recording-delays", withinHours] as const,
};
