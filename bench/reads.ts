// Reads under load: the progress, stock and units endpoints of one operation, each under
// autocannon (its own process) with a signed-in session, against the real app; each compared
// with the hello-world Fastify server measured just before it (the same minute: on a shared
// machine the baseline moves by half within a run), in three alternating rounds, the median kept. Also the size of one answer and how long
// the first (uncached) answer took.
import { get } from "node:http";
import { autocannon, withHelloServer, type LoadResult } from "./http-baseline.ts";
import { signInHttp } from "./cli-process.ts";
import type { Db } from "../src/store/db.ts";
import { createUser } from "../src/app/identity.ts";
import { loadDemo } from "../src/demo/load-demo.ts";
import { DEMO_OPERATION } from "../src/demo/origin.ts";

export const READ_ENDPOINTS = ["progress", "stock", "units"] as const;
export type ReadEndpoint = (typeof READ_ENDPOINTS)[number];

export interface ReadResult {
  endpoint: ReadEndpoint;
  load: LoadResult;
  /** The hello-world server measured just before this endpoint, the same way (the median round's). */
  hello: LoadResult;
  /** This endpoint's rate over hello-world's in each round, in the order measured; `load` and `hello` are the median round's. */
  ratios: number[];
  /** Bytes of one answer. */
  bytes: number;
  /** The first request after the server started: computed, not served from a cache. */
  firstMs: number;
  /**
   * The same read asked as a browser asks (Accept-Encoding: gzip, deflate, br), for answers over
   * 1 KB: shown beside the plain figure, never in place of it (the verdict stays on plain requests).
   */
  compressed?: { load: LoadResult; bytes: number; encoding: string };
}

/** What a browser sends: every current browser offers at least these. */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br";

/** Each read endpoint of `op` under `connections` concurrent clients for `seconds`. */
export async function benchReads(
  base: string,
  cookie: string,
  op: string,
  connections: number,
  seconds: number,
): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for (const endpoint of READ_ENDPOINTS) {
    const url = `${base}/api/operations/${encodeURIComponent(op)}/${endpoint}`;
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.arrayBuffer();
    const firstMs = performance.now() - started;
    if (res.status !== 200)
      throw new Error(`GET ${url} answered ${res.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
    const { load, hello, ratios } = await medianRound(url, cookie, connections, seconds);
    out.push({ endpoint, load, hello, ratios, bytes: body.byteLength, firstMs });
    if (body.byteLength > 1024) out.at(-1)!.compressed = await compressedRead(url, cookie, connections, seconds);
  }
  return out;
}

/** Rounds of hello-world then the endpoint, alternating: one minute's load on a shared machine moves a single pair by half. */
const ROUNDS = 3;

/** The round whose ratio is the median of `ROUNDS`, each run a little shorter than `seconds` so the whole stays short. */
async function medianRound(url: string, cookie: string, connections: number, seconds: number) {
  const each = Math.max(2, Math.round(seconds * 0.6));
  const rounds: { load: LoadResult; hello: LoadResult; ratio: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const hello = await withHelloServer((helloUrl) => autocannon(helloUrl, connections, each));
    const load = await autocannon(url, connections, each, { cookie });
    rounds.push({ load, hello, ratio: load.requestsPerSecond / hello.requestsPerSecond });
  }
  const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(ROUNDS / 2)]!;
  return { load: median.load, hello: median.hello, ratios: rounds.map((r) => r.ratio) };
}

async function compressedRead(url: string, cookie: string, connections: number, seconds: number) {
  const headers = { cookie, "accept-encoding": BROWSER_ACCEPT_ENCODING };
  // fetch() would decode the answer: node:http hands over the bytes as sent.
  const { encoding, bytes } = await new Promise<{ encoding: string; bytes: number }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolve({ encoding: String(res.headers["content-encoding"] ?? "identity"), bytes }));
    }).on("error", reject);
  });
  return { load: await autocannon(url, connections, seconds, headers), bytes, encoding };
}

/**
 * The same reads on the demo operation (where issue 14's figures were measured), loaded into `db`
 * beside what is there, read by a system administrator of its own.
 */
export async function benchDemoReads(
  db: Db,
  base: string,
  connections: number,
  seconds: number,
): Promise<ReadResult[]> {
  const password = "correct horse battery";
  const email = "demo-reads@example.org";
  const { user } = await createUser(db, "system", { email, name: "Demo reader", isAdmin: true, password });
  await loadDemo(db, { userId: user.id, email, isAdmin: true, mustChangePassword: false }, new Date());
  const cookie = await signInHttp(base, user.email, password);
  return benchReads(base, cookie, DEMO_OPERATION.code, connections, seconds);
}
