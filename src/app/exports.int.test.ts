// The demo's stock and distributions as CSV and HXL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { freshPglite } from "../../test/helpers/engines.ts";
import { DEMO, seedDemo } from "../../test/helpers/demo.ts";
import { NOW, event, line } from "../../test/helpers/fixtures.ts";
import type { Db } from "../store/db.ts";
import type { Principal } from "./principal.ts";
import { recordEvents } from "./record-events.ts";
import { exportCsv } from "./exports.ts";

describe("CSV and HXL exports of the demo operation", () => {
  let db: Db;
  let admin: Principal;
  const csv = async (table: "stock" | "distributions", hxl: boolean) =>
    parse(await exportCsv(db, admin, DEMO, table, { hxl, now: NOW })) as string[][];
  const row = (rows: string[][], ...cells: string[]) => rows.find((r) => cells.every((c) => r.includes(c)));

  beforeAll(async () => {
    db = await freshPglite();
    admin = await seedDemo(db);
    const hub = { location: "STP-HUB", team: "JG-STP" };
    await recordEvents(
      db,
      admin,
      DEMO,
      [
        event("GoodsDistributed", {
          ...hub,
          eventTime: "2020-12-20T10:00:00+04:00",
          neighbourhood: "STP-CENTRE",
          lines: [line("BLANKET", "300"), line("FLOUR", "2.5")],
          households: 150,
          people: 480,
        }),
        event("GoodsDistributed", {
          ...hub,
          eventTime: "2020-12-21T10:00:00+04:00",
          neighbourhood: "STP-CENTRE",
          lines: [line("BLANKET", "100")],
          households: 50,
          people: 160,
        }),
        event("GoodsDistributed", {
          ...hub,
          eventTime: "2020-12-21T12:00:00+04:00",
          neighbourhood: "STP-NORTH",
          lines: [line("BLANKET", "200")],
          households: 100,
          people: 310,
        }),
      ],
      NOW,
    );
  });
  afterAll(async () => db.close());

  describe("stock", () => {
    it("has a human header row and, for HXL, the hashtag row right under it", async () => {
      const [header, tags] = await csv("stock", true);
      expect(header).toEqual([
        "Operation",
        "Location code",
        "Location",
        "Location type",
        "Organisation",
        "Item code",
        "Item",
        "Quantity in stock",
        "Unit (UN/CEFACT)",
        "As of",
        "Source",
      ]);
      expect(tags).toEqual([
        "#activity +programme +code",
        "#loc +code",
        "#loc +name",
        "#loc +type",
        "#org +code",
        "#item +code",
        "#item +name",
        "#indicator +num +x_stock",
        "#item +x_uom",
        "#date +reported",
        "#meta +source",
      ]);
    });

    it("leaves the hashtag row out of plain CSV", async () => {
      const [, first] = await csv("stock", false);
      expect(first![0]).toBe(DEMO);
    });

    it("gives the hub's blankets after the short count and the distributions", async () => {
      const rows = await csv("stock", true);
      expect(row(rows, "STP-HUB", "BLANKET")).toEqual([
        DEMO,
        "STP-HUB",
        "Stepanakert humanitarian hub (warehouse)",
        "hub-warehouse",
        "",
        "BLANKET",
        "Blankets",
        "5360",
        "H87",
        NOW.toISOString(),
        expect.stringMatching(new RegExp(`^Reliefline ledger of ${DEMO}, events 1–\\d+$`)),
      ]);
      expect(row(rows, "STP-HUB", "FLOUR")?.slice(7, 9)).toEqual(["107.5", "TNE"]);
    });

    it("lists only real places and transport units, not the donor or recipients", async () => {
      const kinds = new Set((await csv("stock", true)).slice(2).map((r) => r[3]));
      expect([...kinds].sort()).toEqual(expect.arrayContaining(["hub-warehouse"]));
      for (const virtual of ["donor", "recipients", "loss", "transit"]) expect(kinds.has(virtual)).toBe(false);
    });
  });

  describe("distributions", () => {
    it("sums quantities, households and people by neighbourhood and item", async () => {
      const [header, tags, ...rows] = await csv("distributions", true);
      expect(header).toEqual([
        "Operation",
        "Neighbourhood code",
        "Neighbourhood",
        "Item code",
        "Item",
        "Quantity distributed",
        "Unit (UN/CEFACT)",
        "Households reached with this item",
        "People reached with this item",
        "Households reached in the neighbourhood (each distribution once)",
        "People reached in the neighbourhood (each distribution once)",
        "Distributions",
        "Teams",
        "First distribution",
        "Last distribution",
        "Source",
      ]);
      expect(tags).toEqual([
        "#activity +programme +code",
        "#loc +code",
        "#loc +name",
        "#item +code +provided",
        "#item +name +provided",
        "#output +num",
        "#item +x_uom",
        "#reached +hh +x_with_item",
        "#reached +ind +x_with_item",
        "#reached +hh",
        "#reached +ind",
        "#output +num +x_distributions",
        "#org +impl +code",
        "#date +start",
        "#date +end",
        "#meta +source",
      ]);
      expect(rows.map((r) => r.slice(1, 13))).toEqual([
        ["STP-CENTRE", "Centre", "BLANKET", "Blankets", "400", "H87", "200", "640", "200", "640", "2", "JG-STP"],
        ["STP-CENTRE", "Centre", "FLOUR", "Wheat flour", "2.5", "TNE", "150", "480", "", "", "1", "JG-STP"],
        ["STP-NORTH", "North district", "BLANKET", "Blankets", "200", "H87", "100", "310", "100", "310", "1", "JG-STP"],
      ]);
      expect(rows[0]!.slice(13, 15)).toEqual(["2020-12-20T10:00:00+04:00", "2020-12-21T10:00:00+04:00"]);
    });

    it("gives per-neighbourhood totals that count each distribution's households once: the #reached +hh column sums to the truth", async () => {
      const [, tags, ...rows] = await csv("distributions", true);
      const column = (tag: string) => rows.reduce((n, r) => n + Number(r[tags!.indexOf(tag)] || 0), 0);
      expect(column("#reached +hh")).toBe(150 + 50 + 100);
      expect(column("#reached +ind")).toBe(480 + 160 + 310);
      // The per-item column repeats the first distribution's 150 households under flour as well.
      expect(column("#reached +hh +x_with_item")).toBe(450);
    });
  });
});
