// Publishing refused over HTTP, in-process, on the demo operation, on every engine: callers
// without the right role or operation, bad input to publish, and clients that ask /public
// too often. Each refusal stores nothing.
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { expectProblem, freshAddress, notJsonCases, send } from "../../../test/helpers/http-bad-input.ts";
import { publishingOnDemo, PUBLICATIONS, type Published } from "../../../test/helpers/publishing.ts";

describeOnEngines("publishing refused", (db) => {
  const { demo, get, post, snapshot, count } = publishingOnDemo(db);
  const url = PUBLICATIONS;
  // One publication, for the withdrawals that must be refused.
  beforeAll(async () => void (await snapshot()));

  describe("who may publish", () => {
    it("refuses viewers and logisticians (403), anonymous callers (401) and people from other operations (404), storing nothing", async () => {
      const before = await count();
      expectProblem(await post(url, { kind: "snapshot" }, demo().viewer), 403, "viewer");
      expectProblem(await post(url, { kind: "snapshot" }, demo().logistician), 403, "logistician");
      expectProblem(await post(url, { kind: "snapshot" }, "anonymous"), 401);
      expectProblem(await post(url, { kind: "snapshot" }, demo().outsider), 404);
      const any = ((await get(url, demo().viewer)).json() as Published[])[0]!;
      expectProblem(await post(`${url}/${any.id}/withdraw`, { reason: "no" }, demo().viewer), 403);
      expectProblem(await post(`${url}/${any.id}/withdraw`, { reason: "no" }, "anonymous"), 401);
      expectProblem(await get(url, undefined), 401);
      expectProblem(await get(url, demo().outsider), 404);
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
        const res = await send(demo().t.app, "POST", url, {
          as: demo().press,
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

  describe("rate limiting", () => {
    it("answers 429 to a client that asks /public more than 120 times a minute, and not to others", async () => {
      const from = freshAddress();
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < 121; i += 1) last = await demo().t.app.inject({ url: "/public", remoteAddress: from });
      expectProblem(last!, 429);
      expect((await demo().t.app.inject({ url: "/public", remoteAddress: freshAddress() })).statusCode).toBe(200);
    });
  });
});
