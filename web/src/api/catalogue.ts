import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type { Item, Location } from "./types.ts";

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}`;

/** `enabled: false` holds the request back (the dashboard asks for its headline figures first). */
export function useLocations(op: string, enabled = true) {
  return useQuery({
    queryKey: keys.locations(op),
    queryFn: () => api<Location[]>(`${base(op)}/locations`),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useItems(op: string, enabled = true) {
  return useQuery({
    queryKey: keys.items(op),
    queryFn: () => api<Item[]>(`${base(op)}/items`),
    staleTime: 5 * 60_000,
    enabled,
  });
}
