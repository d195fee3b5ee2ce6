import { request as httpRequest, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import { describeOnEngines } from "../../../test/helpers/engines.ts";
import { ADMIN_PASSWORD, NOW, OP, donorOf, event, line, seedOperation } from "../../../test/helpers/fixtures.ts";
import { signIn } from "../../../test/helpers/http.ts";
import { createUser } from "../../app/identity.ts";

interface Stream {
  response: IncomingMessage;
  /** Resolves once what arrived so far satisfies `done`. */
  until(done: (text: string) => boolean): Promise<void>;
  /** Resolves with the next `count` messages' data (parsed JSON), comments and ids aside. */
  messages(count: number): Promise<unknown[]>;
  text(): string;
  close(): void;
}

/** Opens the stream with a real HTTP request, collecting what arrives. */
function openStream(base: string, path: string, cookie?: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      base + path,
      { headers: { accept: "text/event-stream", ...(cookie && { cookie }) } },
      (response) => {
        let text = "";
        const waiters: (() => void)[] = [];
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
          for (const wake of waiters.splice(0)) wake();
        });
        const data = () =>
          text.split("\n\n").flatMap((block) =>
            block
              .split("\n")
              .filter((l) => l.startsWith("data: "))
              .map((l) => JSON.parse(l.slice(6)) as unknown),
          );
        const until = (done: (text: string) => boolean) =>
          new Promise<void>((resolved, fail) => {
            const timer = setTimeout(() => fail(new Error(`timed out waiting on the stream; got: ${text}`)), 10_000);
            const check = () => {
              if (!done(text)) return void waiters.push(check);
              clearTimeout(timer);
              resolved();
            };
            check();
          });
        resolve({
          response,
          until,
          text: () => text,
          close: () => req.destroy(),
          messages: async (count) => {
            await until(() => data().length >= count);
            return data().slice(0, count);
          },
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function openConnections(app: FastifyInstance): Promise<number> {
  return new Promise((resolve, reject) =>
    app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

describeOnEngines("the live ledger stream", (db) => {
  let app: FastifyInstance;
  let base: string;
  let cookie: string;

  beforeAll(async () => {
    await seedOperation(db());
    app = await buildApp({ db: db(), now: () => NOW, streamHeartbeatMs: 200 });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    cookie = await signIn(app, `admin-${OP.toLowerCase()}@example.org`, ADMIN_PASSWORD);
  });
  afterAll(async () => app?.close());

  it("sends {seq, hash, type} for an event appended after the stream opened", async () => {
    const stream = await openStream(base, `/api/operations/${OP}/stream`, cookie);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers["content-type"]).toContain("text/event-stream");
    const pledge = event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "5")] });
    const res = await app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events`,
      payload: pledge as object,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(201);
    const { seq } = res.json() as { seq: number };
    const [message] = await stream.messages(1);
    const [stored] = await db().query<{ hash: string }>("select hash from events where seq = $1", [seq]);
    expect(message).toEqual({ seq, hash: stored!.hash, type: "GoodsPledged" });
    expect(stream.text()).toContain(`id: ${seq}\n`);
    stream.close();
  });

  it("announces every event of a batch in sequence order, and nothing for a duplicate", async () => {
    const stream = await openStream(base, `/api/operations/${OP}/stream`, cookie);
    const events = [1, 2, 3].map(() =>
      event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("LUMBER", "1")] }),
    );
    const batch = await app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events/batch`,
      payload: { events } as object,
      headers: { cookie },
    });
    expect(batch.statusCode).toBe(200);
    const again = await app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events`,
      payload: events[0] as object,
      headers: { cookie },
    });
    expect(again.statusCode).toBe(200);
    const after = event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "2")] });
    await app.inject({
      method: "POST",
      url: `/api/operations/${OP}/events`,
      payload: after as object,
      headers: { cookie },
    });
    const seqs = ((await stream.messages(4)) as { seq: number }[]).map((m) => m.seq);
    expect(seqs).toHaveLength(4);
    expect(seqs).toEqual([seqs[0]!, seqs[0]! + 1, seqs[0]! + 2, seqs[0]! + 3]);
    stream.close();
  });

  it("is documented in OpenAPI as a text/event-stream", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    const stream = doc.paths["/api/operations/{op}/stream"]?.get;
    expect(Object.keys(stream?.responses["200"]?.content ?? {})).toEqual(["text/event-stream"]);
    // Refusals are documented like every other route's problem details.
    const units = doc.paths["/api/operations/{op}/units"]?.get;
    expect(Object.keys(stream?.responses["401"]?.content ?? {})).toEqual(
      Object.keys(units?.responses["401"]?.content ?? {}),
    );
  });

  it("keeps the connection alive with heartbeat comments", async () => {
    const stream = await openStream(base, `/api/operations/${OP}/stream`, cookie);
    await stream.until((text) => text.includes(": heartbeat\n\n"));
    expect(stream.text()).toContain(": heartbeat\n\n");
    stream.close();
  });

  it("refuses an anonymous reader with 401 and a user without a role with 404, as problem+json", async () => {
    const anonymous = await openStream(base, `/api/operations/${OP}/stream`);
    expect(anonymous.response.statusCode).toBe(401);
    expect(anonymous.response.headers["content-type"]).toContain("application/problem+json");
    anonymous.close();
    await createUser(db(), "system", {
      email: "outsider@example.org",
      name: "Outsider",
      isAdmin: false,
      password: "outsider password 1",
    });
    const outsider = await signIn(app, "outsider@example.org", "outsider password 1");
    const hidden = await openStream(base, `/api/operations/${OP}/stream`, outsider);
    expect(hidden.response.statusCode).toBe(404);
    hidden.close();
  });

  it("ends the stream once the session it was opened with has ended (at the next heartbeat)", async () => {
    const session = await signIn(app, `admin-${OP.toLowerCase()}@example.org`, ADMIN_PASSWORD);
    const stream = await openStream(base, `/api/operations/${OP}/stream`, session);
    expect(stream.response.statusCode).toBe(200);
    const ended = new Promise<void>((resolve) => stream.response.on("end", () => resolve()));
    await stream.until((text) => text.includes(": heartbeat\n\n"));
    const out = await app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: session } });
    expect(out.statusCode).toBe(204);
    // The test's timeout is the check: a stream that outlived its session would never end.
    await ended;
    // Streams of sessions still signed in go on.
    const other = await openStream(base, `/api/operations/${OP}/stream`, cookie);
    await other.until((text) => (text.match(/: heartbeat\n\n/g) ?? []).length >= 2);
    other.close();
  });

  it("forgets a client that went away", async () => {
    const stream = await openStream(base, `/api/operations/${OP}/stream`, cookie);
    stream.close();
    // The server has noticed once its side of the connection is gone.
    await vi.waitFor(async () => expect(await openConnections(app)).toBe(0));
    const pledge = event("GoodsPledged", { from: donorOf(), location: "DEPOT", lines: [line("FLOUR", "1")] });
    expect(
      (
        await app.inject({
          method: "POST",
          url: `/api/operations/${OP}/events`,
          payload: pledge as object,
          headers: { cookie },
        })
      ).statusCode,
    ).toBe(201);
  });

  it("ends open streams when the server closes, so close() does not hang", async () => {
    const second = await buildApp({ db: db(), now: () => NOW });
    await second.listen({ port: 0, host: "127.0.0.1" });
    const address = second.server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const stream = await openStream(
      url,
      `/api/operations/${OP}/stream`,
      await signIn(second, `admin-${OP.toLowerCase()}@example.org`, ADMIN_PASSWORD),
    );
    const ended = new Promise<void>((resolve) => stream.response.on("end", () => resolve()));
    // A close() that waited for the stream would never end: the test's timeout is the check, not a clock.
    await second.close();
    await ended;
  });
});
