// Concurrent appends to one operation share a transaction (group commit), yet each
// request keeps its own answer: its sequence numbers, duplicates and conflicts, and its
// own refusal when it is bad, without failing the good requests beside it.
import { beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { OP, donorOf, event, line, NOW, seedOperation } from "../../test/helpers/fixtures.ts";
import type { Principal } from "./principal.ts";
import { appendGroup, recordEvents } from "./record-events.ts";
import { verifyOperation } from "./ledger.ts";
import { findOperation, findOperationWithHead } from "../store/catalogue.sql.ts";
import { listDiscrepancies } from "./reconcile.ts";
import type { EventInput } from "../core/events.ts";

describeOnEngines("appends to one operation at the same time", (db) => {
  let admin: Principal;
  beforeAll(async () => {
    admin = await seedOperation(db());
  });

  const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);

  it("gives every request its own gap-free sequence numbers, in one chain that verifies", async () => {
    const before = (await findOperationWithHead(db(), OP))!.lastSeq;
    const singles = Array.from({ length: 12 }, (_, i) =>
      event("UnitArrived", { unit: i % 2 ? "24073082" : "54512348", location: "RAILHEAD" }),
    );
    const batch = [
      event("GoodsPledged", { from: "donor:DONOR-TEST-OP", location: "DEPOT", lines: [line("LUMBER", "5")] }),
      event("UnitArrived", { unit: "24073082", location: "HUB" }),
    ];
    const results = await Promise.all([
      ...singles.map((e) => recordEvents(db(), admin, OP, [e], NOW)),
      recordEvents(db(), admin, OP, batch, NOW),
    ]);
    const seqs = results
      .flat()
      .map((o) => o.seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 14 }, (_, i) => before + i + 1));
    expect(results.flat().every((o) => o.status === "created")).toBe(true);
    // A batch's events keep their order and stay together.
    const [pledge, arrival] = results.at(-1)!;
    expect(arrival!.seq).toBe(pledge!.seq + 1);
    expect(await verifyOperation(db(), (await findOperation(db(), OP))!)).toMatchObject({ ok: true });
  });

  it("refuses a bad request alone: the good requests around it are recorded", async () => {
    const before = (await findOperationWithHead(db(), OP))!.lastSeq;
    const good = Array.from({ length: 6 }, () => event("UnitArrived", { unit: "24073082", location: "HUB" }));
    const bad = event("GoodsLoaded", { unit: "24073082", location: "DEPOT", lines: [line("NO-SUCH-ITEM", "1")] });
    const badBatch = [
      event("UnitArrived", { unit: "54512348", location: "HUB" }),
      { ...event("UnitArrived", { location: "HUB" }), unit: "99999999" },
    ];
    const results = await settle([
      ...good.slice(0, 3).map((e) => recordEvents(db(), admin, OP, [e], NOW)),
      recordEvents(db(), admin, OP, [bad], NOW),
      recordEvents(db(), admin, OP, badBatch, NOW),
      ...good.slice(3).map((e) => recordEvents(db(), admin, OP, [e], NOW)),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({
      code: "invalid",
      errors: [{ field: "/lines/0/item" }],
    });
    expect((results[4] as PromiseRejectedResult).reason).toMatchObject({
      code: "invalid",
      errors: [{ field: "/events/1/unit" }],
    });
    expect((await findOperationWithHead(db(), OP))!.lastSeq).toBe(before + 6);
  });

  it("answers the same event sent by two requests at once as one created and one duplicate with its seq", async () => {
    const arrival = event("UnitArrived", { unit: "54512348", location: "RAILHEAD" });
    const [a, b] = await Promise.all([
      recordEvents(db(), admin, OP, [arrival], NOW),
      recordEvents(db(), admin, OP, [arrival], NOW),
    ]);
    expect([a![0]!.status, b![0]!.status].sort()).toEqual(["created", "duplicate"]);
    expect(a![0]!.seq).toBe(b![0]!.seq);
  });

  it("answers the same id with other content, sent at once, as a conflict for the later request only", async () => {
    // Which request reaches the queue first is up to the pool (each looks its operation up first):
    // one is created and the other, whichever it is, is the conflict.
    const arrival = event("UnitArrived", { unit: "54512348", location: "RAILHEAD" });
    const results = await settle([
      recordEvents(db(), admin, OP, [arrival], NOW),
      recordEvents(db(), admin, OP, [{ ...arrival, location: "HUB" }], NOW),
    ]);
    const created = results.filter((r) => r.status === "fulfilled");
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ value: [{ status: "created" }] });
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
  });

  it("decides each request of one group in order, against what the requests before it added", async () => {
    const operation = (await findOperation(db(), OP))!;
    const first = event("UnitArrived", { unit: "24073082", location: "RAILHEAD" });
    const request = (inputs: ReturnType<typeof event>[]) => ({ operation, userId: admin.userId, inputs, now: NOW });
    const results = await db().transaction((tx) =>
      appendGroup(tx, operation, [
        request([first]),
        request([event("UnitArrived", { unit: "24073082", location: "NOWHERE" })]),
        request([first]),
        request([{ ...first, location: "HUB" }]),
        request([event("UnitArrived", { unit: "54512348", location: "HUB" }), first]),
      ]),
    );
    expect(
      results.map((r) => (r.ok ? r.value.map((o) => o.status).join(",") : (r.error as { code: string }).code)),
    ).toEqual(["created", "invalid", "duplicate", "conflict", "created,duplicate"]);
    const seqOf = (i: number, j = 0) => (results[i] as { value: { seq: number }[] }).value[j]!.seq;
    expect(seqOf(2)).toBe(seqOf(0));
    expect(seqOf(4, 1)).toBe(seqOf(0));
    expect(seqOf(4)).toBe(seqOf(0) + 1);
    expect((await findOperationWithHead(db(), OP))!.lastSeq).toBe(seqOf(4));
  });

  it("checks stock in event-time order inside the group: it leaves open what one request at a time leaves", async () => {
    // The same facts, to two operations: as one group, and request by request.
    const flour = (from: string, to: string, quantity: string, eventTime: string, code: string) =>
      event("StockTransferred", {
        from: from === "donor" ? donorOf(code) : from,
        to,
        lines: [line("FLOUR", quantity)],
        eventTime,
      });
    const facts = (code: string): EventInput[][] => [
      [
        event("GoodsPledged", {
          from: donorOf(code),
          location: "DEPOT",
          lines: [line("FLOUR", "500")],
          eventTime: "2020-12-01T08:00:00+04:00",
        }),
      ],
      [flour("HUB", "N1", "40", "2020-12-03T10:00:00+04:00", code)], // the hub ships flour it has not received yet
      [flour("DEPOT", "HUB", "60", "2020-12-05T10:00:00+04:00", code)],
      [flour("DEPOT", "HUB", "25", "2020-12-02T10:00:00+04:00", code)], // a late receipt: 15 still missing on the 3rd
    ];
    const filler = (code: string): EventInput[][] => [
      [flour("DEPOT", "HUB", "15", "2020-12-03T09:00:00+04:00", code)],
      [flour("HUB", "N1", "5", "2020-12-06T10:00:00+04:00", code)],
    ];
    const grouped = await seedOperation(db(), "GROUPED-OP");
    const single = await seedOperation(db(), "SINGLE-OP");
    const inOneGroup = async (inputs: EventInput[][]) => {
      const operation = (await findOperation(db(), "GROUPED-OP"))!;
      const results = await db().transaction((tx) =>
        appendGroup(
          tx,
          operation,
          inputs.map((i) => ({ operation, userId: grouped.userId, inputs: i, now: NOW })),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
    };
    const oneByOne = async (inputs: EventInput[][]) => {
      for (const i of inputs) await recordEvents(db(), single, "SINGLE-OP", i, NOW);
    };
    const negatives = async (principal: Principal, code: string) =>
      (await listDiscrepancies(db(), principal, code, { kind: "negative-stock" })).map((d) => ({
        subject: d.subject,
        status: d.status,
        facts: d.facts,
      }));

    await inOneGroup(facts("GROUPED-OP"));
    await oneByOne(facts("SINGLE-OP"));
    const open = await negatives(grouped, "GROUPED-OP");
    expect(open).toMatchObject([
      { subject: "stock:HUB|FLOUR", status: "open", facts: { balance: "-15", time: "2020-12-03T06:00:00.000Z" } },
    ]);
    expect(await negatives(single, "SINGLE-OP")).toEqual(open);

    await inOneGroup(filler("GROUPED-OP"));
    await oneByOne(filler("SINGLE-OP"));
    expect(await negatives(grouped, "GROUPED-OP")).toMatchObject([
      { subject: "stock:HUB|FLOUR", status: "superseded" },
    ]);
    expect(await negatives(single, "SINGLE-OP")).toEqual(await negatives(grouped, "GROUPED-OP"));
  });
});
