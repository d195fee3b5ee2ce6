// Publishing snapshots and the public view over HTTP, in-process, on the demo operation, on
// every engine: what was published is served on /public, nothing else is, and a withdrawn
// publication leaves /public. The public side must show what was published and nothing else.
// (Who may publish and bad input: publications-refused.int.test.ts; statements and the
// ledger export: publications-ledger.int.test.ts.)
import { describe, expect, it } from "vitest";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { DEMO } from "../../../test/helpers/demo.ts";
import { event, line, NOW } from "../../../test/helpers/fixtures.ts";
import { expectProblem } from "../../../test/helpers/http-bad-input.ts";
import { publishingOnDemo, PUBLICATIONS, UNPUBLISHED, type Published } from "../../../test/helpers/publishing.ts";
import { recordEvents } from "../../app/record-events.ts";

const SECRET_NOTE = "handed over at the school gym, staff only";

describeOnEngines("publishing and the public view", (db) => {
  const { demo, get, post, acknowledged, count, head } = publishingOnDemo(db);
  const url = PUBLICATIONS;
  let first: Published;

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
      expect(page.body).toContain("26 of 54 cars arrived");
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
      expect(entries[0]).toContain("26 of 54 cars arrived (9 arrivals recorded; 17 inferred from their unloading)");
      expect(entries[0]).toContain(first.ledgerHash);
    });

    it("takes later events into a new snapshot, never the notes or teams of a distribution", async () => {
      await recordEvents(
        db(),
        demo().demoAdmin,
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
      const res = await acknowledged(
        { kind: "snapshot", title: "Second snapshot", lang: "en" },
        { cookie: demo().t.admin },
      );
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

      const staff = (await get(url, demo().viewer)).json() as Published[];
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
      const target = ((await get(url, demo().viewer)).json() as Published[]).find((p) => !p.withdrawnAt)!;
      for (const body of [{}, { reason: "" }, { reason: "   " }, { reason: "x".repeat(1001) }, { reason: 42 }]) {
        expectProblem(await post(`${url}/${target.id}/withdraw`, body), 400, "/reason");
      }
      expect(
        ((await get(url, demo().viewer)).json() as Published[]).find((p) => p.id === target.id)!.withdrawnAt,
      ).toBeNull();
    });

    it("the database itself refuses to edit or delete a publication", async () => {
      await expect(db().query("update publications set title = 'edited' where id = $1", [first.id])).rejects.toThrow(
        /cannot be changed/,
      );
      await expect(db().query("delete from publications where id = $1", [first.id])).rejects.toThrow(/never deleted/);
    });
  });
});
