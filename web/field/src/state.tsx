// The app's state: the session, the working set held on the phone, the outbox, the
// connection, and the sync in progress. Recording writes to the outbox first (durable),
// then sends when online; a sync also runs when the connection returns, when the app
// starts, and every minute while events wait. When the server says "not now" (429, 503, 507…)
// the automatic syncs wait until the time it asked for, or back off (core/field/retry.ts); that
// time is kept in IndexedDB, so a reload or the phone reopening the app waits for it too.
// "Sync now" is the user's own choice and sends at once.
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
  readRetryWait,
  storeRetryWait,
  takeNumbers,
  updateMeta,
  type HeldSet,
  type Meta,
  type Session,
  type Settings,
} from "./store/db.ts";
import { notNow, sendOutbox, type SyncProgress, type SyncResult } from "./sync/sync.ts";
import { refreshWorkingSet } from "./sync/working-set.ts";
import { revokeKept } from "./sync/revoke.ts";
import { endsSession, NoAnswer, ProblemError } from "./sync/api.ts";
import { sendAgainLater } from "../../../src/core/field/sync-plan.ts";
import { nextWait, remainingMs, waitAsOf, type RetryWait } from "../../../src/core/field/retry.ts";

export interface FieldState {
  ready: boolean;
  meta: Meta;
  held?: HeldSet;
  entries: OutboxEntry[];
  online: boolean;
  syncing?: SyncProgress;
  syncError?: "offline" | "busy" | "signed-out";
  /** After the server said "not now": when the app tries again by itself (ms since the epoch, the phone's clock). */
  retryAt?: number;
  setSession(session: Session): Promise<void>;
  endSession(reason?: string): Promise<void>;
  setSettings(settings: Settings): Promise<void>;
  stamp(): Stamp;
  record(flow: string, events: EventInput[], route?: Route): Promise<OutboxEntry[]>;
  decide(entry: OutboxEntry, action: { type: "discard" } | { type: "replace"; by: EventInput }): Promise<void>;
  /** Sends the outbox; an automatic sync waits for `retryAt`, the user's ("Sync now") does not. */
  sync(by?: "user"): Promise<void>;
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
  const [retryAt, setRetryAt] = useState<number | undefined>();
  const busy = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const reload = useCallback(async () => {
    const [m, h, e] = await Promise.all([readMeta(), readHeldSet(), outboxEntries()]);
    setMeta(m);
    setHeld(h);
    setEntries(e);
  }, []);

  /** Shows when the wait ends and sets the timer that runs `then` once it is over. */
  const waitFor = useCallback((wait: RetryWait | undefined, then: () => void) => {
    clearTimeout(retryTimer.current);
    setRetryAt(wait?.until);
    const left = remainingMs(wait, Date.now());
    if (left > 0) retryTimer.current = setTimeout(then, left);
  }, []);

  const sync = useCallback(
    async (by?: "user") => {
      const m = await readMeta();
      const session = m.session;
      if (busy.current || !session || session.ended || !navigator.onLine) return;
      const wait = waitAsOf(m.retry, Date.now());
      if (by !== "user" && remainingMs(wait, Date.now()) > 0) {
        // Not before the server's time: the timer syncs then (set again, in case it fired early or the clock moved).
        if (wait !== m.retry) await storeRetryWait(wait);
        waitFor(wait, () => void sync());
        return;
      }
      busy.current = true;
      let result: SyncResult;
      // Busy until the outcome's wait is stored: a sync asked for in between (the connection coming back,
      // a recording, the minute's timer) would otherwise read no wait and send before the server's time.
      try {
        try {
          // Progress only while sending: the entries are read once it is done.
          result = await sendOutbox(session, setSyncing);
          if (result.ok) {
            const left = countByState(await outboxEntries());
            await refreshWorkingSet(session, left.waiting + left.sent);
          }
        } catch (error) {
          if (endsSession(error)) result = { ok: false, reason: "signed-out", detail: error.problem.detail };
          else if (error instanceof NoAnswer) result = { ok: false, reason: "offline" };
          else if (error instanceof ProblemError && sendAgainLater(error.status)) result = notNow(error);
          else {
            void reload();
            throw error;
          }
        } finally {
          setSyncing(undefined);
        }
        // The server answered "not now": wait (across reloads) at least what it asked. Any other outcome ends the wait.
        const next =
          !result.ok && result.reason === "busy"
            ? nextWait(wait, result.retryAfterMs, Date.now(), Math.random())
            : undefined;
        await storeRetryWait(next);
        waitFor(next, () => void sync());
      } finally {
        busy.current = false;
      }
      setSyncError(result.ok ? undefined : result.reason);
      if (!result.ok && result.reason === "signed-out")
        await updateMeta((x) => ({ ...x, ...(x.session && { session: { ...x.session, ended: result.detail } }) }));
      await reload();
    },
    [reload, waitFor],
  );

  useEffect(() => {
    // A wait from before the reload still holds: say so, and sync (by itself) only when it is over.
    void reload()
      .then(() => readRetryWait(Date.now()))
      .then((wait) => {
        if (remainingMs(wait, Date.now()) > 0) setSyncError("busy");
        waitFor(wait, () => void sync());
        return sync();
      });
    // Credentials signed out of offline: revoked at the next connection, then forgotten.
    const revoke = () => void revokeKept().then((forgotten) => (forgotten ? reload() : undefined));
    revoke();
    const up = () => {
      setOnline(true);
      revoke();
      void sync();
    };
    const down = () => setOnline(false);
    addEventListener("online", up);
    addEventListener("offline", down);
    const timer = setInterval(() => {
      revoke();
      void sync();
    }, 60_000);
    return () => {
      removeEventListener("online", up);
      removeEventListener("offline", down);
      clearInterval(timer);
      clearTimeout(retryTimer.current);
    };
  }, [reload, sync, waitFor]);

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
        retryAt,
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
    [meta, held, entries, online, syncing, syncError, retryAt, reload, sync],
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
