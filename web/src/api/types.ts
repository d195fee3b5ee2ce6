// The shapes the API answers with (see /api/openapi.json).
import type { EventType } from "../../../src/core/events.ts";
import type { Role } from "../../../src/core/roles.ts";

export interface User {
  id: string;
  email: string;
  name: string;
  organisation: string | null;
  isAdmin: boolean;
  mustChangePassword: boolean;
}

/** A name in other languages: {"ru": {"name": "Пиломатериалы"}} (an operation's may add a description). */
export type Names = Record<string, { name: string; description?: string }>;

export interface Operation {
  code: string;
  name: string;
  names?: Names;
  description: string;
  timeZone: string;
  createdAt: string;
  lastSeq: number;
  lastHash: string;
  role: Role;
}

export interface Location {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  unlocode: string | null;
  latitude: string | null;
  longitude: string | null;
  organisation: string | null;
  names?: Names;
}

export interface Item {
  code: string;
  name: string;
  uom: string;
  kind: string;
  weightKg: string | null;
  volumeM3: string | null;
  names?: Names;
}

export interface Balance {
  location: string;
  item: string;
  quantity: string;
  uom: string;
}

export interface EventLine {
  item: string;
  quantity: string;
  expected?: string;
  uom?: string;
  condition?: "good" | "damaged";
}

export interface LedgerEvent {
  id: string;
  type: EventType;
  eventTime: string;
  location?: string;
  unit?: string;
  from?: string;
  to?: string;
  neighbourhood?: string;
  team?: string;
  lines?: EventLine[];
  households?: number;
  people?: number;
  note?: string;
  /** Set by the field app (src/core/events.ts EventOrigin). */
  origin?: {
    device: string;
    offline?: boolean;
    deviceTime?: string;
    clockOffsetMs?: number;
    claimedEventTime?: string;
  };
}

export interface RecordedEvent {
  seq: number;
  recordedAt: string;
  recordedBy: string;
  event: LedgerEvent;
  prevHash: string;
  hash: string;
}

export interface RecordOutcome {
  id: string;
  seq: number;
  status: "created" | "duplicate";
}
