// The demo's events to 19 December 2020, written as a field team would have recorded
// them. Part 2's seventeen cars were unloaded at the railhead on 19 December, but the
// team never recorded their arrival: the ledger says 9 of 54 arrived (the figure the
// press service published) while 26 were unloaded. Reconciliation exists to catch that.
import { createHash } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import type { EventInput, EventType, LineInput } from "../core/events.ts";
import { DEMO_CARS, DEMO_TRUCKS, HUB, ORIGIN, RAILHEAD } from "./origin.ts";

const MOSCOW = "+03:00";
const YEREVAN = "+04:00";

/** Deterministic UUIDv7: the event time gives the timestamp, the label the random bits, so reloading the demo is a no-op. */
function demoId(label: string, eventTime: string): string {
  const random = Uint8Array.from(createHash("sha256").update(label).digest().subarray(0, 16));
  return uuidv7({ msecs: Date.parse(eventTime), random });
}

export function demoEvents(): EventInput[] {
  const events: EventInput[] = [];
  const add = (
    label: string,
    type: EventType,
    eventTime: string,
    rest: Omit<EventInput, "id" | "type" | "eventTime">,
  ) => events.push({ id: demoId(label, eventTime), type, eventTime, ...rest });
  const lines = (cargo: { item: string; quantity: string }[]): LineInput[] =>
    cargo.map((c) => ({ item: c.item, quantity: c.quantity }));
  const sent = DEMO_CARS.filter((c) => c.part !== 3);

  add("pledge", "GoodsPledged", `2020-11-25T10:00:00${MOSCOW}`, {
    from: "donor:MCHS",
    location: ORIGIN,
    team: "MCHS-NOGINSK",
    lines: totals(sent.flatMap((c) => c.cargo)),
    note: "Goods for parts 1 and 2 brought to the Noginsk base",
  });

  const part1 = sent.filter((c) => c.part === 1);
  const part2 = sent.filter((c) => c.part === 2);
  part1.forEach((car, i) => {
    add(`load ${car.number}`, "GoodsLoaded", `2020-11-27T${String(9 + (i % 8)).padStart(2, "0")}:00:00${MOSCOW}`, {
      unit: car.number,
      location: ORIGIN,
      team: "MCHS-NOGINSK",
      lines: lines(car.cargo),
    });
    add(`depart ${car.number}`, "UnitDeparted", `2020-11-28T06:00:00${MOSCOW}`, { unit: car.number, location: ORIGIN });
    add(`arrive ${car.number}`, "UnitArrived", `2020-12-06T${String(8 + i).padStart(2, "0")}:30:00${YEREVAN}`, {
      unit: car.number,
      location: RAILHEAD,
      team: "JG-STP",
    });
    add(`unload ${car.number}`, "GoodsUnloaded", `2020-12-07T${String(9 + (i % 8)).padStart(2, "0")}:00:00${YEREVAN}`, {
      unit: car.number,
      location: RAILHEAD,
      team: "JG-STP",
      lines: lines(car.cargo),
    });
  });
  part2.forEach((car, i) => {
    add(`load ${car.number}`, "GoodsLoaded", `2020-12-08T${String(8 + (i % 10)).padStart(2, "0")}:00:00${MOSCOW}`, {
      unit: car.number,
      location: ORIGIN,
      team: "MCHS-NOGINSK",
      lines: lines(car.cargo),
    });
    add(`depart ${car.number}`, "UnitDeparted", `2020-12-09T05:30:00${MOSCOW}`, { unit: car.number, location: ORIGIN });
    // From 07:00 one car every quarter of an hour: the lumber is all off by 10:45, before the
    // trucks load it at 11:00, and the crane comes off its flatcar at 11:00, before it drives away.
    const minutes = 7 * 60 + 15 * i;
    const at = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    add(`unload ${car.number}`, "GoodsUnloaded", `2020-12-19T${at}:00${YEREVAN}`, {
      unit: car.number,
      location: RAILHEAD,
      team: "JG-STP",
      lines: lines(car.cargo),
    });
  });

  // Road leg, part 1: six trucks on 8 December, counted in at the hub.
  const part1Loads = [
    ["CEMENT", "60"],
    ["CEMENT", "60"],
    ["GLASS", "3000"],
    ["BLANKET", "6000"],
    ["FLOUR", "55"],
    ["FLOUR", "55"],
  ] as const;
  part1Loads.forEach(([item, quantity], i) =>
    truckTrip(`p1-${i}`, DEMO_TRUCKS[i]!, "2020-12-08", [{ item, quantity }], i),
  );
  // Road leg, part 2: ten trucks of lumber on 19 December; the crane drives itself.
  for (let i = 0; i < 10; i++)
    truckTrip(`p2-${i}`, DEMO_TRUCKS[i % DEMO_TRUCKS.length]!, "2020-12-19", [{ item: "LUMBER", quantity: "30" }], i);
  add("crane to hub", "StockTransferred", `2020-12-19T13:00:00${YEREVAN}`, {
    from: RAILHEAD,
    to: HUB,
    team: "JG-STP",
    lines: [{ item: "CRANE", quantity: "1" }],
    note: "Unloaded from its flatcar and driven to Stepanakert under its own power",
  });
  return events.sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));

  function truckTrip(
    label: string,
    truck: string,
    day: string,
    cargo: { item: string; quantity: string }[],
    i: number,
  ) {
    const hour = (h: number) =>
      `${day}T${String(h).padStart(2, "0")}:${String((i * 5) % 60).padStart(2, "0")}:00${YEREVAN}`;
    add(`ship ${label}`, "GoodsShipped", hour(11), {
      unit: truck,
      location: RAILHEAD,
      team: "JG-STP",
      lines: lines(cargo),
    });
    add(`depart ${label}`, "UnitDeparted", hour(12), { unit: truck, location: RAILHEAD });
    add(`arrive ${label}`, "UnitArrived", hour(19), { unit: truck, location: HUB, team: "JG-STP" });
    add(`unload ${label}`, "GoodsUnloaded", hour(20), {
      unit: truck,
      location: HUB,
      team: "JG-STP",
      lines: lines(cargo),
    });
    // Part 1's blankets were counted at the hub: 40 arrived damaged and were written off.
    if (cargo.some((c) => c.item === "BLANKET")) {
      add(`count ${label}`, "GoodsReceived", hour(21), {
        location: HUB,
        team: "JG-STP",
        lines: [{ item: "BLANKET", quantity: "5960", expected: "6000", condition: "good" }],
      });
    }
  }
}

function totals(cargo: { item: string; quantity: string }[]): LineInput[] {
  const byItem = new Map<string, number>();
  for (const c of cargo) byItem.set(c.item, (byItem.get(c.item) ?? 0) + Number(c.quantity));
  return [...byItem].map(([item, q]) => ({ item, quantity: String(q) }));
}
