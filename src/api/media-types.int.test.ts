// A write whose body comes in a media type its route does not read, or with no Content-Type, answers
// 415 problem+json before the body is read: the detail and Accept name what the route takes, nothing
// is stored, and the answer is what the OpenAPI document says. A body of the right type that is not
// JSON still answers 400. The document's side: ./guard-answers.int.test.ts.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { OP, donorOf, event, line } from "../../test/helpers/fixtures.ts";
import { documentedApp, expectDocumentedProblem, type Doc } from "../../test/helpers/documented-answers.ts";
import { expectNothingStored, expectProblem } from "../../test/helpers/http-bad-input.ts";
import type { Db } from "../store/db.ts";

let db: Db;
let app: FastifyInstance;
let given: Map<string, unknown>;
let doc: Doc;
let cookie: string;
let phone: string;
beforeAll(async () => {
  ({ db, app, given, cookie, doc } = await documentedApp());
  const device = await app.inject({
    method: "POST",
    url: `/api/operations/${OP}/devices`,
    headers: { cookie },
    payload: { label: "Railhead phone", installationId: uuidv7() },
  });
  expect(device.statusCode, device.body).toBe(201);
  phone = `Bearer ${(device.json() as { token: string }).token}`;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const pledge = () => event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "1")] });
const CSV_SHEET = "neighbourhood,item,households,people,quantity\nNB-1,FLOUR,10,40,100\n";

interface Case {
  name: string;
  url: string;
  /** The operation as the OpenAPI document names it. */
  path: string;
  contentType: string | undefined;
  payload: () => string;
  auth: () => Record<string, string>;
  accepted: string;
}

const CASES: Case[] = [
  {
    name: "an event sent as text/plain to a JSON route",
    url: `/api/operations/${OP}/events`,
    path: "/api/operations/{op}/events",
    contentType: "text/plain; charset=utf-8",
    payload: () => JSON.stringify(pledge()),
    auth: () => ({ cookie }),
    accepted: "application/json",
  },
  {
    name: "an organisation sent with no Content-Type",
    url: "/api/organisations",
    path: "/api/organisations",
    contentType: undefined,
    payload: () => JSON.stringify({ code: "NO-TYPE", name: "No type", kind: "ngo" }),
    auth: () => ({ cookie }),
    accepted: "application/json",
  },
  {
    name: "the field app's sync batch sent as a form by a device",
    url: `/api/operations/${OP}/events/batch?mode=each`,
    path: "/api/operations/{op}/events/batch",
    contentType: "application/x-www-form-urlencoded",
    payload: () => JSON.stringify({ events: [pledge()] }),
    auth: () => ({ authorization: phone }),
    accepted: "application/json",
  },
  {
    name: "a needs sheet sent as its CSV text",
    url: `/api/operations/${OP}/needs/import`,
    path: "/api/operations/{op}/needs/import",
    contentType: "text/csv",
    payload: () => CSV_SHEET,
    auth: () => ({ cookie }),
    accepted: "application/json",
  },
  {
    name: "a needs sheet sent as a multipart upload",
    url: `/api/operations/${OP}/needs/import`,
    path: "/api/operations/{op}/needs/import",
    contentType: "multipart/form-data; boundary=x",
    payload: () =>
      `--x\r\nContent-Disposition: form-data; name="file"; filename="needs.csv"\r\n\r\n${CSV_SHEET}\r\n--x--\r\n`,
    auth: () => ({ cookie }),
    accepted: "application/json",
  },
  {
    name: "an EPCIS document sent as XML",
    url: `/api/operations/${OP}/import/epcis`,
    path: "/api/operations/{op}/import/epcis",
    contentType: "application/xml",
    payload: () => "<epcis:EPCISDocument/>",
    auth: () => ({ cookie }),
    accepted: "application/json, application/ld+json",
  },
];

describe("a write whose body is not in a media type its route reads", () => {
  for (const c of CASES)
    it(`answers 415 to ${c.name}, naming ${c.accepted}, as documented, and stores nothing`, async () => {
      const res = await expectNothingStored(db, () =>
        app.inject({
          method: "POST",
          url: c.url,
          headers: { ...c.auth(), ...(c.contentType !== undefined && { "content-type": c.contentType }) },
          payload: c.payload(),
        }),
      );
      const body = expectDocumentedProblem(res, 415, "post", c.path, given, doc);
      expect(body.type).toBe("https://reliefline.org/problems/unsupported-media-type");
      expect(res.headers["accept"]).toBe(c.accepted);
      for (const type of c.accepted.split(", ")) expect(body.detail).toContain(type);
      expect(body.detail).toContain(c.contentType ?? "no Content-Type");
    });

  it("answers 415 to a body in a type Fastify has no parser for on a route that takes no body", async () => {
    const res = await expectNothingStored(db, () =>
      app.inject({
        method: "POST",
        url: `/api/operations/${OP}/verify`,
        headers: { cookie, "content-type": "application/xml" },
        payload: "<verify/>",
      }),
    );
    expectDocumentedProblem(res, 415, "post", "/api/operations/{op}/verify", given, doc);
    expect(res.headers["accept"]).toBe("application/json");
  });

  it("still answers 400 to a body sent as JSON that is not valid JSON, and stores nothing", async () => {
    const res = await expectNothingStored(db, () =>
      app.inject({
        method: "POST",
        url: `/api/operations/${OP}/events`,
        headers: { cookie, "content-type": "application/json" },
        payload: '{"type": "GoodsPledged", ',
      }),
    );
    expect(expectDocumentedProblem(res, 400, "post", "/api/operations/{op}/events", given, doc).detail).toContain(
      "not valid JSON",
    );
  });
});

describe("a write in a media type its route reads", () => {
  it("is taken with parameters and in any case (Application/JSON; charset=UTF-8)", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events`,
      headers: { cookie, "content-type": "Application/JSON; charset=UTF-8" },
      payload: JSON.stringify(pledge()),
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it("is taken from the field app as it sends its sync batch (application/json, a device's token)", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events/batch?mode=each`,
      headers: { authorization: phone, "content-type": "application/json" },
      payload: JSON.stringify({ events: [pledge()] }),
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("passes the media type check as application/ld+json on the EPCIS import", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/operations/${OP}/import/epcis`,
      headers: { cookie, "content-type": "application/ld+json" },
      payload: "{}",
    });
    expect(expectProblem(res, "4xx").status).not.toBe(415);
  });

  it("needs no Content-Type when it sends no body", async () => {
    const res = await app.inject({ method: "POST", url: `/api/operations/${OP}/verify`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
  });
});
