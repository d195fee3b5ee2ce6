// Every write route in the app's route table, fuzzed: nested, huge, malformed and
// mistyped bodies, with every content type, sent by nobody, by a bad token, by a viewer,
// by the administrator's session and by an API token. No answer may be a 5xx, a refused
// request (4xx) may change no table, and the server must be healthy afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { OP, donorOf, event, line } from "../../test/helpers/fixtures.ts";
import { freshAddress, send, userWithRole } from "../../test/helpers/http-bad-input.ts";
import { schemaTables } from "../store/backup.sql.ts";
import type { RouteSummary } from "./app.ts";

const RUNS = 250;
let t: TestApp;
let digestSql: string;
const callers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await testApp();
  // Every table but the sign-in throttle and audit trail, which rightly record refused sign-ins.
  const tables = (await schemaTables(t.db))
    .map((x) => x.name)
    .filter((n) => n !== "auth_throttle" && n !== "auth_audit");
  digestSql = tables
    .map(
      (n) =>
        `select '${n}' as name, count(*)::int8 as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from "${n}" x`,
    )
    .join(" union all ");
  const viewer = await userWithRole(t, "fuzz-viewer@example.org", "viewer");
  const { token } = (
    await send(t.app, "POST", "/api/auth/tokens", { as: { cookie: t.admin }, body: { name: "fuzz" } })
  ).json() as { token: string };
  callers.nobody = {};
  callers.forgedToken = { authorization: "Bearer rlt_forged" };
  callers.viewer = { cookie: viewer.cookie };
  callers.admin = { cookie: t.admin };
  callers.adminToken = { authorization: `Bearer ${token}` };
}, 60_000);
afterAll(async () => t.close());

const digest = async () => JSON.stringify(await t.db.query(digestSql));

const PARAMS: Record<string, fc.Arbitrary<string>> = {
  op: fc.constantFrom(OP, "NO-SUCH-OP", "x".repeat(200), "%00", "..%2F"),
  id: fc.oneof(fc.uuid(), fc.constantFrom("not-a-uuid", "0")),
  consignment: fc.constantFrom("C1", "NOPE", "%20"),
  seq: fc.constantFrom("1", "0", "-1", "99999999999999999999", "x"),
  unit: fc.constantFrom("24073082", "00000000", "x".repeat(100)),
};
const urlOf = (route: RouteSummary): fc.Arbitrary<string> => {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return fc.tuple(...names.map((n) => PARAMS[n] ?? fc.constant("X1"))).map((values) => {
    let url = route.url;
    names.forEach((n, i) => (url = url.replace(`:${n}`, values[i]!)));
    return url;
  });
};

const HUGE = "x".repeat(1_100_000);
const validEvent = () => event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "1")] });
const nested = fc
  .tuple(fc.integer({ min: 10, max: 5_000 }), fc.constantFrom("[", '{"a":'))
  .map(([depth, open]) => open.repeat(depth) + "1" + (open === "[" ? "]" : "}").repeat(depth));
const mistyped = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        "code",
        "name",
        "kind",
        "events",
        "lines",
        "rows",
        "needs",
        "email",
        "password",
        "id",
        "type",
        "quantity",
        "transport",
        "format",
        "content",
        "kind",
        "status",
        "note",
      ),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: "binary" }), fc.constant(null)),
    )
    .map((v) => JSON.stringify(v)),
  fc.constant(null).map(() => JSON.stringify({ events: [validEvent(), { ...validEvent(), lines: "many" }] })),
  fc.constant(null).map(() => JSON.stringify({ ...validEvent(), quantity: 1e308 })),
);
const malformed = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constant(null).map(() => JSON.stringify({ events: [validEvent()] }).slice(0, 37)),
  fc.constantFrom(
    "",
    "{",
    "}",
    "[]]",
    '{"__proto__": {"isAdmin": true}}',
    '{"constructor": {"prototype": {"x": 1}}}',
    "\u0000",
    '"\\ud800"',
    "NaN",
    "1e99999",
  ),
);
const body = fc.oneof(
  { weight: 3, arbitrary: mistyped },
  { weight: 3, arbitrary: malformed },
  { weight: 2, arbitrary: nested },
  { weight: 1, arbitrary: fc.constant(null).map(() => JSON.stringify({ name: HUGE, events: [], rows: [] })) },
);
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/ld+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  undefined,
);

describe("fuzzing every write route", () => {
  it(`never answers 5xx, stores nothing when it refuses, over ${RUNS} requests signed in and not`, async () => {
    const writes = t.app.routeTable.filter((r) => !["GET", "HEAD", "OPTIONS"].includes(r.method));
    expect(writes.length).toBeGreaterThanOrEqual(30);
    // Signing out would end the session the other runs use: only nobody and the viewer send it.
    const request = fc.constantFrom(...writes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        url: urlOf(route),
        caller:
          route.url === "/api/auth/logout"
            ? fc.constantFrom("nobody", "forgedToken")
            : fc.constantFrom(...Object.keys(callers)),
        payload: body,
        contentType,
      }),
    );
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ route, url, caller, payload, contentType: type }) => {
        const before = await digest();
        const res = await t.app.inject({
          method: route.method as "POST",
          url,
          payload,
          remoteAddress: freshAddress(),
          headers: { ...callers[caller], ...(type !== undefined && { "content-type": type }) },
        });
        answered++;
        const what = `${route.method} ${url} as ${caller} (${type}): ${payload.slice(0, 120)}`;
        expect(res.statusCode, `${what}\n→ ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(String(res.headers["content-type"]), what).toMatch(/^application\/problem\+json/);
          expect(await digest(), `a refused request changed the database: ${what}`).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
    expect(answered).toBe(RUNS);
  }, 240_000);

  it("leaves the server healthy: it answers and records as before", async () => {
    expect((await t.app.inject({ url: "/api/health" })).statusCode).toBe(200);
    const res = await send(t.app, "POST", `/api/operations/${OP}/events`, {
      as: { cookie: t.admin },
      body: validEvent(),
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
