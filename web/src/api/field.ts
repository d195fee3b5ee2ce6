// The operations room's view of the field app: devices (list, revoke) and recording delays.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}`;

export interface Device {
  id: string;
  email: string;
  userName: string;
  role: string;
  label: string;
  installationId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastSyncAt: string | null;
  lastOutboxSize: number | null;
  lastClockOffsetMs: number | null;
  state: "active" | "expired" | "revoked";
}

export interface DelayDay {
  team: string | null;
  day: string;
  events: number;
  fromDevices: number;
  offline: number;
  medianSeconds: number;
  withinHours: number;
  withinShare: number;
}

export const useDevices = (op: string) =>
  useQuery({
    queryKey: keys.devices(op),
    queryFn: () => api<Device[]>(`${base(op)}/devices`),
    refetchInterval: 30_000,
  });

export function useRevokeDevice(op: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`${base(op)}/devices/${id}/revoke`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.devices(op) }),
  });
}

export const useRecordingDelays = (op: string, withinHours: number) =>
  useQuery({
    queryKey: keys.recordingDelays(op, withinHours),
    queryFn: () =>
      api<{ withinHours: number; days: DelayDay[] }>(`${base(op)}/field/recording-delays?withinHours=${withinHours}`),
  });

/** The consignments' codes and names, to choose which units a label sheet covers. */
export const useConsignmentChoices = (op: string) =>
  useQuery({
    queryKey: [...keys.operation(op), "consignments"],
    queryFn: () => api<{ code: string; name: string }[]>(`${base(op)}/consignments`),
  });
