// Which tables a statement writes, as the change counters read it: a table for plain
// writes and for WITH queries writing one table, nothing for reads (WITH queries included),
// and "unknown" for anything else, which moves every counter.
import { describe, expect, it } from "vitest";
import { ChangeFeed, writesOf, writtenBy } from "./changes.ts";

describe("what a statement writes", () => {
  it.each([
    ["select 1", "nothing"],
    ["  SELECT last_seq from operations where id = $1 for update", "nothing"],
    ["with board as (select * from unit_states) select * from board", "nothing"],
    ["insert into events (operation_id) values ($1)", { table: "events" }],
    ["INSERT INTO stock_balances (x) select 1 on conflict do update set quantity = 1", { table: "stock_balances" }],
    ['update "operations" set name = $2 where id = $1', { table: "operations" }],
    ["update ledger_heads set last_seq = $2, last_hash = $3 where operation_id = $1", { table: "ledger_heads" }],
    ["delete from sessions where token_hash = $1", { table: "sessions" }],
    ["truncate table memberships", { table: "memberships" }],
    [
      "with gone as (delete from sessions where user_id = $1 returning 1) select count(*) from gone",
      { table: "sessions" },
    ],
    ["with x as (select 1) update users set name = 'a'", { table: "users" }],
    // An update through an alias, inside a WITH (a phone's contact): still a write to its table.
    [
      "with found as (select d.id from device_credentials d where d.token_hash = $1), " +
        "touched as (update device_credentials d set last_sync_at = $2 from found f where d.id = f.id) select 1",
      { table: "device_credentials" },
    ],
    ["with t as (update only unit_states as s set status = 'x' returning 1) select 1", { table: "unit_states" }],
    [
      "with a as (insert into events (x) values (1) returning 1) insert into stock_moves (x) select 1 from a",
      "unknown",
    ],
    ["with picked as (select id from sessions for update skip locked) select id from picked", "nothing"],
    ["with x as (select 1) merge into users u using x on false when not matched then do nothing", "unknown"],
    ["create table t (x int)", "unknown"],
    ["do $$ begin end $$", "unknown"],
  ])("%s → %j", (sql, written) => {
    expect(writtenBy(sql)).toEqual(written);
  });
});

describe("every table a statement writes", () => {
  it("names each data-modifying part of a WITH query (an append's one write)", () => {
    const append =
      "with new_events as (insert into events (x) select 1), new_moves as (insert into stock_moves (x) select 1), " +
      "new_balances as (insert into stock_balances (x) select 1 on conflict (x) do update set quantity = 1), " +
      "new_head as (update ledger_heads set last_seq = $2 where operation_id = $1) select 1";
    expect(writesOf(append)).toEqual([
      { table: "events" },
      { table: "stock_moves" },
      { table: "stock_balances" },
      { table: "ledger_heads" },
    ]);
  });

  it("is what writtenBy says for one table, a read or a statement it cannot read", () => {
    expect(writesOf("insert into events (x) values (1)")).toEqual([{ table: "events" }]);
    expect(writesOf("select 1")).toEqual(["nothing"]);
    expect(writesOf("create table t (x int)")).toEqual(["unknown"]);
    expect(writesOf("with a as (insert into events (x) values (1)) merge into users u using a on false")).toEqual([
      "unknown",
    ]);
  });
});

describe("the change counters", () => {
  it("move data on any write and access on sign-in tables or unknown writes", () => {
    const feed = new ChangeFeed(true);
    feed.changed(["nothing"]);
    expect([feed.version("data"), feed.version("access")]).toEqual([0, 0]);
    feed.changed([{ table: "events" }, { table: "stock_moves" }]);
    expect([feed.version("data"), feed.version("access")]).toEqual([1, 0]);
    feed.changed([{ table: "memberships" }]);
    expect([feed.version("data"), feed.version("access")]).toEqual([2, 1]);
    feed.changed(["unknown"]);
    expect([feed.version("data"), feed.version("access")]).toEqual([3, 2]);
    feed.changed([{ table: "operations" }]);
    expect([feed.version("data"), feed.version("access")]).toEqual([4, 3]);
  });

  it("move names only on writes to the tables holding names (or unknown writes): an append keeps its names", () => {
    const feed = new ChangeFeed(true);
    feed.changed([{ table: "events" }, { table: "stock_moves" }, { table: "discrepancies" }]);
    expect(feed.version("names")).toBe(0);
    for (const table of ["locations", "items", "consignments", "operations"]) feed.changed([{ table }]);
    expect(feed.version("names")).toBe(4);
    feed.changed(["unknown"]);
    expect(feed.version("names")).toBe(5);
  });

  it("leave out a phone's contact and the chain head's lock: bookkeeping no kept read depends on (018, 019)", () => {
    const feed = new ChangeFeed(true);
    feed.changed([{ table: "device_credentials" }]);
    feed.changed([{ table: "ledger_heads" }]);
    expect([feed.version("data"), feed.version("access")]).toEqual([0, 0]);
    feed.changed([{ table: "device_credentials" }, { table: "events" }]);
    expect([feed.version("data"), feed.version("access")]).toEqual([1, 0]);
  });

  it("is live only while every writer is heard, and counts a gap in hearing as a change", () => {
    const feed = new ChangeFeed(false);
    expect(feed.live).toBe(false);
    feed.setHearing(true);
    expect(feed.live).toBe(true);
    const before = feed.version("access");
    feed.setHearing(false);
    expect(feed.live).toBe(false);
    expect(feed.version("access")).toBeGreaterThan(before);
  });
});
