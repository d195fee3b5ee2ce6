// The Today screen's figures from the phone's own outbox: what this team recorded on a
// day (the operation's calendar day), waiting versus stored, units unloaded, cargo by
// item, households and people reached. Pure.
import type { OutboxEntry } from "./outbox.ts";
import { dayIn } from "../calendar.ts";

/** Exact sum of two quantities (at most 6 decimals, as the ledger takes them), without decimal.js in the phone's bundle. */
export function addQuantities(a: string, b: string): string {
  const scaled = (q: string) => {
    const [whole = "0", fraction = ""] = q.split(".");
    return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6) || "0");
  };
  const sum = scaled(a) + scaled(b);
  const fraction = (sum % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${sum / 1_000_000n}${fraction ? `.${fraction}` : ""}`;
}

export interface DaySummary {
  entries: OutboxEntry[];
  stored: number;
  waiting: number;
  unitsUnloaded: string[];
  unloadedByItem: Record<string, string>;
  households: number;
  people: number;
}

/** Whether an instant falls before the end of `day` (YYYY-MM-DD) in the time zone: "by the end of the day". */
export const byEndOf =
  (day: string, timeZone: string) =>
  (instant: string): boolean =>
    dayIn(timeZone, instant) <= day;

export function daySummary(all: readonly OutboxEntry[], day: string, timeZone: string, team?: string): DaySummary {
  const entries = all.filter(
    (e) =>
      e.state !== "discarded" &&
      dayIn(timeZone, e.event.eventTime) === day &&
      (team === undefined || e.team === team || e.event.team === team),
  );
  const units = new Set<string>();
  const byItem: Record<string, string> = {};
  let households = 0;
  let people = 0;
  for (const { event } of entries) {
    if (event.type === "GoodsUnloaded" && event.unit) {
      units.add(event.unit);
      for (const l of event.lines ?? []) byItem[l.item] = addQuantities(byItem[l.item] ?? "0", String(l.quantity));
    }
    if (event.type === "GoodsDistributed") {
      households += event.households ?? 0;
      people += event.people ?? 0;
    }
  }
  return {
    entries,
    stored: entries.filter((e) => e.state === "stored").length,
    waiting: entries.filter((e) => e.state === "waiting" || e.state === "sent").length,
    unitsUnloaded: [...units].sort(),
    unloadedByItem: byItem,
    households,
    people,
  };
}
