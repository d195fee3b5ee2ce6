// Runs the fair allocation planner (HiGHS, see core/allocation/highs-planner.ts) in a worker
// thread so a large plan never blocks the event loop. HiGHS gets the same time limit. One worker per call (start-up ≈ a few hundred ms under tsx); if the plan is
// not ready within the time limit the worker is terminated and the proportional split is
// returned instead, with status "time-limit" and an explanation saying so.
import { proportionalSplit } from "../core/allocation/proportional.ts";
import { AllocationInputError, type AllocationProblem, type AllocationResult } from "../core/allocation/types.ts";
import { runOnce } from "../workers/run-once.ts";

type Reply =
  | { ok: true; result: AllocationResult }
  | { ok: false; error: { name: string; message: string; field?: string; reason?: string } };

/**
 * The worker's entry is a two-line JavaScript bootstrap that registers tsx and imports
 * allocation.worker.ts: Node 20 does not apply `--import tsx` from a Worker's execArgv to the
 * worker's modules (nodejs/node#47747), so `new Worker("….ts", { execArgv })` fails there.
 * This works whether the parent runs under tsx, vitest or plain node.
 */
const WORKER_ENTRY = new URL("./allocation.worker.mjs", import.meta.url);

function timedOut(problem: AllocationProblem, seconds: number, why?: string): AllocationResult {
  const fallback = proportionalSplit(problem);
  return {
    ...fallback,
    status: "time-limit",
    binding: [],
    shadow: [],
    explanation: [
      `${why ?? `The fair planner did not finish within ${seconds} s`}, so this is the simple proportional split instead: safe to load, but not the fairest plan.`,
      ...fallback.explanation,
    ],
  };
}

export async function solveAllocation(
  problem: AllocationProblem,
  options: { timeLimitSeconds?: number } = {},
): Promise<AllocationResult> {
  const seconds = options.timeLimitSeconds ?? 60;
  const outcome = await runOnce<Reply>(WORKER_ENTRY, { problem, timeLimitSeconds: seconds }, seconds, "allocation");
  if (!outcome.answered) return timedOut(problem, seconds);
  const reply = outcome.reply;
  if (reply.ok) return reply.result;
  const { name, message, field, reason } = reply.error;
  if (name === "AllocationInputError" && field !== undefined) throw new AllocationInputError(field, reason ?? message);
  if (name === "SolverError") return timedOut(problem, seconds, message);
  throw Object.assign(new Error(message), { name });
}
