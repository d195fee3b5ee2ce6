// Publishing and the public view over HTTP, in-process, on the demo operation, on both engines.
// The public side must show what was published and nothing else.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { DEMO, DEMO_ADMIN_PASSWORD, seedDemo } from "../../../test/helpers/demo.ts";
import { event, line, NOW, seedOperation } from "../../../test/helpers/fixtures.ts";
import { signIn, type TestApp } from "../../../test/helpers/http.ts";
import {
  expectProblem,
  freshAddress,
  notJsonCases,
  send,
  userWithRole,
  type Caller,
} from "../../../test/helpers/http-bad-input.ts";
import { buildApp } from "../app.ts";
import { webRoutes } from "./web.routes.ts";
import { recordEvents } from "../../app/record-events.ts";
import { publish } from "../../app/publications.ts";
import { CONTENT_BUILDERS, statementBuilder } from "../../app/publication-builders.ts";
import type { PressStatementSource } from "../../app/publication-types.ts";
import type { Principal } from "../../app/principal.ts";
import { findOperationWithHead } from "../../store/catalogue.sql.ts";
import { exportVerifier } from "../../core/ledger-export.ts";
import type { SnapshotContent } from "../../core/publication.ts";

const UNPUBLISHED = "UNPUB-OP";
const SECRET_NOTE = "handed over at the school gym, staff only";

interface Published {
  id: string;
  kind: string;
  title: string;
  ledgerSeq: number;
  ledgerHash: string;
  publishedBy: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  content: SnapshotContent;
}

describeOnEngines("publishing and the public view", (db) => {
  let t: TestApp;
  let demoAdmin: Principal;
  let press: Caller;
  let viewer: Caller;
  let logistician: Caller;
  let outsider: Caller;
  let first: Published;
  const url = `/api/operations/${DEMO}/publications`;
  const get = (path: string, as?: Caller) => send(t.app, "GET", path, { as, remoteAddress: freshAddress() });
  const post = (path: string, body: unknown, as: Caller | "anonymous" = press) =>
    send(t.app, "POST", path, { as: as === "anonymous" ? undefined : as, body, remoteAddress: freshAddress() });
  /** Publishes, acknowledging whatever open discrepancies the check lists (as a press officer who read them would). */
  const acknowledged = async (body: Record<string, unknown>, as: Caller = press) => {
    const check = await post(`${url}/check`, body, as);
    expect(check.statusCode, check.body).toBe(200);
    const ids = (check.json() as { discrepancies: { id: string }[] }).discrepancies.map((d) => d.id);
    return post(
      url,
      ids.length === 0
        ? body
        : {
            ...body,
            acknowledge: {
              discrepancies: ids,
              note: "Figures as the ledger has them; the discrepancies are under review.",
            },
          },
      as,
    );
  };
  const count = async () =>
    Number((await db().query<{ n: number }>("select count(*)::int8 as n from publications"))[0]!.n);
  const head = async (code = DEMO) => {
    const op = (await findOperationWithHead(db(), code))!;
    return { seq: op.lastSeq, hash: op.lastHash };
  };

  beforeAll(async () => {
    demoAdmin = await seedDemo(db());
    const other = await seedOperation(db(), UNPUBLISHED);
    await recordEvents(
      db(),
      other,
      UNPUBLISHED,
      [
        event("GoodsPledged", {
          location: "DEPOT",
          from: `donor:DONOR-${UNPUBLISHED}`,
          lines: [line("FLOUR", "777.125")],
        }),
      ],
      NOW,
    );
    const app: FastifyInstance = await buildApp({ db: db(), now: () => NOW });
    t = { app, db: db(), admin: await signIn(app, demoAdmin.email, DEMO_ADMIN_PASSWORD), close: () => app.close() };
    press = await userWithRole(t, "press@example.org", "press-officer", DEMO);
    viewer = await userWithRole(t, "viewer@example.org", "viewer", DEMO);
    logistician = await userWithRole(t, "logistician@example.org", "logistician", DEMO);
    outsider = await userWithRole(t, "outsider@example.org", "press-officer", UNPUBLISHED);
  }, 180_000);
  afterAll(async () => t?.close());

  describe("before anything is published", () => {
    it("shows no operation at all under /public, though both have events", async () => {
      const index = await get("/public");
      expect(index.statusCode).toBe(200);
      expect(index.headers["content-type"]).toContain("text/html");
      expect(index.body).toContain("Nothing has been published yet.");
      expect(index.body).not.toContain(DEMO);
      for (const path of [`/public/${DEMO}`, `/public/${UNPUBLISHED}`, "/public/NO-SUCH-OP"]) {
        const page = await get(path);
        expect(page.statusCode, path).toBe(404);
        expect(page.headers["content-type"]).toContain("text/html");
        expect(page.body).toContain(`Nothing is published for operation ${path.slice(8)}.`);
        // A Russian reader reads it in Russian, with no server message in English.
        const ru = await get(`${path}?lang=ru`);
        expect(ru.statusCode, path).toBe(404);
        expect(ru.body).toContain(`По операции ${path.slice(8)} ничего не опубликовано.`);
        expect(ru.body).not.toMatch(/published/i);
      }
      expectProblem(await get(`/public/${DEMO}/publications.json`), 404);
      expectProblem(await get(`/public/${DEMO}/feed.atom`), 404);
    });
  });

  describe("publishing a snapshot", () => {
    it("refuses it while open discrepancies touch its figures, listing each (409), and stores nothing", async () => {
      const before = await count();
      const refused = expectProblem(await post(url, { kind: "snapshot" }), 409, "open discrepanc");
      expect(refused.type).toBe("https://reliefline.org/problems/open-discrepancies");
      const listed = (refused as unknown as { discrepancies: { kind: string; figures: { id: string }[] }[] })
        .discrepancies;
      expect(listed).toHaveLength(19);
      expect(listed.filter((d) => d.kind === "unloaded-before-arrived")).toHaveLength(17);
      expect(listed.find((d) => d.kind === "receipt-short")!.figures.map((f) => f.id)).toEqual([
        "stock/STP-HUB/BLANKET",
      ]);
      expect(await count()).toBe(before);
    });

    it("computes the figures from the ledger: 26 of 54 cars arrived (9 recorded), at the ledger's head seq and hash", async () => {
      const res = await acknowledged({ kind: "snapshot" });
      expect(res.statusCode, res.body).toBe(201);
      first = res.json() as Published;
      const now = await head();
      expect(first).toMatchObject({
        kind: "snapshot",
        ledgerSeq: now.seq,
        ledgerHash: now.hash,
        publishedBy: "press@example.org",
        withdrawnAt: null,
      });
      expect(first.content.ledger).toEqual(now);
      const [consignment] = first.content.consignments;
      expect(consignment).toMatchObject({
        code: "STP-54",
        plannedUnits: 54,
        units: { arrived: 9, unloaded: 26 },
        reached: { arrived: 26 },
      });
      expect(first.content.stock).toContainEqual({
        location: expect.objectContaining({ code: "STP-HUB" }),
        item: {
          code: "LUMBER",
          name: "Lumber (sawn timber)",
          names: { en: "Lumber (sawn timber)", ru: "Пиломатериалы" },
        },
        uom: "MTQ",
        quantity: "300",
      });
      expect(first.title).toMatch(/figures as of 2026-01-01$/);
      expect(res.headers.location).toBe(`/public/${DEMO}/publications/${first.id}.json`);
    });

    it("serves on /public exactly what was published, without who published it", async () => {
      const one = await get(`/public/${DEMO}/publications/${first.id}.json`);
      expect(one.statusCode, one.body).toBe(200);
      const body = one.json() as Record<string, unknown>;
      expect(body.content).toEqual(first.content);
      expect(body).toMatchObject({
        id: first.id,
        title: first.title,
        ledger: { seq: first.ledgerSeq, hash: first.ledgerHash },
      });
      expect(body.verify).toBe(
        `reliefline verify --export ${DEMO}.ledger.jsonl --hash ${first.ledgerHash} --seq ${first.ledgerSeq}`,
      );
      expect(one.body).not.toContain("@");
      const list = (await get(`/public/${DEMO}/publications.json`)).json() as {
        publications: { id: string; content: unknown }[];
      };
      expect(list.publications.map((p) => p.id)).toEqual([first.id]);
      expect(list.publications[0]!.content).toEqual(first.content);
    });

    it("shows the figures, the seq and hash and the command to check them on the public page", async () => {
      const page = await get(`/public/${DEMO}`);
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toContain("text/html");
      expect(page.headers["cache-control"]).toBe("public, max-age=60");
      expect(page.body).toContain("26 of 54 units arrived");
      expect(page.body).toContain("9 arrivals recorded; 17 inferred from their unloading");
      expect(page.body).toContain("Published with 19 open discrepancies that touch these figures");
      expect(page.body).toContain(first.ledgerHash);
      expect(page.body).toContain(
        `reliefline verify --export ${DEMO}.ledger.jsonl --hash ${first.ledgerHash} --seq ${first.ledgerSeq}`,
      );
      expect(page.body).toContain('<meta name="viewport"');
      expect(page.body).not.toContain("<script");
      expect(page.body).not.toContain("@example.org");
      const index = await get("/public");
      expect(index.body).toContain(`/public/${DEMO}`);
      expect(index.body).not.toContain(UNPUBLISHED);
    });

    it("lists the publication in a valid Atom feed", async () => {
      const res = await get(`/public/${DEMO}/feed.atom`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("application/atom+xml");
      expect(res.body).toMatch(
        /^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
      );
      expect(res.body).toMatch(
        /<feed[^>]*>[\s\S]*<id>http:\/\/localhost(:\d+)?\/public\/STP-RAIL-2020\/feed.atom<\/id>/,
      );
      expect(res.body).toMatch(/<updated>2026-01-01T00:00:00.000Z<\/updated>/);
      expect(res.body).toContain("<author>");
      const entries = res.body.split("<entry>").slice(1);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toContain(`<id>urn:uuid:${first.id}</id>`);
      expect(entries[0]).toMatch(/<link href="http:\/\/localhost(:\d+)?\/public\/STP-RAIL-2020#p-[0-9a-f-]+"/);
      expect(entries[0]).toContain("26 of 54 units arrived (9 arrivals recorded; 17 inferred from their unloading)");
      expect(entries[0]).toContain(first.ledgerHash);
    });

    it("takes later events into a new snapshot, never the notes or teams of a distribution", async () => {
      await recordEvents(
        db(),
        demoAdmin,
        DEMO,
        [
          event("GoodsShipped", { from: "STP-HUB", to: "STP-CENTRE", lines: [line("LUMBER", "10")] }),
          event("GoodsDistributed", {
            from: "STP-CENTRE",
            neighbourhood: "STP-CENTRE",
            households: 5,
            people: 12,
            note: SECRET_NOTE,
            lines: [line("LUMBER", "10")],
          }),
        ],
        NOW,
      );
      const res = await acknowledged({ kind: "snapshot", title: "Second snapshot", lang: "en" }, { cookie: t.admin });
      expect(res.statusCode, res.body).toBe(201);
      const second = res.json() as Published;
      expect(second.ledgerSeq).toBe(first.ledgerSeq + 2);
      expect({ seq: second.ledgerSeq, hash: second.ledgerHash }).toEqual(await head());
      const centre = second.content.neighbourhoods.find((n) => n.neighbourhood.code === "STP-CENTRE")!;
      expect(centre).toMatchObject({ households: 5, people: 12 });
      expect(centre.items.find((i) => i.item.code === "LUMBER")).toMatchObject({ distributed: "10" });
      expect(second.content.stock).toContainEqual(
        expect.objectContaining({ item: expect.objectContaining({ code: "LUMBER" }), quantity: "290" }),
      );
      for (const path of [
        `/public/${DEMO}`,
        `/public/${DEMO}/publications.json`,
        `/public/${DEMO}/feed.atom`,
        `/public/${DEMO}/publications/${second.id}.json`,
      ]) {
        const body = (await get(path)).body;
        expect(body, path).not.toContain(SECRET_NOTE);
        expect(body, path).not.toContain("TEAM-");
        expect(body, path).not.toContain("@example.org");
      }
    });

    it("escapes what a press officer types in the page and the feed", async () => {
      const title = `<script>alert("x")</script> & <b>bold</b>`;
      const res = await acknowledged({ kind: "snapshot", title });
      expect(res.statusCode, res.body).toBe(201);
      const page = (await get(`/public/${DEMO}`)).body;
      expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
      expect(page).not.toContain("<script>");
      expect(page).not.toContain("<b>bold");
      const feed = (await get(`/public/${DEMO}/feed.atom`)).body;
      expect(feed).not.toContain("<script>");
      expect(feed).not.toContain("<b>bold");
    });
  });

  describe("withdrawing", () => {
    it("takes the publication off /public and keeps a tombstone for staff", async () => {
      const res = await post(`${url}/${first.id}/withdraw`, { reason: "superseded by a corrected count" });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        id: first.id,
        withdrawnBy: "press@example.org",
        withdrawalReason: "superseded by a corrected count",
        withdrawnAt: NOW.toISOString(),
      });

      const staff = (await get(url, viewer)).json() as Published[];
      expect(staff.find((p) => p.id === first.id)).toMatchObject({
        withdrawalReason: "superseded by a corrected count",
        content: first.content,
      });

      const gone = expectProblem(await get(`/public/${DEMO}/publications/${first.id}.json`), 410);
      expect(gone.detail).toContain("was withdrawn on 2026-01-01");
      expect(gone.detail).not.toContain("superseded");
      const list = (await get(`/public/${DEMO}/publications.json`)).json() as { publications: { id: string }[] };
      expect(list.publications.map((p) => p.id)).not.toContain(first.id);
      expect(list.publications.length).toBeGreaterThan(0);
      for (const path of [`/public/${DEMO}`, `/public/${DEMO}/feed.atom`]) {
        const body = (await get(path)).body;
        expect(body, path).not.toContain(first.id);
        expect(body, path).not.toContain("superseded");
      }
    });

    it("refuses to withdraw twice (409), an unknown id (404) and a malformed id (400)", async () => {
      const before = await count();
      expectProblem(await post(`${url}/${first.id}/withdraw`, { reason: "again" }), 409, "already withdrawn");
      expectProblem(await post(`${url}/0190c9d2-0000-7000-8000-000000000000/withdraw`, { reason: "x" }), 404);
      expectProblem(await post(`${url}/not-a-uuid/withdraw`, { reason: "x" }), 400, "/id");
      expect(await count()).toBe(before);
    });

    it("refuses a withdrawal without a reason, naming /reason", async () => {
      const target = ((await get(url, viewer)).json() as Published[]).find((p) => !p.withdrawnAt)!;
      for (const body of [{}, { reason: "" }, { reason: "   " }, { reason: "x".repeat(1001) }, { reason: 42 }]) {
        expectProblem(await post(`${url}/${target.id}/withdraw`, body), 400, "/reason");
      }
      expect(((await get(url, viewer)).json() as Published[]).find((p) => p.id === target.id)!.withdrawnAt).toBeNull();
    });

    it("the database itself refuses to edit or delete a publication", async () => {
      await expect(db().query("update publications set title = 'edited' where id = $1", [first.id])).rejects.toThrow(
        /cannot be changed/,
      );
      await expect(db().query("delete from publications where id = $1", [first.id])).rejects.toThrow(/never deleted/);
    });
  });

  describe("who may publish", () => {
    it("refuses viewers and logisticians (403), anonymous callers (401) and people from other operations (404), storing nothing", async () => {
      const before = await count();
      expectProblem(await post(url, { kind: "snapshot" }, viewer), 403, "viewer");
      expectProblem(await post(url, { kind: "snapshot" }, logistician), 403, "logistician");
      expectProblem(await post(url, { kind: "snapshot" }, "anonymous"), 401);
      expectProblem(await post(url, { kind: "snapshot" }, outsider), 404);
      const any = ((await get(url, viewer)).json() as Published[])[0]!;
      expectProblem(await post(`${url}/${any.id}/withdraw`, { reason: "no" }, viewer), 403);
      expectProblem(await post(`${url}/${any.id}/withdraw`, { reason: "no" }, "anonymous"), 401);
      expectProblem(await get(url, undefined), 401);
      expectProblem(await get(url, outsider), 404);
      expect(await count()).toBe(before);
    });
  });

  describe("bad input to publish: 400 naming the field, nothing stored", () => {
    const cases: [string, unknown, string][] = [
      ["no kind", { title: "x" }, "/kind"],
      ["an unknown kind", { kind: "rumour" }, "/kind"],
      ["a statement without a date", { kind: "statement", lang: "ru" }, "/date"],
      ["figures from the client", { kind: "snapshot", content: { arrived: 54 } }, "/content"],
      ["an empty title", { kind: "snapshot", title: "" }, "/title"],
      ["a blank title", { kind: "snapshot", title: "   " }, "/title"],
      ["a title of 201 characters", { kind: "snapshot", title: "x".repeat(201) }, "/title"],
      ["a language we do not publish in", { kind: "snapshot", lang: "fr" }, "/lang"],
      ["a numeric title", { kind: "snapshot", title: 5 }, "/title"],
    ];
    for (const [name, body, field] of cases) {
      it(`refuses ${name}`, async () => {
        const before = await count();
        expectProblem(await post(url, body), 400, field);
        expect(await count()).toBe(before);
      });
    }
    for (const c of notJsonCases({ kind: "snapshot" })) {
      it(`refuses ${c.name}`, async () => {
        const before = await count();
        const res = await send(t.app, "POST", url, {
          as: press,
          body: c.body,
          raw: c.raw,
          contentType: c.contentType,
          remoteAddress: freshAddress(),
        });
        expectProblem(res, c.status, c.names);
        expect(await count()).toBe(before);
      });
    }
    it("refuses a statement for a day not on the calendar (422 naming /date)", async () => {
      const before = await count();
      expectProblem(await post(url, { kind: "statement", date: "2020-02-30", lang: "ru" }), 422, "/date");
      expect(await count()).toBe(before);
    });
    it("refuses an unknown operation (404) and a malformed operation code (400)", async () => {
      expectProblem(await post("/api/operations/NO-SUCH-OP/publications", { kind: "snapshot" }), 404);
      expectProblem(await post("/api/operations/bad%20code/publications", { kind: "snapshot" }), 400, "/op");
    });
  });

  describe("the ledger export", () => {
    it("gives any member the ledger as hashed, and the published hash is found in it", async () => {
      const res = await get(`/api/operations/${DEMO}/export/ledger`, viewer);
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
      expectProblem(await get(`/api/operations/${DEMO}/export/ledger`, outsider), 404);
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
      const created = await publish(db(), demoAdmin, DEMO, { kind: "statement", date: "2020-12-19", lang: "ru" }, NOW, {
        ...CONTENT_BUILDERS,
        statement: statementBuilder(source),
      });
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

  describe("rate limiting", () => {
    it("answers 429 to a client that asks /public more than 120 times a minute, and not to others", async () => {
      const from = freshAddress();
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < 121; i += 1) last = await t.app.inject({ url: "/public", remoteAddress: from });
      expectProblem(last!, 429);
      expect((await t.app.inject({ url: "/public", remoteAddress: freshAddress() })).statusCode).toBe(200);
    });
  });
});

describe("the staff UI's fallback route", () => {
  let root: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "reliefline-web-"));
    writeFileSync(join(root, "index.html"), '<!doctype html><div id="root"></div>');
    app = Fastify();
    await app.register(webRoutes(root));
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("does not swallow unknown /public paths into the single-page app", async () => {
    for (const url of ["/public/X/unknown", "/public/X/publications/y.json"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('id="root"');
    }
    expect((await app.inject({ url: "/op/X/stock" })).body).toContain('id="root"');
  });
});
