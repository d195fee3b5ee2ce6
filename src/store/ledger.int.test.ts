import { beforeAll, describe, expect, it } from "vitest";
import { describeOnEngines } from "../../test/helpers/engines.ts";
import { OP, donorOf, event, line, NOW, seedOperation } from "../../test/helpers/fixtures.ts";
import type { Principal } from "../app/principal.ts";
import { recordEvents } from "../app/record-events.ts";
import { rebuildOperation, verifyOperation } from "../app/ledger.ts";
import { findOperation, findOperationWithHead } from "./catalogue.sql.ts";

describeOnEngines("the event ledger", (db) => {
  let admin: Principal;
  beforeAll(async () => {
    admin = await seedOperation(db());
  });

  const balances = () =>
    db().query<{ location_code: string; item_code: string; quantity: string }>(
      "select location_code, item_code, quantity::text as quantity from stock_balances order by 1, 2",
    );

  it("records a pledge and a loading as moves between locations", async () => {
    const pledge = event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("LUMBER", "300")] });
    const load = event("GoodsLoaded", { unit: "24073082", location: "DEPOT", lines: [line("LUMBER", "120.5")] });
    const outcomes = await recordEvents(db(), admin, OP, [pledge, load], NOW);
    expect(outcomes.map((o) => [o.status, o.seq])).toEqual([
      ["created", 1],
      ["created", 2],
    ]);
    const rows = await balances();
    expect(rows).toContainEqual({ location_code: "DEPOT", item_code: "LUMBER", quantity: "179.5" });
    expect(rows).toContainEqual({ location_code: "unit:24073082", item_code: "LUMBER", quantity: "120.5" });
    expect(rows).toContainEqual({ location_code: donorOf(), item_code: "LUMBER", quantity: "-300" });
  });

  it("answers the same event id again as a duplicate and changes nothing", async () => {
    const arrive = event("UnitArrived", { unit: "24073082", location: "RAILHEAD" });
    const [first] = await recordEvents(db(), admin, OP, [arrive], NOW);
    const before = await balances();
    const [again] = await recordEvents(db(), admin, OP, [arrive], NOW);
    expect(again).toEqual({ id: arrive.id, seq: first!.seq, status: "duplicate" });
    expect(await balances()).toEqual(before);
  });

  it("refuses the same id with different content as a conflict", async () => {
    const arrive = event("UnitArrived", { unit: "54512348", location: "RAILHEAD" });
    await recordEvents(db(), admin, OP, [arrive], NOW);
    await expect(recordEvents(db(), admin, OP, [{ ...arrive, location: "HUB" }], NOW)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("stores nothing of a batch with one bad event", async () => {
    const op = await findOperationWithHead(db(), OP);
    const good = event("GoodsUnloaded", { unit: "24073082", location: "RAILHEAD", lines: [line("LUMBER", "1")] });
    const bad = event("GoodsUnloaded", { unit: "24073082", location: "RAILHEAD", lines: [line("NO-SUCH-ITEM", "1")] });
    await expect(recordEvents(db(), admin, OP, [good, bad], NOW)).rejects.toMatchObject({
      code: "invalid",
      errors: [{ field: "/events/1/lines/0/item" }],
    });
    expect((await findOperationWithHead(db(), OP))!.lastSeq).toBe(op!.lastSeq);
  });

  it("stores a large batch (written with COPY) exactly as hashed, awkward text included", async () => {
    const notes = [
      "tab\there",
      "line\nbreak\r\n",
      "back\\slash \\N",
      "quote \" and ' and \u00e9 \u0416 \ud83d\ude9a",
      "\\.",
      "",
    ];
    const batch = Array.from({ length: 150 }, (_, i) =>
      i % 2 === 0
        ? event("GoodsLoaded", {
            unit: "54512348",
            location: "DEPOT",
            lines: [line("FLOUR", `${i + 1}.25`)],
            note: notes[i % notes.length]!,
          })
        : event("GoodsUnloaded", {
            unit: "54512348",
            location: "HUB",
            lines: [line("FLOUR", `${i}.25`)],
            note: notes[i % notes.length]!,
          }),
    );
    const outcomes = await recordEvents(db(), admin, OP, batch, NOW);
    const op = (await findOperation(db(), OP))!;
    const [stored] = await db().query<{ body: { note: string } }>(
      "select body from events where operation_id = $1 and seq = $2",
      [op.id, outcomes[3]!.seq],
    );
    expect(stored!.body.note).toBe(notes[3]);
    expect(await verifyOperation(db(), op)).toMatchObject({ ok: true });
    expect(await balances()).toContainEqual({ location_code: "HUB", item_code: "FLOUR", quantity: "5643.75" });
  });

  it("rebuilds identical balances by replaying the events", async () => {
    const op = (await findOperationWithHead(db(), OP))!;
    const moves = () => db().query("select * from stock_moves order by seq, line");
    const [beforeBalances, beforeMoves] = [await balances(), await moves()];
    await rebuildOperation(db(), op);
    expect(await balances()).toEqual(beforeBalances);
    expect(await moves()).toEqual(beforeMoves);
  });

  describe("verification", () => {
    it("finds an intact chain intact", async () => {
      const result = await verifyOperation(db(), (await findOperationWithHead(db(), OP))!);
      expect(result).toMatchObject({ ok: true });
    });

    it("names the event whose row was altered with SQL", async () => {
      const op = (await findOperationWithHead(db(), OP))!;
      await db().query(
        `update events set body = jsonb_set(body, '{lines,0,quantity}', '"400"') where operation_id = $1 and seq = 1`,
        [op.id],
      );
      expect(await verifyOperation(db(), op)).toMatchObject({ ok: false, seq: 1 });
      await db().query(
        `update events set body = jsonb_set(body, '{lines,0,quantity}', '"300"') where operation_id = $1 and seq = 1`,
        [op.id],
      );
      expect(await verifyOperation(db(), op)).toMatchObject({ ok: true });
    });
  });
});
