// A child process for the concurrent-append benchmark: `clients` phones, each posting
// single events (POST …/events) one after another for its own share of the fleet, for
// `seconds`. Runs apart from the server so the load does not share its event loop.
// Prints one JSON line: events created, seconds, answers by status, latency percentiles.
//   node --import tsx bench/phone-clients.ts URL COOKIE CLIENTS SECONDS OFFSET
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

async function phone(client: number): Promise<void> {
  const units = UNITS.slice(client * share, (client + 1) * share);
  for (let k = offset; performance.now() < deadline; k += 1) {
    const [event] = benchEvents(1, k, units);
    const started = performance.now();
    const res = await fetch(url!, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookie! },
      body: JSON.stringify(event),
    });
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status === 201) created += 1;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: clients }, (_, c) => phone(c)));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  +(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1);
console.log(JSON.stringify({ created, seconds: elapsed, statuses, p50Ms: at(0.5), p99Ms: at(0.99) }));
