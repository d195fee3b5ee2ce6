import { describe, expect, it } from "vitest";
import type { SnapshotInput } from "./publication.ts";
import { buildSnapshot, snapshotTitle, verifyCommand } from "./publication.ts";

const HASH = "a".repeat(64);
const stages = (loaded: number, departed: number, arrived: number, unloaded: number, received: number) => ({
  loaded,
  departed,
  arrived,
  unloaded,
  received,
});

const input = (over: Partial<SnapshotInput> = {}): SnapshotInput => ({
  operation: { code: "OP", name: "Operation", timeZone: "Asia/Yerevan" },
  head: { seq: 155, hash: HASH },
  computedAt: "2026-01-01T00:00:00.000Z",
  locations: [
    { code: "HUB", name: "The hub", kind: "hub-warehouse" },
    { code: "DEPOT", name: "Origin depot", kind: "origin-depot" },
    { code: "N1", name: "North", kind: "neighbourhood" },
    { code: "N2", name: "South", kind: "neighbourhood" },
    { code: "unit:24073082", name: "Wagon", kind: "transport-unit" },
  ],
  items: [
    { code: "LUMBER", name: "Lumber", uom: "MTQ" },
    { code: "CRANE", name: "Crane", uom: "H87" },
    { code: "FLOUR", name: "Flour", uom: "TNE" },
  ],
  consignments: [
    {
      code: "C54",
      name: "54 rail cars",
      origin: "DEPOT",
      destination: "HUB",
      mode: "multimodal",
      plannedUnits: 54,
      registered: 54,
      recorded: stages(26, 26, 9, 26, 0),
      reached: stages(26, 26, 26, 26, 0),
      cargo: [
        { item: "LUMBER", planned: "200", unloaded: "200", received: "0" },
        { item: "CRANE", planned: "1", unloaded: "1", received: "0" },
        { item: "LUMBER", planned: "100.5", unloaded: "100", received: "0" },
      ],
    },
  ],
  balances: [
    { location: "HUB", item: "LUMBER", quantity: "300" },
    { location: "DEPOT", item: "FLOUR", quantity: "40" },
    { location: "unit:24073082", item: "LUMBER", quantity: "0.5" },
    { location: "donor:X", item: "LUMBER", quantity: "-300.5" },
    { location: "N1", item: "LUMBER", quantity: "5" },
  ],
  coverage: [
    { neighbourhood: "N2", item: "LUMBER", needed: "40", dispatched: "10", distributed: "10", gap: "30" },
    { neighbourhood: "N1", item: "LUMBER", needed: "90", dispatched: "15", distributed: "10", gap: "80" },
  ],
  distributions: [
    { neighbourhood: "N1", households: 3, people: 8, lines: [{ item: "LUMBER", quantity: "4" }] },
    {
      neighbourhood: "N1",
      households: 2,
      lines: [
        { item: "LUMBER", quantity: "6" },
        { item: "FLOUR", quantity: "0.25" },
      ],
    },
    { neighbourhood: "N2", people: 4, lines: [{ item: "LUMBER", quantity: "10" }] },
  ],
  ...over,
});

describe("a snapshot built from the ledger's figures", () => {
  const snapshot = buildSnapshot(input());

  it("carries the ledger head it was computed at", () => {
    expect(snapshot).toMatchObject({
      kind: "snapshot",
      operation: { code: "OP", name: "Operation" },
      ledger: { seq: 155, hash: HASH },
      computedAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("says how many of the planned units reached each step: 9 of 54 arrived, 26 at arrival or later", () => {
    expect(snapshot.consignments[0]).toMatchObject({
      plannedUnits: 54,
      units: { arrived: 9, unloaded: 26, received: 0 },
      reached: { arrived: 26 },
      origin: { code: "DEPOT", name: "Origin depot" },
      destination: { code: "HUB", name: "The hub" },
    });
  });

  it("sums the cargo of all parts per item, exactly", () => {
    expect(snapshot.consignments[0]!.cargo).toEqual([
      { item: { code: "CRANE", name: "Crane" }, uom: "H87", planned: "1", unloaded: "1", received: "0" },
      { item: { code: "LUMBER", name: "Lumber" }, uom: "MTQ", planned: "300.5", unloaded: "300", received: "0" },
    ]);
  });

  it("shows stock only where it is stored (the hubs), not at origins, on wagons, at donors or in neighbourhoods", () => {
    expect(snapshot.stock).toEqual([
      {
        location: { code: "HUB", name: "The hub" },
        item: { code: "LUMBER", name: "Lumber" },
        uom: "MTQ",
        quantity: "300",
      },
    ]);
  });

  it("gives each neighbourhood its needs, deliveries and distributions, and the households and people reached", () => {
    expect(snapshot.neighbourhoods.map((n) => n.neighbourhood.code)).toEqual(["N1", "N2"]);
    const [n1, n2] = snapshot.neighbourhoods;
    expect(n1).toMatchObject({ neighbourhood: { name: "North" }, households: 5, people: 8 });
    expect(n1!.items).toEqual([
      {
        item: { code: "FLOUR", name: "Flour" },
        uom: "TNE",
        needed: "0",
        dispatched: "0",
        distributed: "0.25",
        gap: "0",
      },
      {
        item: { code: "LUMBER", name: "Lumber" },
        uom: "MTQ",
        needed: "90",
        dispatched: "15",
        distributed: "10",
        gap: "80",
      },
    ]);
    expect(n2).toMatchObject({
      households: 0,
      people: 4,
      items: [{ item: { code: "LUMBER" }, needed: "40", distributed: "10", gap: "30" }],
    });
  });

  it("is empty but well-formed for an operation with no events", () => {
    const empty = buildSnapshot(
      input({
        head: { seq: 0, hash: "0".repeat(64) },
        consignments: [],
        balances: [],
        coverage: [],
        distributions: [],
      }),
    );
    expect(empty).toMatchObject({ ledger: { seq: 0 }, consignments: [], stock: [], neighbourhoods: [] });
  });

  it("depends on nothing but its input: the same figures give the same content", () => {
    expect(buildSnapshot(input())).toEqual(snapshot);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});

describe("the words around a publication", () => {
  it("titles a snapshot in its language", () => {
    expect(snapshotTitle("Rail aid", "2020-12-19", "en")).toBe("Rail aid: figures as of 2020-12-19");
    expect(snapshotTitle("Rail aid", "2020-12-19", "ru")).toBe("Rail aid: сводка на 2020-12-19");
  });

  it("gives the exact command that checks a head against an export", () => {
    expect(verifyCommand("OP", { seq: 155, hash: HASH })).toBe(
      `reliefline verify --export OP.ledger.jsonl --hash ${HASH} --seq 155`,
    );
  });
});
