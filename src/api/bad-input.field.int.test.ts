// Bad input to the field app's endpoints: device credentials, the working set, the sync
// batch's per-event mode and origins, recording delays and label sheets. Each is refused
// with problem+json naming the field, and nothing is stored; never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { OP, event } from "../../test/helpers/fixtures.ts";
import {
  expectNothingStored,
  expectProblem,
  notJsonCases,
  refuses,
  send,
  userWithRole,
  type Caller,
} from "../../test/helpers/http-bad-input.ts";

const INSTALLATION = "0190a0a0-0000-7000-8000-0000000000aa";
const arrival = (extra: Record<string, unknown> = {}) => ({
  ...event("UnitArrived", { unit: "24073082", location: "RAILHEAD" }),
  ...extra,
});

let t: TestApp;
let phone: Caller;
let deviceId: string;
beforeAll(async () => {
  t = await testApp();
  const officer = await userWithRole(t, "officer@example.org", "field-officer");
  const issued = await send(t.app, "POST", `/api/operations/${OP}/devices`, {
    as: officer,
    body: { label: "Phone", installationId: INSTALLATION },
  });
  expect(issued.statusCode, issued.body).toBe(201);
  phone = { bearer: (issued.json() as { token: string }).token };
  deviceId = (issued.json() as { id: string }).id;
});
afterAll(async () => t.close());

const admin = () => ({ cookie: t.admin });

describe("POST /api/operations/:op/devices", () => {
  const url = `/api/operations/${OP}/devices`;
  const valid = { label: "Railhead phone", installationId: INSTALLATION };
  refuses(
    () => ({ t, method: "POST", url, as: admin() }),
    [
      ...notJsonCases(valid),
      { name: "no label", body: { installationId: INSTALLATION }, status: 400, names: "/label" },
      { name: "an empty label", body: { ...valid, label: "" }, status: 400, names: "/label" },
      { name: "a label of 101 characters", body: { ...valid, label: "x".repeat(101) }, status: 400, names: "/label" },
      {
        name: "an installation id that is not a UUID",
        body: { ...valid, installationId: "phone-1" },
        status: 400,
        names: "/installationId",
      },
      { name: "a role chosen by the client", body: { ...valid, role: "admin" }, status: 400, names: "/role" },
      {
        name: "an operation that does not exist",
        url: "/api/operations/NO-SUCH-OP/devices",
        body: valid,
        status: 404,
        names: "NO-SUCH-OP",
      },
    ],
  );
  refuses(() => ({ t, method: "POST", url }), [{ name: "no sign-in", body: valid, status: 401 }]);
  refuses(
    () => ({ t, method: "POST", url, as: { bearer: "rld_not-a-real-token" } }),
    [{ name: "an unknown device token", body: valid, status: 401, names: "sign in again" }],
  );
});

describe("POST /api/operations/:op/devices/:id/revoke", () => {
  refuses(
    () => ({ t, method: "POST", url: `/api/operations/${OP}/devices/not-a-uuid/revoke`, as: admin() }),
    [{ name: "an id that is not a UUID", status: 400, names: "id" }],
  );
  refuses(
    () => ({
      t,
      method: "POST",
      url: `/api/operations/${OP}/devices/0190a0a0-0000-7000-8000-000000000000/revoke`,
      as: admin(),
    }),
    [{ name: "a device that does not exist", status: 404, names: "0190a0a0-0000-7000-8000-000000000000" }],
  );
  it("answers 401 without a sign-in and leaves the device working", async () => {
    await expectNothingStored(t.db, async () =>
      expectProblem(await send(t.app, "POST", `/api/operations/${OP}/devices/${deviceId}/revoke`), 401),
    );
    expect((await send(t.app, "GET", `/api/operations/${OP}/items`, { as: phone })).statusCode).toBe(200);
  });
});

describe("GET /api/operations/:op/field/working-set and /devices", () => {
  for (const since of ["1", "1.2.3", "-1.2", "a.b", "1".repeat(16) + ".1"]) {
    it(`answers 400 to since=${since.slice(0, 20)}, naming since`, async () => {
      expectProblem(
        await send(t.app, "GET", `/api/operations/${OP}/field/working-set?since=${since}`, { as: phone }),
        400,
        "/since",
      );
    });
  }
  it("answers 400 to an unknown query parameter and 401 without a sign-in", async () => {
    expectProblem(
      await send(t.app, "GET", `/api/operations/${OP}/field/working-set?full=1`, { as: phone }),
      400,
      "full",
    );
    expectProblem(await send(t.app, "GET", `/api/operations/${OP}/field/working-set`), 401);
    expectProblem(await send(t.app, "GET", `/api/operations/${OP}/devices`), 401);
  });
});

describe("POST /api/operations/:op/events/batch?mode=each, with origins", () => {
  const url = `/api/operations/${OP}/events/batch?mode=each`;
  refuses(
    () => ({ t, method: "POST", url, as: phone }),
    [
      {
        name: "an unknown mode",
        url: `/api/operations/${OP}/events/batch?mode=some`,
        body: { events: [arrival()] },
        status: 400,
        names: "mode",
      },
      {
        name: "an origin naming its own device",
        body: { events: [arrival({ origin: { device: "someone-else" } })] },
        status: 400,
        names: "/events/0/origin/device",
      },
      {
        name: "an origin whose device time has no offset",
        body: { events: [arrival({ origin: { deviceTime: "2020-12-19T10:00:00" } })] },
        status: 400,
        names: "/events/0/origin/deviceTime",
      },
      {
        name: "a clock offset that is not a whole number",
        body: { events: [arrival({ origin: { clockOffsetMs: 1.5 } })] },
        status: 400,
        names: "/events/0/origin/clockOffsetMs",
      },
      {
        name: "offline given as text",
        body: { events: [arrival({ origin: { offline: "yes" } })] },
        status: 400,
        names: "/events/0/origin/offline",
      },
      { name: "an empty batch", body: { events: [] }, status: 400, names: "/events" },
    ],
  );
  refuses(
    () => ({ t, method: "POST", url: `/api/operations/${OP}/events/batch`, as: admin() }),
    [
      {
        name: "an origin sent with a password session",
        body: { events: [arrival({ origin: { offline: true } })] },
        status: 422,
        names: "/origin",
      },
    ],
  );
  it("stores nothing when every event of the batch is refused, and says why for each", async () => {
    const res = await expectNothingStored(t.db, () =>
      send(t.app, "POST", url, {
        as: phone,
        body: { events: [arrival({ location: "NOWHERE" }), arrival({ unit: "99999999" })] },
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(
      (res.json() as { results: { status: string; errors: { field: string }[] }[] }).results.map((r) => [
        r.status,
        r.errors[0]!.field,
      ]),
    ).toEqual([
      ["refused", "/location"],
      ["refused", "/unit"],
    ]);
  });
});

describe("GET /api/operations/:op/field/recording-delays", () => {
  const base = `/api/operations/${OP}/field/recording-delays`;
  for (const [query, field] of [
    ["from=yesterday", "from"],
    ["to=2020-13-45", "to"],
    ["withinHours=0", "withinHours"],
    ["withinHours=1.5", "withinHours"],
    ["from=2020-12-20&to=2020-12-19", "/from"],
    ["colour=red", "colour"],
  ] as const) {
    it(`answers 400 to ${query}, naming ${field}`, async () => {
      expectProblem(await send(t.app, "GET", `${base}?${query}`, { as: admin() }), 400, field);
    });
  }
});

describe("GET /api/operations/:op/labels.pdf", () => {
  const base = `/api/operations/${OP}/labels.pdf`;
  for (const [query, status, field] of [
    ["pallets=21", 400, "pallets"],
    ["pallets=-1", 400, "pallets"],
    ["part=0", 400, "part"],
    ["units=NOPE", 422, "/units"],
    ["size=A3", 400, "size"],
  ] as const) {
    it(`answers ${status} to ${query}, naming ${field}`, async () => {
      expectProblem(await send(t.app, "GET", `${base}?${query}`, { as: admin() }), status, field);
    });
  }
  it("answers 401 without a sign-in", async () => expectProblem(await send(t.app, "GET", base), 401));
});
