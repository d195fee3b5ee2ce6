// A child process for the concurrent-append benchmark: `clients` phones, each posting
// single events (POST …/events) one after another for its own share of the fleet, for
// `seconds`. Runs apart from the server so the load does not share its event loop.
// Prints one JSON line: events created, seconds, answers by status, latency percentiles and
// the CPU the clients spent per event. Uses node:http with kept-alive sockets: `fetch` cost
// about as much CPU per event as the server did, on the same two cores.
//   node --import tsx bench/phone-clients.ts URL COOKIE CLIENTS SECONDS OFFSET
import { Agent, request } from "node:http";
import { UNITS, benchEvents } from "./events.ts";

const [url, cookie, clientsText, secondsText, offsetText] = process.argv.slice(2);
const clients = Number(clientsText);
const seconds = Number(secondsText);
const offset = Number(offsetText ?? 0);
const share = Math.floor(UNITS.length / clients);
const statuses: Record<string, number> = {};
const latencies: number[] = [];
let created = 0;
const deadline = performance.now() + seconds * 1000;

const agent = new Agent({ keepAlive: true, maxSockets: clients });

/** Posts one body and resolves with the answer's status once the answer has been read. */
function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url!,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie: cookie! },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function phone(client: number): Promise<void> {
  const units = UNITS.slice(client * share, (client + 1) * share);
  for (let k = offset; performance.now() < deadline; k += 1) {
    const [event] = benchEvents(1, k, units);
    const started = performance.now();
    const status = await post(JSON.stringify(event));
    latencies.push(performance.now() - started);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === 201) created += 1;
  }
}

const cpu = process.cpuUsage();
const started = performance.now();
await Promise.all(Array.from({ length: clients }, (_, c) => phone(c)));
const elapsed = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const clientCpuUsPerEvent = Math.round((used.user + used.system) / Math.max(1, created));
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  +(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1);
console.log(
  JSON.stringify({ created, seconds: elapsed, statuses, p50Ms: at(0.5), p99Ms: at(0.99), clientCpuUsPerEvent }),
);
