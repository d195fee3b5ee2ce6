// The unit board (GET …/units) and one unit with its manifest and timeline (GET …/units/:number).
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type { RecordedEvent } from "./types.ts";

/** A unit's lifecycle, in order (the server's UNIT_STATUSES in src/core/unit-history.ts). */
export const UNIT_STATUSES = ["planned", "loaded", "departed", "arrived", "unloaded", "received"] as const;

export interface CargoLine {
  item: string;
  quantity: string;
  uom: string;
}

export interface UnitRow {
  unit: string;
  kind: string | null;
  consignment: string | null;
  part: number | null;
  status: string;
  departedAt: string | null;
  departedFrom: string | null;
  arrivedAt: string | null;
  unloadedAt: string | null;
  lastLocation: string | null;
  lastEventType: string | null;
  lastEventTime: string | null;
  daysInTransit: string | null;
  cargo: CargoLine[];
}

export interface UnitDetail {
  unit: { number: string; kind: string; scheme: string; numberVerified: boolean; consignment: string | null; part: number | null };
  state: { status: string; lastLocation?: string; lastEventTime?: string };
  manifest: CargoLine[];
  timeline: Pick<RecordedEvent, "seq" | "recordedAt" | "event">[];
  discrepancies: { id: string; kind: string; status: string; explanation: string }[];
}

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}`;

export function useUnits(op: string) {
  return useQuery({ queryKey: keys.units(op), queryFn: () => api<UnitRow[]>(`${base(op)}/units`) });
}

/** One unit; its discrepancies are explained in `language`. */
export function useUnit(op: string, number: string, language = "en") {
  return useQuery({
    queryKey: [...keys.unit(op, number), language],
    queryFn: () => api<UnitDetail>(`${base(op)}/units/${encodeURIComponent(number)}?lang=${language === "ru" ? "ru" : "en"}`),
  });
}
