import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type { Balance } from "./types.ts";

/** Every non-zero balance of the operation; pages filter on the client (the list is per location × item, small). */
export function useStock(op: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.stock(op),
    queryFn: () => api<Balance[]>(`/api/operations/${encodeURIComponent(op)}/stock`),
    refetchInterval: 30_000,
  });
}
