// Consignment progress: units per lifecycle step, per part and per leg (GET …/progress).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";

export const STAGES = ["loaded", "departed", "arrived", "unloaded", "received"] as const;
export type Stage = (typeof STAGES)[number];
export type StageCounts = Record<Stage, number>;

export interface PartProgress {
  part: number;
  plannedUnits: number | null;
  plannedDeparture: string | null;
  registered: number;
  /** Units with this very step recorded. */
  recorded: StageCounts;
  /** Units at this step or a later one. */
  reached: StageCounts;
  maxDaysInTransit: string | null;
}

export interface LegProgress {
  seq: number;
  mode: string;
  from: string;
  to: string;
  departed: number;
  /** Arrived at the leg's end, recorded or implied by an unloading there. */
  arrived: number;
  arrivedRecorded: number;
  unloaded: number;
}

/** The figure that leads: units the ledger implies arrived, the arrivals recorded and the gap. */
export interface LeadFigure {
  stage: "arrived";
  planned: number;
  reached: number;
  recorded: number;
  inferred: number;
}

export interface ConsignmentProgress {
  code: string;
  name: string;
  origin: string;
  destination: string;
  plannedUnits: number;
  mode: string;
  registered: number;
  recorded: StageCounts;
  reached: StageCounts;
  lead: LeadFigure;
  names?: Record<string, { name: string }>;
  parts: PartProgress[];
  legs: LegProgress[];
}

export const progressQuery = (op: string) =>
  queryOptions({
    queryKey: keys.progress(op),
    queryFn: () => api<ConsignmentProgress[]>(`/api/operations/${encodeURIComponent(op)}/progress`),
  });

export function useProgress(op: string, enabled = true) {
  return useQuery({ ...progressQuery(op), enabled });
}
