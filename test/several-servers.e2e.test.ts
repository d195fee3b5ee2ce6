// Two `reliefline start` processes on one database behave as one server: a session made
// on one is good on the other, a live stream open on one hears events appended through
// the other, a read one keeps in memory is answered anew after the other wrote, and a rate
// limit counts a client's requests to both together. On a plain PostgreSQL server and on a
// Citus coordinator.
import { afterAll, beforeAll, expect, it } from "vitest";
import { request as httpRequest } from "node:http";
import { v7 as uuidv7 } from "uuid";
import { cliEnv, startServer, signInHttp, type RunningServer } from "../bench/cli-process.ts";
import { describeEachEngine, freshCitusUrl, freshPostgresUrl } from "./helpers/engines.ts";
import { PUBLIC_RATE_LIMIT } from "../src/api/routes/public.routes.ts";

const ADMIN = "admin@reliefline.local";
const PASSWORD = "several-servers-password-0";
const OP = "TWO-SERVERS";

describeEachEngine("two server processes on one database", ["postgres", "citus"], (engine) => {
  let a: RunningServer;
  let b: RunningServer;
  let cookie: string;

  beforeAll(async () => {
    const url = engine === "citus" ? await freshCitusUrl() : await freshPostgresUrl();
    const env = cliEnv({ RELIEFLINE_ADMIN_PASSWORD: PASSWORD });
    // One after the other: the first start creates the administrator.
    a = await startServer(["--database-url", url, "--no-demo"], env);
    b = await startServer(["--database-url", url, "--no-demo"], env);
    cookie = await signInHttp(a.base, ADMIN, PASSWORD);
    const post = (path: string, body: unknown) =>
      fetch(a.base + path, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("/api/operations", { code: OP, name: "Two servers", timeZone: "Asia/Yerevan" })).status).toBe(
      201,
    );
    expect((await post("/api/organisations", { code: "DONOR", name: "A donor", kind: "government" })).status).toBe(201);
    for (const place of [
      { code: "donor:DONOR", name: "Donor", kind: "donor", organisation: "DONOR" },
      { code: "DEPOT", name: "Depot", kind: "origin-depot" },
    ]) {
      expect((await post(`/api/operations/${OP}/locations`, place)).status).toBe(201);
    }
    expect(
      (await post(`/api/operations/${OP}/items`, { code: "FLOUR", name: "Flour", uom: "TNE", kind: "goods" })).status,
    ).toBe(201);
  }, 600_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("accepts a session made on one server at the other", async () => {
    const me = await fetch(`${b.base}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(ADMIN);
  });

  it("streams, from one server, the events appended through the other", async () => {
    const stream = await openStream(`${a.base}/api/operations/${OP}/stream`, cookie);
    try {
      const id = uuidv7();
      const pledge = {
        id,
        type: "GoodsPledged",
        eventTime: "2020-12-01T10:00:00+04:00",
        from: "donor:DONOR",
        location: "DEPOT",
        lines: [{ item: "FLOUR", quantity: "5" }],
      };
      const res = await fetch(`${b.base}/api/operations/${OP}/events`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify(pledge),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const { seq } = (await res.json()) as { seq: number };
      const message = await stream.next();
      expect(message).toMatchObject({ seq, type: "GoodsPledged" });
    } finally {
      stream.close();
    }
  });

  it("answers a read one server keeps in memory anew once the other has written (change notifications)", async () => {
    const stock = async () => {
      const res = await fetch(`${a.base}/api/operations/${OP}/stock`, { headers: { cookie } });
      expect(res.status).toBe(200);
      return (await res.json()) as { location: string; item: string; quantity: string }[];
    };
    const before = await stock();
    expect(await stock()).toEqual(before); // now kept by server a
    const pledge = {
      id: uuidv7(),
      type: "GoodsPledged",
      eventTime: "2020-12-02T10:00:00+04:00",
      from: "donor:DONOR",
      location: "DEPOT",
      lines: [{ item: "FLOUR", quantity: "11" }],
    };
    const res = await fetch(`${b.base}/api/operations/${OP}/events`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(pledge),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const depot = (rows: { location: string; item: string; quantity: string }[]) =>
      rows.find((r) => r.location === "DEPOT" && r.item === "FLOUR")?.quantity ?? "0";
    await expect.poll(async () => Number(depot(await stock())), { timeout: 10_000 }).toBe(Number(depot(before)) + 11);
  });

  it("counts a client's requests to both servers against one rate limit", async () => {
    const servers = [a, b];
    const statuses: number[] = [];
    for (let i = 0; i <= PUBLIC_RATE_LIMIT.max; i++) {
      const res = await fetch(`${servers[i % 2]!.base}/public`);
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses.slice(0, PUBLIC_RATE_LIMIT.max).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

/** A server-sent event stream: `next()` resolves with the next message's data. */
function openStream(url: string, cookie: string): Promise<{ next(): Promise<unknown>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: "text/event-stream", cookie } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
      let buffer = "";
      const messages: unknown[] = [];
      const waiting: ((m: unknown) => void)[] = [];
      response.setEncoding("utf8").on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (!data) continue;
          const message: unknown = JSON.parse(data.slice(6));
          const wake = waiting.shift();
          if (wake) wake(message);
          else messages.push(message);
        }
      });
      resolve({
        next: () =>
          messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((wake) => waiting.push(wake)),
        close: () => req.destroy(),
      });
    });
    req.on("error", reject);
    req.end();
  });
}
