import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type { Operation } from "./types.ts";

export function useOperations() {
  return useQuery({ queryKey: keys.operations(), queryFn: () => api<Operation[]>("/api/operations") });
}

export const operationQuery = (op: string) =>
  queryOptions({
    queryKey: keys.operation(op),
    queryFn: () => api<Operation>(`/api/operations/${encodeURIComponent(op)}`),
  });

export function useOperation(op: string) {
  return useQuery(operationQuery(op));
}
