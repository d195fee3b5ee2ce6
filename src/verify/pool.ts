// Checks batches of events for verify on worker threads, so reading the ledger, hashing it,
// recomputing its moves and folding its units' states run side by side. Every worker reads
// every batch: batch i is checked whole by worker i mod n (results come back in the order
// the batches were given), and each worker folds the units it owns (`shardOf`), so each
// event is read once by its batch's worker and at most once more by its unit's. With no
// workers, batches are checked in this thread.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { ExpectedBalance } from "../store/verify.sql.ts";
import { eventChecker, type BatchCheck, type Folded } from "./batch.ts";

const WORKER_ENTRY = new URL("./verify-events.worker.mjs", import.meta.url);

export interface BatchPool {
  /** Queues a batch of lines (store/verify.sql.ts `readEventLines`); the promise settles with its check. */
  check(lines: string[]): Promise<BatchCheck>;
  /** Once every batch is given: every unit's folded state, and the moves' sums of each worker (pairs may repeat across them). */
  finish(): Promise<{ folded: Map<string, Folded>; sums: ExpectedBalance[][] }>;
  close(): Promise<void>;
}

/**
 * One per core: the thread that reads the ledger mostly waits for the database, and on a machine
 * other work keeps busy, each thread gets its own share of the cores.
 */
export const defaultWorkers = (): number => Math.max(1, availableParallelism());

type Finished = { folded: Map<string, Folded>; sums: ExpectedBalance[] };
type Reply = { id: number; check: BatchCheck } | { id: number; finished: Finished } | { id: number; error: string };

export function batchPool(operationId: string, workers: number): BatchPool {
  if (workers <= 0) {
    const checker = eventChecker(operationId);
    return {
      check: async (lines) => checker.check(lines, true)!,
      finish: async () => ({ folded: checker.folded(), sums: [checker.sums()] }),
      close: async () => undefined,
    };
  }
  const threads = Array.from(
    { length: workers },
    (_, shard) => new Worker(WORKER_ENTRY, { workerData: { operationId, shard, shards: workers } }),
  );
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 0;
  let batches = 0;
  for (const thread of threads) {
    thread.on("message", (m: Reply) => {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if ("error" in m) w?.reject(new Error(m.error));
      else w?.resolve("check" in m ? m.check : m.finished);
    });
    thread.on("error", (error) => {
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    });
  }
  const ask = <T>(thread: Worker, message: object): Promise<T> => {
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      thread.postMessage({ id, ...message });
    });
  };
  return {
    check(lines) {
      const whole = batches++ % threads.length;
      threads.forEach((t, i) => i !== whole && t.postMessage({ id: -1, lines, hash: false }));
      return ask<BatchCheck>(threads[whole]!, { lines, hash: true });
    },
    async finish() {
      const parts = await Promise.all(threads.map((t) => ask<Finished>(t, { finish: true })));
      return { folded: new Map(parts.flatMap((p) => [...p.folded])), sums: parts.map((p) => p.sums) };
    },
    async close() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
