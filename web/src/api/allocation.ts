// Needs, allocation plans, coverage and equipment custody: one hook per resource.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";

export interface Need {
  neighbourhood: string;
  item: string;
  quantity: string;
  priority: number;
  households: number | null;
  people: number | null;
  source: string;
  assessedOn: string;
}

export interface NeedInput {
  neighbourhood: string;
  item: string;
  quantity: string;
  priority?: number;
  households?: number;
  people?: number;
  source: string;
  assessedOn: string;
}

export interface Transport {
  trucks: number;
  tripsPerTruck: number;
  capacityKg?: string;
  capacityM3?: string;
}

export interface BindingConstraint {
  constraint: string;
  kind: string;
  item?: string;
}

export interface PlanLine {
  neighbourhood: string;
  item: string;
  quantity: string;
  needed: string;
  coverage: number;
}

export interface Plan {
  id: string;
  status: string;
  hub: string;
  transport: Transport | null;
  minCoverage: number;
  fairShare: number;
  totalCoverage: number;
  binding: BindingConstraint[];
  shadow: { item: string; gainPerUnit: number }[];
  explanation: string[];
  createdAt: string;
  approvedAt: string | null;
  lines: PlanLine[];
}

export interface CoverageFigures {
  item: string;
  needed: string;
  allocated: string;
  dispatched: string;
  distributed: string;
  gap: string;
}

export interface Coverage {
  rows: (CoverageFigures & { neighbourhood: string })[];
  totals: CoverageFigures[];
}

export interface Asset {
  item: string;
  name: string;
  quantity: string;
  location: string;
  custodian: string | null;
}

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}`;

export function useNeeds(op: string, enabled = true) {
  return useQuery({ queryKey: keys.needs(op), queryFn: () => api<Need[]>(`${base(op)}/needs`), enabled });
}

export function useAddNeeds(op: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (needs: NeedInput[]) => api<Need[]>(`${base(op)}/needs`, { method: "POST", body: { needs } }),
    onSuccess: () =>
      client
        .invalidateQueries({ queryKey: keys.needs(op) })
        .then(() => client.invalidateQueries({ queryKey: keys.coverage(op) })),
  });
}

export function useImportNeeds(op: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: { format: "csv" | "xlsx"; content: string; contentEncoding?: "text" | "base64" }) =>
      api<Need[]>(`${base(op)}/needs/import`, { method: "POST", body: file }),
    onSuccess: () =>
      client
        .invalidateQueries({ queryKey: keys.needs(op) })
        .then(() => client.invalidateQueries({ queryKey: keys.coverage(op) })),
  });
}

export function usePlans(op: string, enabled = true) {
  return useQuery({ queryKey: keys.plans(op), queryFn: () => api<Plan[]>(`${base(op)}/plans`), enabled });
}

/** How many plans are approved (what "allocated" counts) and how many are drafts (not counted). */
export function planCounts(plans: readonly Pick<Plan, "status">[]): { approved: number; draft: number } {
  return {
    approved: plans.filter((p) => p.status === "approved").length,
    draft: plans.filter((p) => p.status === "draft").length,
  };
}

export function useCreatePlan(op: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { hub?: string; transport?: Transport }) =>
      api<Plan>(`${base(op)}/plans`, { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.plans(op) }),
  });
}

export function useApprovePlan(op: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ plan: Plan; events: { id: string; seq: number; status: string }[] }>(
        `${base(op)}/plans/${encodeURIComponent(id)}/approve`,
        { method: "POST" },
      ),
    // Approval ships goods: stock, coverage and the ledger all change.
    onSuccess: () => client.invalidateQueries({ queryKey: keys.operation(op) }),
  });
}

/** `enabled: false` holds the request back (the dashboard asks for its headline figures first). */
export function useCoverage(op: string, enabled = true) {
  return useQuery({ queryKey: keys.coverage(op), queryFn: () => api<Coverage>(`${base(op)}/coverage`), enabled });
}

export function useAssets(op: string) {
  return useQuery({ queryKey: keys.assets(op), queryFn: () => api<Asset[]>(`${base(op)}/assets`) });
}
