// One task in a worker thread of its own, with a time limit, so a long computation (the
// allocation solver, reading a long text's claims) never holds the event loop. The worker is
// ended as soon as it answers, fails or runs out of time; what a time-out means is the caller's.
import { Worker } from "node:worker_threads";

export type Outcome<R> = { answered: true; reply: R } | { answered: false };

/** Starts `entry`, posts it `message`, and resolves with its first reply, or unanswered after `seconds`. */
export function runOnce<R>(entry: URL, message: unknown, seconds: number, name: string): Promise<Outcome<R>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry);
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => resolve({ answered: false })), seconds * 1000);
    worker.once("message", (reply: R) => finish(() => resolve({ answered: true, reply })));
    worker.once("error", (e) => finish(() => reject(e)));
    worker.once("exit", (code) =>
      finish(() => reject(new Error(`${name} worker exited with code ${code} before answering`))),
    );
    worker.postMessage(message);
  });
}
