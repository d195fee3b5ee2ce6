// Stopping while connections are kept alive: whatever answers a request once the stop has begun,
// the connection ends with it, and close() does not wait for the client's keep-alive (it once
// waited 71 s, past the stop's grace). Real sockets.
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface Client {
  socket: Socket;
  answer(): string;
  ended: Promise<void>;
}

async function listening(): Promise<number> {
  t = await testApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  return (t.app.server.address() as { port: number }).port;
}

async function client(port: number): Promise<Client> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => resolve(s));
    s.on("error", reject);
  });
  let answer = "";
  socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
  const ended = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  return { socket, answer: () => answer, ended };
}

/** "closed", or what was still open after `ms`. */
async function closedWithin(closing: Promise<unknown>, ms: number): Promise<string> {
  return Promise.race([
    closing.then(() => "closed"),
    new Promise<string>((resolve) => setTimeout(() => resolve(`still open after ${ms / 1000} s`), ms).unref()),
  ]);
}

describe("stopping with connections kept alive", { timeout: 90_000 }, () => {
  it("answers a request in flight with Connection: close, ends the connection, and closes without waiting for the client", async () => {
    const port = await listening();
    const base = `http://127.0.0.1:${port}`;
    const c = await client(port);
    const body = JSON.stringify({ email: "nobody@example.org", password: "not a password of anyone" });
    // The headers and half the body: the request is in flight when the stop begins.
    const head = `POST /api/auth/login HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\norigin: ${base}\r\nconnection: keep-alive\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const dispatched = new Promise<void>((resolve) => t!.app.server.once("request", () => resolve()));
    c.socket.write(head + body.slice(0, 10));
    await dispatched;
    const closing = t!.app.close();
    c.socket.write(body.slice(10));
    expect(await closedWithin(closing, 10_000)).toBe("closed");
    await c.ended;
    expect(c.answer()).toMatch(/^HTTP\/1\.1 401 /);
    expect(c.answer().toLowerCase()).toContain("\r\nconnection: close\r\n");
  });

  it("ends a connection kept alive by an answer written outside the hooks (a malformed URL's 400) once the stop has begun", async () => {
    const port = await listening();
    const c = await client(port);
    // Half a request line: the connection is busy (not idle) when the stop begins.
    c.socket.write("GET /api/%zz");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = t!.app.close();
    c.socket.write(` HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: keep-alive\r\n\r\n`);
    expect(await closedWithin(closing, 10_000)).toBe("closed");
    await c.ended;
    expect(c.answer()).toMatch(/^HTTP\/1\.1 400 /);
  });
});
