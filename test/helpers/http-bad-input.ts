// Helpers for the HTTP API tests: requests with a chosen caller, problem+json
// assertions, and the "nothing was stored" check that every refused write ends with.
import { expect, it } from "vitest";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Db } from "../../src/store/db.ts";
import type { Role } from "../../src/core/roles.ts";
import { OP, seedOperation } from "./fixtures.ts";
import type { TestApp } from "./http.ts";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** Who calls: a session cookie header value, a bearer token, or nobody. */
export type Caller = { cookie: string } | { bearer: string } | undefined;

export interface Send {
  /** A JSON value (serialised here), or raw text with `contentType` ("" sends none). */
  body?: unknown;
  raw?: string;
  contentType?: string;
  as?: Caller;
  remoteAddress?: string;
}

export async function send(
  app: FastifyInstance,
  method: Method,
  url: string,
  options: Send = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  const as = options.as;
  if (as && "cookie" in as) headers.cookie = as.cookie;
  if (as && "bearer" in as) headers.authorization = `Bearer ${as.bearer}`;
  let payload: string | undefined;
  if (options.raw !== undefined) {
    payload = options.raw;
    if (options.contentType !== "") headers["content-type"] = options.contentType ?? "application/json";
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  return app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined && { payload }),
    ...(options.remoteAddress && { remoteAddress: options.remoteAddress }),
  });
}

/** An exact status, one of several, or any 4xx. */
export type Status = number | readonly number[] | "4xx";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/**
 * Asserts an RFC 9457 problem: the status (exact, or any 4xx), the content type, and,
 * when `names` is given, an `errors[].field` equal to it or a `detail` that mentions it.
 */
export function expectProblem(res: LightMyRequestResponse, status: Status, names?: string): ProblemBody {
  if (Array.isArray(status)) {
    expect(status, res.body).toContain(res.statusCode);
  } else if (status === "4xx") {
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
  } else {
    expect(res.statusCode, res.body).toBe(status);
  }
  expect(String(res.headers["content-type"])).toMatch(/^application\/problem\+json/);
  const body = res.json() as ProblemBody;
  expect(body).toMatchObject({
    type: expect.stringMatching(/^https:\/\//),
    title: expect.any(String),
    status: res.statusCode,
    detail: expect.any(String),
  });
  if (names !== undefined) {
    const named = (body.errors ?? []).some((e) => e.field === names) || body.detail.includes(names);
    expect(named, `expected the problem to name ${names}: ${res.body}`).toBe(true);
  }
  return body;
}

const TABLES = [
  "organisations",
  "users",
  "sessions",
  "api_tokens",
  "operations",
  "ledger_heads",
  "memberships",
  "locations",
  "items",
  "events",
  "stock_moves",
  "stock_balances",
  "teams",
  "consignments",
  "consignment_parts",
  "consignment_legs",
  "consignment_leg_units",
  "transport_units",
  "manifest_lines",
  "discrepancies",
] as const;

/** Row count and a digest of every row of every table a write could touch, plus each operation's chain head. */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const heads = await db.query<{ code: string; last_seq: number }>(
    "select o.code, h.last_seq from operations o join ledger_heads h on h.operation_id = o.id order by o.code",
  );
  out["operations.last_seq"] = heads.map((h) => `${h.code}=${h.last_seq}`).join(", ");
  for (const table of TABLES) {
    const [row] = await db.query<{ n: number; digest: string }>(
      `select count(*)::int8 as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${table} t`,
    );
    out[table] = `${row!.n} rows, ${row!.digest}`;
  }
  return out;
}

/** Runs `act` and asserts it left every table exactly as it was. */
export async function expectNothingStored<T>(db: Db, act: () => Promise<T>): Promise<T> {
  const before = await fingerprint(db);
  const result = await act();
  expect(await fingerprint(db), "a refused request changed the database").toEqual(before);
  return result;
}

/** A request the API must refuse, and how. */
export interface BadInput {
  name: string;
  /** A JSON body, or `raw` text sent as `contentType` (application/json unless said; "" sends none). */
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: Status;
  /** The JSON pointer (or text) the problem must name. */
  names?: string;
  /** Another URL than the route's, e.g. an unknown operation. */
  url?: string;
}

export interface Target {
  t: TestApp;
  method: Method;
  url: string;
  as?: Caller;
}

/** The refusals every JSON write route shares: not JSON, not an object, a field it does not know. */
export function notJsonCases(valid: Record<string, unknown>): BadInput[] {
  return [
    { name: "malformed JSON", raw: '{"code": "X", ', status: 400, names: "not valid JSON" },
    { name: "an empty body", raw: "", status: 400, names: "empty" },
    { name: "a JSON array instead of an object", body: [valid], status: 400, names: "/" },
    {
      name: "plain text instead of JSON",
      raw: "hello",
      contentType: "text/plain",
      status: 415,
      names: "application/json",
    },
    {
      name: "a JSON body with no Content-Type",
      raw: JSON.stringify(valid),
      contentType: "",
      status: 415,
      names: "no Content-Type",
    },
    { name: "an unknown field", body: { ...valid, surprise: true }, status: 400, names: "/surprise" },
  ];
}

/** Cases a route must refuse with `status`, each naming the field `names`: the case's name, then the body sent. */
export function refusedNaming(status: Status, names: string, cases: Record<string, unknown>): BadInput[] {
  return Object.entries(cases).map(([name, body]) => ({ name, body, status, names }));
}

const statusText = (s: Status) => (Array.isArray(s) ? s.join(" or ") : String(s));

/** Declares one test per case: the route refuses it with problem+json naming the field, and nothing is stored. */
export function refuses(target: () => Target, cases: readonly BadInput[]): void {
  for (const c of cases) {
    it(`answers ${statusText(c.status)} to ${c.name}${c.names && c.names.startsWith("/") ? `, naming ${c.names}` : ""}, and stores nothing`, async () => {
      const { t, method, url, as } = target();
      const res = await expectNothingStored(t.db, () =>
        send(t.app, method, c.url ?? url, {
          as,
          body: c.body,
          raw: c.raw,
          contentType: c.contentType,
          remoteAddress: freshAddress(),
        }),
      );
      expectProblem(res, c.status, c.names);
    });
  }
}

/**
 * Seeds OTHER-OP beside the test operation, with a warehouse ONLY-OTHER, an item OTHER-ITEM and, with
 * `wagon`, a transport unit 77777777: things of another operation that requests to the test operation must not reach.
 */
export async function seedOtherOperation(t: TestApp, { wagon = false } = {}): Promise<void> {
  await seedOperation(t.db, "OTHER-OP");
  const as = { cookie: t.admin };
  const created = [
    await send(t.app, "POST", "/api/operations/OTHER-OP/locations", {
      as,
      body: { code: "ONLY-OTHER", name: "Elsewhere", kind: "warehouse" },
    }),
    ...(wagon
      ? [
          await send(t.app, "POST", "/api/operations/OTHER-OP/locations", {
            as,
            body: { code: "unit:77777777", name: "Their wagon", kind: "transport-unit", parent: "transit" },
          }),
        ]
      : []),
    await send(t.app, "POST", "/api/operations/OTHER-OP/items", {
      as,
      body: { code: "OTHER-ITEM", name: "Elsewhere", uom: "KGM", kind: "goods" },
    }),
  ];
  for (const res of created) expect(res.statusCode, res.body).toBe(201);
}

let address = 0;
/** A fresh client address, so sign-ins in tests never share the login rate limit. */
export const freshAddress = (): string => {
  address += 1;
  return `10.77.${Math.floor(address / 250)}.${(address % 250) + 1}`;
};

export async function login(
  app: FastifyInstance,
  email: string,
  password: string,
  remoteAddress = freshAddress(),
): Promise<LightMyRequestResponse> {
  return send(app, "POST", "/api/auth/login", { body: { email, password }, remoteAddress });
}

/** Signs in and returns the caller (its session cookie). */
export async function signInAs(app: FastifyInstance, email: string, password: string): Promise<{ cookie: string }> {
  const res = await login(app, email, password);
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "rl_session");
  return { cookie: `rl_session=${cookie!.value}` };
}

export const USER_PASSWORD = "a long enough password";

/** Creates a user through the API as the administrator, optionally gives a role in `op`, and signs them in. */
export async function userWithRole(t: TestApp, email: string, role?: Role, op = OP): Promise<{ cookie: string }> {
  const admin = { cookie: t.admin };
  const created = await send(t.app, "POST", "/api/users", {
    as: admin,
    body: { email, name: email.split("@")[0], password: USER_PASSWORD },
  });
  if (created.statusCode !== 201) throw new Error(`creating ${email} failed: ${created.body}`);
  if (role) {
    const granted = await send(t.app, "PUT", `/api/operations/${op}/members`, { as: admin, body: { email, role } });
    if (granted.statusCode !== 204) throw new Error(`granting ${role} to ${email} failed: ${granted.body}`);
  }
  return signInAs(t.app, email, USER_PASSWORD);
}

/** Text with a NUL character: valid JSON ("\u0000"), but PostgreSQL text cannot hold it. */
export const NUL = "a\u0000b";
/** Text with an unpaired UTF-16 surrogate: JSON allows the escape "\ud800", UTF-8 cannot encode it. */
export const LONE_SURROGATE = "a\ud800b";
