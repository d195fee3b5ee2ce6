// Slow clients cannot hold connections for good. A body that trickles in holds its connection:
// each caller may be sending only so many at once, and one more is refused at once (429,
// Retry-After, before its body is read) without touching anyone else's. A connection that sends
// no request is hung up on. Real sockets.
import { createServer } from "node:http";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { OP } from "../../test/helpers/fixtures.ts";
import { dropSilentConnections, REQUEST_TIMEOUT_MS, WRITES_IN_FLIGHT } from "./request-guards.ts";

let t: TestApp;
let port = 0;
const held: Socket[] = [];
beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of held) s.destroy();
  await t?.close();
});

const BATCH = `/api/operations/${OP}/events/batch`;
const SIGN_IN = "/api/auth/login";

/** Sends a POST's headers and the first byte of a 10 KB body, then nothing more: the request stays in flight. */
function trickle(path: string, headers: Record<string, string>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      const lines = Object.entries({ ...headers, "content-type": "application/json", "content-length": "10000" })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("");
      socket.write(`POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${lines}\r\n[`, () => resolve(socket));
    });
    socket.on("error", reject);
    held.push(socket);
  });
}

/** The answer to a whole request sent on a fresh connection. */
async function post(path: string, headers: Record<string, string>, body: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body,
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() };
}

/** Posts until the answer is (or is not) 429: the trickles' headers are read when they arrive, not when written. */
async function until(refused: boolean, path: string, headers: Record<string, string>, body: string) {
  for (;;) {
    const res = await post(path, headers, body);
    if ((res.status === 429) === refused) return res;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("bodies in flight per caller", () => {
  it("drops a request that has not arrived whole within the request timeout (Node's own default, which Fastify turns off)", () => {
    expect(t.app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
  });

  it("frees a caller's place when each of its requests is answered", async () => {
    for (let i = 0; i < WRITES_IN_FLIGHT.signedIn + 4; i++) {
      const res = await t.app.inject({ method: "POST", url: BATCH, headers: { cookie: t.admin }, payload: [] });
      expect(res.statusCode).not.toBe(429);
    }
  });

  it("refuses one more body from a signed-in caller already sending its limit, and no one else's", async () => {
    const mine = await Promise.all(
      Array.from({ length: WRITES_IN_FLIGHT.signedIn }, () => trickle(BATCH, { cookie: t.admin })),
    );
    const refused = await until(true, BATCH, { cookie: t.admin }, "[]");
    expect(refused.retryAfter).toBe("1");
    expect(JSON.parse(refused.body).detail).toContain(`already sending ${WRITES_IN_FLIGHT.signedIn} requests`);
    // Someone else signs in and writes as usual.
    const other = await post(SIGN_IN, {}, JSON.stringify({ email: "nobody@example.org", password: "wrong horse" }));
    expect(other.status).not.toBe(429);
    // One of the trickles gives up: its place is free again.
    const closed = new Promise((resolve) => mine[0]!.once("close", resolve));
    mine[0]!.destroy();
    await closed;
    await until(false, BATCH, { cookie: t.admin }, "[]");
    for (const s of mine) s.destroy();
  });

  it("refuses one more sign-in body from an address already sending its limit", async () => {
    const mine = await Promise.all(Array.from({ length: WRITES_IN_FLIGHT.anonymous }, () => trickle(SIGN_IN, {})));
    const signIn = JSON.stringify({ email: "a@example.org", password: "whatever it is" });
    const refused = await until(true, SIGN_IN, {}, signIn);
    expect(JSON.parse(refused.body).detail).toContain(`already sending ${WRITES_IN_FLIGHT.anonymous} requests`);
    // A signed-in caller's writes are counted on their own.
    expect((await post(BATCH, { cookie: t.admin }, "[]")).status).not.toBe(429);
    for (const s of mine) s.destroy();
  });
});

describe("connections that send no request", () => {
  it("are hung up on, while one that sent a request stays open for the next", async () => {
    const server = createServer((_, res) => res.end("ok"));
    dropSilentConnections(server, 300);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port: bare } = server.address() as { port: number };
    try {
      const open = (): Promise<Socket> =>
        new Promise((resolve) => {
          const socket: Socket = connect(bare, "127.0.0.1", () => resolve(socket));
        });
      const ask = (socket: Socket) =>
        new Promise<string>((resolve) => {
          socket.once("data", (d: Buffer) => resolve(d.toString()));
          socket.write("GET / HTTP/1.1\r\nhost: x\r\n\r\n");
        });
      const silent = await open();
      const talking = await open();
      expect(await ask(talking)).toContain("200 OK");
      const silentClosed = new Promise((resolve) => silent.once("close", resolve));
      await silentClosed;
      // Well past the first request's deadline, the talking connection still answers.
      await new Promise((r) => setTimeout(r, 400));
      expect(talking.destroyed).toBe(false);
      expect(await ask(talking)).toContain("200 OK");
      talking.destroy();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
