// Concurrent appends to one operation share a transaction (group commit), yet each
// request keeps its own answer: its sequence numbers, duplicates and conflicts, and its
// own refusal when it is bad, without failing the good requests beside it.
import { beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { OP, event, line, NOW, seedOperation } from "../../test/helpers/fixtures.ts";
import type { Principal } from "./principal.ts";
import { appendGroup, recordEvents } from "./record-events.ts";
import { verifyOperation } from "./ledger.ts";
import { findOperation } from "../store/catalogue.sql.ts";

describeOnEngines("appends to one operation at the same time", (db) => {
  let admin: Principal;
  beforeAll(async () => {
    admin = await seedOperation(db());
  });

  const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);

  it("gives every request its own gap-free sequence numbers, in one chain that verifies", async () => {
    const before = (await findOperation(db(), OP))!.lastSeq;
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
    const before = (await findOperation(db(), OP))!.lastSeq;
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
    expect((await findOperation(db(), OP))!.lastSeq).toBe(before + 6);
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
    const arrival = event("UnitArrived", { unit: "54512348", location: "RAILHEAD" });
    const results = await settle([
      recordEvents(db(), admin, OP, [arrival], NOW),
      recordEvents(db(), admin, OP, [{ ...arrival, location: "HUB" }], NOW),
    ]);
    expect(results[0]).toMatchObject({ status: "fulfilled", value: [{ status: "created" }] });
    expect(results[1]).toMatchObject({ status: "rejected", reason: { code: "conflict" } });
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
    expect((await findOperation(db(), OP))!.lastSeq).toBe(seqOf(4));
  });
});
