// Worker shell: plans one allocation off the main event loop. Messages in: { problem };
// out: { ok: true, result } or { ok: false, error: { name, message, field?, reason? } }.
import { parentPort } from "node:worker_threads";
import { planAllocation } from "../core/allocation/planner.ts";
import { AllocationInputError, type AllocationProblem } from "../core/allocation/types.ts";

const port = parentPort;
if (!port) throw new Error("allocation.worker.ts must run as a worker thread");

port.on("message", (message: { problem: AllocationProblem }) => {
  try {
    port.postMessage({ ok: true, result: planAllocation(message.problem) });
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
