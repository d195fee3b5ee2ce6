// Single events from many phones at once: `clients` concurrent clients each post
// POST /api/operations/:op/events one event at a time (bench/phone-clients.ts, a child
// process), against the real app; the figure is events created per second.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BENCH_OP } from "./ingest.ts";

const CLIENTS = fileURLToPath(new URL("./phone-clients.ts", import.meta.url));

export interface PhonesResult {
  clients: number;
  created: number;
  seconds: number;
  eventsPerSecond: number;
  statuses: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  /** CPU the load generator itself spent per event created (it shares the machine with the server). */
  clientCpuUsPerEvent: number;
}

/** Posts single events from `clients` concurrent clients for `seconds`; `offset` keeps runs' events apart. */
export function benchPhones(
  base: string,
  cookie: string,
  clients: number,
  seconds: number,
  offset: number,
): Promise<PhonesResult> {
  const url = `${base}/api/operations/${BENCH_OP}/events`;
  const args = ["--import", "tsx", CLIENTS, url, cookie, String(clients), String(seconds), String(offset)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      const r = JSON.parse(stdout.trim().split("\n").at(-1)!) as Omit<PhonesResult, "clients" | "eventsPerSecond">;
      resolve({ clients, ...r, eventsPerSecond: r.created / r.seconds });
    });
  });
}
