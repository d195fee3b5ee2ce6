// A connection holds one of the server's file descriptors, and so does every file the embedded
// database opens. Found by testing: 20,000 connections from one address, each sending a header
// byte every few seconds (Node drops trickled headers only after 60 s, and the attacker opens
// new ones), took every descriptor: nobody could connect, and a write already under way was
// committed but answered 500, its WAL flush refused with EMFILE. So one address may hold only
// so many connections, and the server as a whole fewer than its descriptor limit. Real sockets.
import { createServer, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import {
  CONNECTIONS_PER_ADDRESS,
  connectionCap,
  limitConnections,
  openFileLimit,
  softOpenFileLimit,
} from "./connection-limits.ts";

/** A bare HTTP server with the limits, on a free port of 127.0.0.1. */
async function bare(limits: Parameters<typeof limitConnections>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer((_, res) => res.end("ok"));
  limitConnections(server, limits);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as { port: number }).port };
}

const sockets: Socket[] = [];
/** A connection from `from` that sends the start of a request's headers and then nothing: it stays open. */
function trickling(port: number, from = "127.0.0.1"): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1", localAddress: from }, () => {
      socket.write("GET / HTTP/1.1\r\nhost: x\r\nx-slow: ", () => resolve(socket));
    });
    socket.on("error", () => {});
    socket.once("error", reject);
    sockets.push(socket);
  });
}

/** Whether the server answers a whole request on a fresh connection from `from`, or hangs up. */
function answers(port: number, from = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1", localAddress: from }, () =>
      socket.write("GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"),
    );
    let got = "";
    socket.on("data", (d: Buffer) => (got += d.toString()));
    socket.on("error", () => {});
    socket.on("close", () => resolve(got.startsWith("HTTP/1.1 200")));
  });
}

afterAll(() => {
  for (const s of sockets) s.destroy();
});

describe("connections per address", () => {
  it("hangs up on one more connection from an address holding its limit, and on no one else's", async () => {
    const { server, port } = await bare({ perAddress: 3, total: 100 });
    try {
      const mine = await Promise.all([1, 2, 3].map(() => trickling(port)));
      expect(await answers(port)).toBe(false);
      // Another address (all of 127.0.0.0/8 is this machine) is served.
      expect(await answers(port, "127.0.0.2")).toBe(true);
      // One of the three lets go: its place is free again.
      const closed = new Promise((resolve) => mine[0]!.once("close", resolve));
      mine[0]!.destroy();
      await closed;
      await expect.poll(() => answers(port)).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("counts nothing per address behind a reverse proxy (every connection comes from the proxy)", async () => {
    const { server, port } = await bare({ perAddress: null, total: 100 });
    try {
      await Promise.all([1, 2, 3, 4].map(() => trickling(port)));
      expect(await answers(port)).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe("connections in all", () => {
  it("hangs up on connections past the server's cap, whatever their address", async () => {
    const { server, port } = await bare({ perAddress: 100, total: 4 });
    try {
      await Promise.all([1, 2].map(() => trickling(port)));
      await Promise.all([1, 2].map(() => trickling(port, "127.0.0.2")));
      expect(await answers(port, "127.0.0.3")).toBe(false);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("leaves file descriptors for the database: the cap is below the process's limit", () => {
    expect(connectionCap(1024)).toBeLessThanOrEqual(1024 - 256);
    expect(connectionCap(20_000)).toBeLessThanOrEqual(18_000);
    expect(connectionCap(20_000)).toBeGreaterThanOrEqual(10_000);
    expect(connectionCap(100)).toBeGreaterThan(0);
  });

  it("reads the soft limit on open files from /proc/self/limits", () => {
    const text =
      "Limit                     Soft Limit           Hard Limit           Units     \n" +
      "Max open files            20000                1048576              files     \n";
    expect(softOpenFileLimit(text)).toBe(20_000);
    expect(softOpenFileLimit("Max open files            unlimited            unlimited            files")).toBe(
      undefined,
    );
    expect(softOpenFileLimit("")).toBe(undefined);
  });
});

describe("the application's server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("takes at most the cap of connections for its descriptor limit", () => {
    expect(t.app.server.maxConnections).toBe(connectionCap(openFileLimit()));
  });

  it("hangs up on an address holding CONNECTIONS_PER_ADDRESS connections", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (t.app.server.address() as { port: number }).port;
    const held = await Promise.all(Array.from({ length: CONNECTIONS_PER_ADDRESS }, () => trickling(port, "127.0.0.4")));
    expect(await answers(port, "127.0.0.4")).toBe(false);
    for (const s of held) s.destroy();
  });
});
