// Live updates: an EventSource on the operation's ledger stream. Every message means an
// event was committed, so every query of that operation is invalidated (batched: a bulk
// import sends thousands of messages, the UI refetches a few times at most). After a
// reconnect the caches are invalidated too, in case something was missed meanwhile.
import { createContext, useContext, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { keys } from "./keys.ts";

export type LiveStatus = "connecting" | "live" | "offline";
export interface LiveState {
  status: LiveStatus;
  /** Sequence number of the last event announced on the stream. */
  lastSeq: number | null;
}

const BATCH_MS = 250;

export function useLiveLedger(op: string, enabled = true): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>({ status: "connecting", lastSeq: null });
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/operations/${encodeURIComponent(op)}/stream`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let opened = false;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void client.invalidateQueries({ queryKey: keys.operation(op) });
      }, BATCH_MS);
    };
    source.onopen = () => {
      if (opened) refresh();
      opened = true;
      setState((s) => ({ ...s, status: "live" }));
    };
    source.onmessage = (message) => {
      const { seq } = JSON.parse(message.data as string) as { seq: number };
      setState({ status: "live", lastSeq: seq });
      refresh();
    };
    source.onerror = () =>
      setState((s) => ({ ...s, status: source.readyState === EventSource.CLOSED ? "offline" : "connecting" }));
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [op, enabled, client]);
  return state;
}

export const LiveContext = createContext<LiveState>({ status: "offline", lastSeq: null });
export const useLive = () => useContext(LiveContext);
