// Worker shell: checks batches of events for verify. In: { id, records }; out: { id, check }.
import { parentPort } from "node:worker_threads";
import type { RecordedEvent } from "../core/events.ts";
import { checkBatch } from "./batch.ts";

const port = parentPort;
if (!port) throw new Error("verify-events.worker.ts must run as a worker thread");

port.on("message", (message: { id: number; records: RecordedEvent[] }) => {
  port.postMessage({ id: message.id, check: checkBatch(message.records) });
});
