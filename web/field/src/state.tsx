// The app's state: the session, the working set held on the phone, the outbox, the
// connection, and the sync in progress. Recording writes to the outbox first (durable),
// then sends when online; a sync also runs when the connection returns, when the app
// starts, and every minute while events wait.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { EventInput } from "../../../src/core/events.ts";
import { countByState, transition, type OutboxEntry, type Route } from "../../../src/core/field/outbox.ts";
import { stampTime } from "../../../src/core/field/clock.ts";
import type { Stamp } from "../../../src/core/field/flows.ts";
import { offsetMinutes } from "../../src/lib/zoned-time.ts";
import {
  askToKeepStorage,
  outboxEntries,
  putEntries,
  readHeldSet,
  readMeta,
  takeNumbers,
  updateMeta,
  type HeldSet,
  type Meta,
  type Session,
  type Settings,
} from "./store/db.ts";
import { sendOutbox, type SyncProgress } from "./sync/sync.ts";
import { refreshWorkingSet } from "./sync/working-set.ts";
import { endsSession, NoAnswer } from "./sync/api.ts";

export interface FieldState {
  ready: boolean;
  meta: Meta;
  held?: HeldSet;
  entries: OutboxEntry[];
  online: boolean;
  syncing?: SyncProgress;
  syncError?: "offline" | "signed-out";
  setSession(session: Session): Promise<void>;
  endSession(reason?: string): Promise<void>;
  setSettings(settings: Settings): Promise<void>;
  stamp(): Stamp;
  record(flow: string, events: EventInput[], route?: Route): Promise<OutboxEntry[]>;
  decide(entry: OutboxEntry, action: { type: "discard" } | { type: "replace"; by: EventInput }): Promise<void>;
  sync(): Promise<void>;
  reload(): Promise<void>;
}

const Context = createContext<FieldState | null>(null);

export function FieldStateProvider({ children }: { children: ReactNode }) {
  const [meta, setMeta] = useState<Meta | undefined>();
  const [held, setHeld] = useState<HeldSet | undefined>();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [online, setOnline] = useState(navigator.onLine);
  const [syncing, setSyncing] = useState<SyncProgress | undefined>();
  const [syncError, setSyncError] = useState<FieldState["syncError"]>();
  const busy = useRef(false);

  const reload = useCallback(async () => {
    const [m, h, e] = await Promise.all([readMeta(), readHeldSet(), outboxEntries()]);
    setMeta(m);
    setHeld(h);
    setEntries(e);
  }, []);

  const sync = useCallback(async () => {
    const m = await readMeta();
    const session = m.session;
    if (busy.current || !session || session.ended || !navigator.onLine) return;
    busy.current = true;
    try {
      // Progress only while sending: the entries are read once it is done.
      const result = await sendOutbox(session, setSyncing);
      if (!result.ok) {
        setSyncError(result.reason);
        if (result.reason === "signed-out")
          await updateMeta((x) => ({ ...x, ...(x.session && { session: { ...x.session, ended: result.detail } }) }));
        return;
      }
      const left = countByState(await outboxEntries());
      await refreshWorkingSet(session, left.waiting + left.sent);
      setSyncError(undefined);
    } catch (error) {
      if (endsSession(error)) {
        setSyncError("signed-out");
        await updateMeta((x) => ({
          ...x,
          ...(x.session && { session: { ...x.session, ended: error.problem.detail } }),
        }));
      } else if (error instanceof NoAnswer) setSyncError("offline");
      else throw error;
    } finally {
      busy.current = false;
      setSyncing(undefined);
      await reload();
    }
  }, [reload]);

  useEffect(() => {
    void reload().then(() => sync());
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    addEventListener("online", up);
    addEventListener("offline", down);
    const timer = setInterval(() => void sync(), 60_000);
    return () => {
      removeEventListener("online", up);
      removeEventListener("offline", down);
      clearInterval(timer);
    };
  }, [reload, sync]);

  const value = useMemo<FieldState | undefined>(
    () =>
      meta && {
        ready: true,
        meta,
        held,
        entries,
        online,
        syncing,
        syncError,
        reload,
        sync,
        async setSession(session) {
          await updateMeta((m) => ({ ...m, session }));
          await askToKeepStorage();
          await reload();
        },
        async endSession(reason) {
          await updateMeta((m) => {
            const { session: _session, ...rest } = m;
            return reason && m.session ? { ...rest, session: { ...m.session, ended: reason } } : rest;
          });
          await reload();
        },
        async setSettings(settings) {
          await updateMeta((m) => ({ ...m, settings: { ...m.settings, ...settings } }));
          await reload();
        },
        stamp() {
          const now = Date.now();
          const offset = meta.clockOffsetMs ?? 0;
          const zone = held ? offsetMinutes(held.operation.timeZone, now + offset) : 0;
          return stampTime(now, offset, zone, !navigator.onLine);
        },
        async record(flow, all, route = { kind: "batch" }) {
          // A step already in the outbox (its id is derived from the unit's trip) is not recorded twice.
          const held = new Set((await outboxEntries()).filter((e) => e.state !== "discarded").map((e) => e.id));
          const events = all.filter((e) => !held.has(e.id));
          if (events.length === 0) return [];
          const first = await takeNumbers(events.length);
          const team = (await readMeta()).settings?.team;
          const created: OutboxEntry[] = events.map((event, i) => ({
            id: event.id,
            n: first + i,
            event,
            route,
            state: "waiting",
            flow,
            attempts: 0,
            recordedAt: event.eventTime,
            ...(team && { team }),
          }));
          await putEntries(created);
          if (!(await readMeta()).storageKept) await askToKeepStorage();
          await reload();
          void sync();
          return created;
        },
        async decide(entry, action) {
          if (action.type === "discard") {
            await putEntries([transition(entry, { type: "discard" })]);
          } else {
            const [n] = [await takeNumbers(1)];
            const fresh: OutboxEntry = {
              id: action.by.id,
              n,
              event: action.by,
              route: entry.route,
              state: "waiting",
              flow: "correction",
              attempts: 0,
              recordedAt: action.by.eventTime,
              ...(entry.team && { team: entry.team }),
            };
            await putEntries([transition(entry, { type: "replace", by: action.by.id }), fresh]);
          }
          await reload();
          void sync();
        },
      },
    [meta, held, entries, online, syncing, syncError, reload, sync],
  );

  return value ? (
    <Context.Provider value={value}>{children}</Context.Provider>
  ) : (
    <p className="boot" role="status">
      …
    </p>
  );
}

export function useField(): FieldState {
  const value = useContext(Context);
  if (!value) throw new Error("useField outside FieldStateProvider");
  return value;
}
