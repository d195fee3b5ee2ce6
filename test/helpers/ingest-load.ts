// Load for the shutdown, crash and backup tests: an operation set up over HTTP, and
// workers posting batches of pledges until told to stop, remembering which events the
// server acknowledged (answered 200). Whatever happens to the server afterwards, every
// acknowledged event must still be in the ledger.
import { setImmediate } from "node:timers/promises";
import { v7 as uuidv7 } from "uuid";

export const LOAD_OP = "LOAD-OP";

async function post(base: string, cookie: string, path: string, body: unknown): Promise<Response> {
  return fetch(base + path, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** An organisation, the operation, a donor, a depot and one item. */
export async function setUpLoadOperation(base: string, cookie: string, op = LOAD_OP): Promise<void> {
  const steps: [string, unknown][] = [
    ["/api/organisations", { code: `D-${op}`, name: "Donor", kind: "government" }],
    ["/api/operations", { code: op, name: "Load test", timeZone: "UTC" }],
    [
      `/api/operations/${op}/locations`,
      { code: `donor:D-${op}`, name: "Donor", kind: "donor", organisation: `D-${op}` },
    ],
    [`/api/operations/${op}/locations`, { code: "DEPOT", name: "Depot", kind: "origin-depot" }],
    [`/api/operations/${op}/items`, { code: "FLOUR", name: "Flour", uom: "KGM", kind: "goods" }],
  ];
  for (const [path, body] of steps) {
    const res = await post(base, cookie, path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }
}

export const pledges = (n: number, op = LOAD_OP) =>
  Array.from({ length: n }, () => ({
    id: uuidv7(),
    type: "GoodsPledged",
    eventTime: "2020-12-01T10:00:00+00:00",
    from: `donor:D-${op}`,
    location: "DEPOT",
    lines: [{ item: "FLOUR", quantity: "1" }],
  }));

export interface Load {
  /** Ids of events in batches the server answered 200. */
  acknowledged: Set<string>;
  /** Batches answered, and batches that failed (connection refused or reset, 503). */
  answered: number;
  failed: number;
  /** Resolves when `answered` reaches n. */
  after(n: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `workers` loops posting batches of `batchSize` pledges until stop() or until the server stops
 * answering; with `keepGoing`, a worker goes on after a 503 (its database is away for a while).
 */
export function startLoad(
  base: string,
  cookie: string,
  { workers = 3, batchSize = 100, op = LOAD_OP, keepGoing = false } = {},
): Load {
  const acknowledged = new Set<string>();
  let running = true;
  const waiters: { n: number; resolve: () => void }[] = [];
  const load: Load = {
    acknowledged,
    answered: 0,
    failed: 0,
    after: (n) => new Promise((resolve) => (load.answered >= n ? resolve() : waiters.push({ n, resolve }))),
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
  const loop = async () => {
    while (running) {
      const batch = pledges(batchSize, op);
      try {
        const res = await post(base, cookie, `/api/operations/${op}/events/batch`, { events: batch });
        const text = await res.text();
        if (res.status === 200) {
          for (const e of batch) acknowledged.add(e.id);
          load.answered++;
          for (const w of waiters.filter((w) => load.answered >= w.n)) w.resolve();
        } else {
          load.failed++;
          if (res.status !== 503) throw new Error(`batch answered ${res.status}: ${text}`);
          if (!keepGoing) return;
          await setImmediate(); // the server answered at once; let the test's own steps run
        }
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("batch answered")) throw error;
        load.failed++;
        return; // the server went away: no answer is no acknowledgement
      }
    }
  };
  const loops = Array.from({ length: workers }, () => loop());
  return load;
}

/** Event ids in a ledger export (JSON Lines: a header, then one event per line). */
export function idsInExport(jsonl: string): Set<string> {
  const [, ...lines] = jsonl.trim().split("\n");
  return new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id));
}
