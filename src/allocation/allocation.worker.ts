// Worker shell: plans one allocation with HiGHS off the main event loop. Messages in: { problem, timeLimitSeconds };
// out: { ok: true, result } or { ok: false, error: { name, message, field?, reason? } }. The time limit runs by
// this thread's clock, passed into the pure planner.
import { parentPort } from "node:worker_threads";
import { planWithHighs } from "../core/allocation/highs-planner.ts";
import { AllocationInputError, type AllocationProblem } from "../core/allocation/types.ts";

const port = parentPort;
if (!port) throw new Error("allocation.worker.ts must run as a worker thread");

port.on("message", async (message: { problem: AllocationProblem; timeLimitSeconds: number }) => {
  try {
    port.postMessage({
      ok: true,
      result: await planWithHighs(message.problem, { timeLimitSeconds: message.timeLimitSeconds, clock: Date.now }),
    });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    port.postMessage({
      ok: false,
      error: {
        name: error.name,
        message: error.message,
        ...(error instanceof AllocationInputError ? { field: error.field, reason: error.reason } : {}),
      },
    });
  }
});
