// Before a body is read: every write route refuses nobody with 401 whatever the body,
// bodies over their route's limit answer 413 before they are read, JSON nested too deep
// answers 400, and a cookie-authenticated write from another site answers 403.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request as httpRequest } from "node:http";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { OP } from "../../test/helpers/fixtures.ts";
import { expectNothingStored, expectProblem, freshAddress, send } from "../../test/helpers/http-bad-input.ts";
import { BULK_BODY_LIMITS, DEFAULT_BODY_LIMIT, MAX_JSON_DEPTH, jsonTooDeep } from "./body-limits.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

const PARAMS: Record<string, string> = {
  op: OP,
  id: "01890a5d-ac96-774b-bcce-b302099a8057",
  consignment: "C1",
  seq: "1",
  unit: "24073082",
};
const concrete = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? "X1");

describe("every write route, called by nobody", () => {
  const writes = () => t.app.routeTable.filter((r) => !["GET", "HEAD", "OPTIONS"].includes(r.method));
  const huge = Buffer.alloc(40 * 1024 * 1024, "[");
  const bodies: [string, string | Buffer][] = [
    ["malformed JSON", '{"code": '],
    [`JSON nested 5,000 deep`, "[".repeat(5000) + "]".repeat(5000)],
    ["a body of the wrong shape", JSON.stringify({ surprise: [1, 2, 3] })],
    ["40 MB", huge],
  ];

  it("finds the write routes in the app's route table", () => {
    expect(writes().length).toBeGreaterThanOrEqual(30);
    expect(
      writes()
        .filter((r) => r.config.auth === "public")
        .map((r) => r.url)
        .sort(),
    ).toEqual(["/api/auth/login", "/api/auth/logout"]);
  });

  for (const [name, payload] of bodies) {
    it(`answers 401 before reading ${name}, and stores nothing`, async () => {
      for (const route of writes().filter((r) => r.config.auth !== "public")) {
        const res = await expectNothingStored(t.db, () =>
          t.app.inject({
            method: route.method as "POST",
            url: concrete(route.url),
            payload,
            headers: { "content-type": "application/json" },
            remoteAddress: freshAddress(),
          }),
        );
        expect(res.statusCode, `${route.method} ${route.url}: ${res.body.slice(0, 200)}`).toBe(401);
        expectProblem(res, 401);
      }
    }, 60_000);
  }

  it("answers 401 to an unknown or revoked bearer token before reading the body", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events/batch`,
      payload: "[".repeat(5000),
      headers: { "content-type": "application/json", authorization: "Bearer rlt_forged" },
    });
    expect(expectProblem(res, 401).detail).toContain("unknown or revoked");
  });
});

describe("body limits", () => {
  it("gives every route the 1 MB default except the documented bulk routes", () => {
    for (const route of t.app.routeTable) {
      const bulk = BULK_BODY_LIMITS[`${route.method} ${route.url}`];
      expect(route.bodyLimit, `${route.method} ${route.url}`).toBe(bulk ?? DEFAULT_BODY_LIMIT);
    }
    for (const key of Object.keys(BULK_BODY_LIMITS))
      expect(
        t.app.routeTable.some((r) => `${r.method} ${r.url}` === key),
        key,
      ).toBe(true);
  });

  it("answers 413 to a signed-in body over the route's limit, and stores nothing", async () => {
    const big = JSON.stringify({ code: "BIG", name: "x".repeat(DEFAULT_BODY_LIMIT), kind: "government" });
    const res = await expectNothingStored(t.db, () =>
      send(t.app, "POST", "/api/organisations", { as: { cookie: t.admin }, raw: big }),
    );
    expectProblem(res, 413);
    // The same size is fine for a bulk route (where it fails validation instead).
    const batch = await send(t.app, "POST", `/api/operations/${OP}/events/batch`, {
      as: { cookie: t.admin },
      raw: JSON.stringify({ events: [{ note: "x".repeat(DEFAULT_BODY_LIMIT) }] }),
    });
    expectProblem(batch, 400);
  });

  it("answers 413 from the Content-Length alone, before the body arrives", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as { port: number };
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: `/api/operations/${OP}/events/batch`,
          headers: { cookie: t.admin, "content-type": "application/json", "content-length": String(200 * 1024 * 1024) },
        },
        (res) => {
          let body = "";
          res
            .setEncoding("utf8")
            .on("data", (c: string) => (body += c))
            .on("end", () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on("error", reject);
      req.write('{"events": ['); // and nothing more: the answer must not wait for 200 MB
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ type: "https://reliefline.org/problems/too-large" });
  });

  it("answers 400 to JSON nested deeper than the limit, signed in, and stores nothing", async () => {
    const deep = "[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1);
    for (const url of [
      "/api/organisations",
      `/api/operations/${OP}/events/batch`,
      `/api/operations/${OP}/import/epcis`,
    ]) {
      const res = await expectNothingStored(t.db, () =>
        send(t.app, "POST", url, { as: { cookie: t.admin }, raw: `{"events": ${deep}}` }),
      );
      expect(expectProblem(res, 400).detail).toContain("nested");
    }
  });
});

describe("the depth check", () => {
  it("counts brackets outside strings only, escapes included", () => {
    expect(jsonTooDeep('[[["a"]]]', 3)).toBe(false);
    expect(jsonTooDeep('[[[["a"]]]]', 3)).toBe(true);
    expect(jsonTooDeep(`["${"[".repeat(100)}", "\\"[[[[", {"k": "]]]]"}]`, 2)).toBe(false);
    expect(jsonTooDeep('["\\\\", [[[1]]]]', 3)).toBe(true);
  });
});

describe("writes from another site", () => {
  const org = (code: string) => ({ body: { code, name: "Org", kind: "ngo" } });

  it("refuses a cookie-authenticated write whose Origin is another site with 403, and stores nothing", async () => {
    const res = await expectNothingStored(t.db, () =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/tokens",
        payload: { name: "stolen" },
        headers: { cookie: t.admin, origin: "https://evil.example" },
      }),
    );
    expect(expectProblem(res, 403).type).toBe("https://reliefline.org/problems/cross-site");
  });

  it("refuses one whose Sec-Fetch-Site is cross-site or same-site", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const res = await expectNothingStored(t.db, () =>
        t.app.inject({
          method: "POST",
          url: "/api/organisations",
          ...org("CSRF"),
          headers: { cookie: t.admin, "sec-fetch-site": site },
        }),
      );
      expectProblem(res, 403);
    }
  });

  it("refuses a cross-site sign-in (login CSRF)", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "a@b.org", password: "x" },
      headers: { origin: "https://evil.example" },
      remoteAddress: freshAddress(),
    });
    expectProblem(res, 403);
  });

  it("accepts same-origin writes, and programs that send no Origin", async () => {
    const same = await t.app.inject({
      method: "POST",
      url: "/api/organisations",
      ...org("SAME-1"),
      headers: { cookie: t.admin, "sec-fetch-site": "same-origin", origin: "http://localhost:80" },
    });
    expect(same.statusCode, same.body).toBe(201);
    const byOrigin = await t.app.inject({
      method: "POST",
      url: "/api/organisations",
      ...org("SAME-2"),
      headers: { cookie: t.admin, origin: "http://localhost:80", host: "localhost:80" },
    });
    expect(byOrigin.statusCode, byOrigin.body).toBe(201);
    const script = await send(t.app, "POST", "/api/organisations", { as: { cookie: t.admin }, ...org("SAME-3") });
    expect(script.statusCode).toBe(201);
  });

  it("does not check bearer-token writes", async () => {
    const { token } = (
      await send(t.app, "POST", "/api/auth/tokens", { as: { cookie: t.admin }, body: { name: "integration" } })
    ).json() as { token: string };
    const res = await t.app.inject({
      method: "POST",
      url: "/api/organisations",
      ...org("BEARER-1"),
      headers: { authorization: `Bearer ${token}`, origin: "https://partner.example", "sec-fetch-site": "cross-site" },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
