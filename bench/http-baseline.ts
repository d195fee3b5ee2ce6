// HTTP baseline: what plain Fastify answers on this machine (hello world) against the
// real app's /api/health (routing, hooks, schema serialisation, one `select 1`).
// autocannon runs in its own process so the load generator does not share the
// server's event loop.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import Fastify from "fastify";

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve("autocannon/autocannon.js");

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
  /**
   * CPU time this process (the server under test) spent per request, in microseconds:
   * unlike requests/s it hardly moves when other programs compete for the cores.
   */
  serverCpuUsPerRequest: number;
  /** Response bytes per second received by the load generator. */
  bytesPerSecond: number;
}

/** autocannon -c `connections` -d `seconds` against `url` (with request `headers`), served by this process. */
export function autocannon(
  url: string,
  connections = 50,
  seconds = 5,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const cpu = process.cpuUsage();
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [AUTOCANNON, "-c", String(connections), "-d", String(seconds), "-j", ...headerArgs, url],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error) return reject(error);
        const r = JSON.parse(stdout) as {
          requests: { average: number; total: number };
          latency: { p50: number; p99: number };
          non2xx: number;
          errors: number;
          duration: number;
          throughput: { average: number };
        };
        const used = process.cpuUsage(cpu);
        resolve({
          requestsPerSecond: r.requests.total / r.duration,
          latencyP50Ms: r.latency.p50,
          latencyP99Ms: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors,
          serverCpuUsPerRequest: (used.user + used.system) / Math.max(1, r.requests.total),
          bytesPerSecond: r.throughput.average,
        });
      },
    );
  });
}

/** A hello-world Fastify server on a free port, for the duration of `fn`. */
export async function withHelloServer<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const app = Fastify({ logger: false });
  app.get("/", async () => ({ hello: "world" }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  try {
    return await fn(`http://127.0.0.1:${port}/`);
  } finally {
    await app.close();
  }
}
