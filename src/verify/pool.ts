// Checks batches of events for verify on worker threads (one per spare core), so reading
// the ledger, hashing it and recomputing its moves run side by side. Results come back in
// the order the batches were given. With no workers, batches are checked in this thread.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { RecordedEvent } from "../core/events.ts";
import { checkBatch, type BatchCheck } from "./batch.ts";

const WORKER_ENTRY = new URL("./verify-events.worker.mjs", import.meta.url);

export interface BatchPool {
  /** Queues a batch; the promise settles with its check. */
  check(records: RecordedEvent[]): Promise<BatchCheck>;
  /** How many batches are queued or running. */
  readonly pending: number;
  close(): Promise<void>;
}

/** Spare cores: one is left to the thread that reads the ledger. */
export const defaultWorkers = (): number => Math.max(1, availableParallelism() - 1);

export function batchPool(workers: number): BatchPool {
  if (workers <= 0) {
    return { check: async (records) => checkBatch(records), pending: 0, close: async () => undefined };
  }
  const threads = Array.from({ length: workers }, () => new Worker(WORKER_ENTRY));
  const waiting = new Map<number, { resolve(check: BatchCheck): void; reject(error: Error): void }>();
  let next = 0;
  for (const thread of threads) {
    thread.on("message", (m: { id: number; check: BatchCheck }) => {
      waiting.get(m.id)?.resolve(m.check);
      waiting.delete(m.id);
    });
    thread.on("error", (error) => {
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    });
  }
  return {
    check(records) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        threads[id % threads.length]!.postMessage({ id, records });
      });
    },
    get pending() {
      return waiting.size;
    },
    async close() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
