// Worker shell: checks batches of events for verify and folds the units it owns.
// In: { id, lines, hash } (id -1: no answer wanted) or { id, finish }; out: { id, check } or { id, finished }.
import { parentPort, workerData } from "node:worker_threads";
import { eventChecker } from "./batch.ts";

const port = parentPort;
if (!port) throw new Error("verify-events.worker.ts must run as a worker thread");
const { operationId, shard, shards } = workerData as { operationId: string; shard: number; shards: number };
const checker = eventChecker(operationId, shard, shards);
/** A failure while only folding has no one waiting: it is the answer to `finish`. */
let failed: string | undefined;

port.on("message", (m: { id: number; lines: string[]; hash: boolean } | { id: number; finish: true }) => {
  try {
    if ("finish" in m)
      port.postMessage(
        failed === undefined
          ? { id: m.id, finished: { folded: checker.folded(), sums: checker.sums() } }
          : { id: m.id, error: failed },
      );
    else {
      const check = checker.check(m.lines, m.hash);
      if (m.hash) port.postMessage({ id: m.id, check });
    }
  } catch (error) {
    if (m.id === -1) failed ??= (error as Error).message;
    else port.postMessage({ id: m.id, error: (error as Error).message });
  }
});
