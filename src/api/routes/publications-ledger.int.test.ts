// What is published stands at the ledger's head, over HTTP and in-process, on the demo
// operation, on every engine: the ledger export holds the published seq and hash, and a press
// statement (the day's, or from any source) carries the ledger's figures at its head.
import { beforeAll, describe, expect, it } from "vitest";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { DEMO } from "../../../test/helpers/demo.ts";
import { NOW } from "../../../test/helpers/fixtures.ts";
import { expectProblem } from "../../../test/helpers/http-bad-input.ts";
import { publishingOnDemo, type Published } from "../../../test/helpers/publishing.ts";
import { publish } from "../../app/publications.ts";
import { CONTENT_BUILDERS, statementBuilder } from "../../app/publication-builders.ts";
import type { PressStatementSource } from "../../app/publication-types.ts";
import { exportVerifier } from "../../core/ledger-export.ts";

describeOnEngines("publications and the ledger", (db) => {
  const { demo, get, acknowledged, snapshot, head } = publishingOnDemo(db);
  let first: Published;
  beforeAll(async () => {
    first = await snapshot();
  });

  describe("the ledger export", () => {
    it("gives any member the ledger as hashed, and the published hash is found in it", async () => {
      const res = await get(`/api/operations/${DEMO}/export/ledger`, demo().viewer);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toContain("application/x-ndjson");
      const lines = res.body.split("\n").filter(Boolean);
      const now = await head();
      expect(lines).toHaveLength(now.seq + 1);
      const check = exportVerifier({ hash: first.ledgerHash, seq: first.ledgerSeq });
      for (const l of lines) check.line(l);
      expect(check.finish()).toMatchObject({
        ok: true,
        head: now,
        checked: now.seq,
        found: { seq: first.ledgerSeq, hash: first.ledgerHash },
      });
    });

    it("refuses anonymous callers (401) and non-members (404)", async () => {
      expectProblem(await get(`/api/operations/${DEMO}/export/ledger`), 401);
      expectProblem(await get(`/api/operations/${DEMO}/export/ledger`, demo().outsider), 404);
    });
  });

  describe("the day's press statement", () => {
    it("is published in Russian through the API with the ledger's text and figures at the head", async () => {
      const res = await acknowledged({ kind: "statement", date: "2020-12-19", lang: "ru" });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json();
      const plain = (text: string) => text.replace(/\u00a0/g, " "); // the statement keeps no-break spaces before units
      expect(created).toMatchObject({ kind: "statement", language: "ru", ledgerSeq: (await head()).seq });
      expect(plain(created.title)).toBe("Пресс-релиз, 19 декабря 2020 г.");
      expect(plain(created.content.text)).toContain("прибыли 26 из 54 вагонов: прибытие 9 из них зарегистрировано");
      expect(created.content.figures).toContainEqual(expect.objectContaining({ value: "17", unit: "units" }));
      expect(plain((await get(`/public/${DEMO}`)).body)).toContain("прибыли 26 из 54 вагонов");
    });
  });

  describe("a press statement from any source", () => {
    it("is published with its text at the ledger head, and shown with the text escaped", async () => {
      const source: PressStatementSource = async (tx, _principal, code, { date, lang }) => {
        const [row] = await tx.query<{ n: number }>(
          "select count(*)::int8 as n from events e join operations o on o.id = e.operation_id where o.code = $1 and e.type = 'UnitArrived'",
          [code],
        );
        const figure = {
          id: "arrivals",
          label: "arrivals",
          value: String(row!.n),
          unit: "events",
          unitLabel: "events",
          query: { description: "count of UnitArrived events", sql: "", params: [] },
        };
        return {
          title: `Statement for ${date}`,
          text: `${row!.n} arrivals <recorded>.\n\nMore to follow (${lang}).`,
          figures: [figure],
        };
      };
      const created = await publish(
        db(),
        demo().demoAdmin,
        DEMO,
        { kind: "statement", date: "2020-12-19", lang: "ru" },
        NOW,
        {
          ...CONTENT_BUILDERS,
          statement: statementBuilder(source),
        },
      );
      expect(created).toMatchObject({
        kind: "statement",
        language: "ru",
        title: "Statement for 2020-12-19",
        ledgerSeq: (await head()).seq,
      });
      expect(created.content).toMatchObject({
        kind: "statement",
        date: "2020-12-19",
        ledger: await head(),
        figures: [{ value: expect.any(String), query: { description: "count of UnitArrived events" } }],
      });
      const page = (await get(`/public/${DEMO}`)).body;
      expect(page).toContain('<h3 lang="ru">Statement for 2020-12-19</h3>');
      expect(page).toMatch(/<p>\d+ arrivals &lt;recorded&gt;.<\/p><p>More to follow \(ru\).<\/p>/);
    });
  });
});
