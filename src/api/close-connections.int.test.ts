// Stopping while a request is in flight on a connection kept alive: the answer goes out with
// `Connection: close`, the connection ends with it, and close() does not wait for the client's
// keep-alive (it once waited 71 s, past the stop's grace). Real sockets.
import { connect, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";

let t: TestApp | undefined;
afterAll(async () => t?.close());

describe("stopping with a request in flight on a kept-alive connection", () => {
  it("answers it with Connection: close, ends the connection, and closes without waiting for the client", async () => {
    t = await testApp();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const body = JSON.stringify({ email: "nobody@example.org", password: "not a password of anyone" });
    const socket: Socket = await new Promise((resolve, reject) => {
      const s = connect(port, "127.0.0.1", () => resolve(s));
      s.on("error", reject);
    });
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    const ended = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    // The headers and half the body: the request is in flight when the stop begins.
    const head = `POST /api/auth/login HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\norigin: ${base}\r\nconnection: keep-alive\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const dispatched = new Promise<void>((resolve) => t!.app.server.once("request", () => resolve()));
    socket.write(head + body.slice(0, 10));
    await dispatched;
    const closing = t.app.close();
    socket.write(body.slice(10));
    const closed = await Promise.race([
      closing.then(() => "closed"),
      new Promise((resolve) => setTimeout(() => resolve("still open after 10 s"), 10_000).unref()),
    ]);
    expect(closed).toBe("closed");
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer.toLowerCase()).toContain("\r\nconnection: close\r\n");
  });
});
