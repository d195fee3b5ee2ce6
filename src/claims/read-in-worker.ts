// Reads a text's claims (core/claims/extract.ts) in a worker thread when the text is long, so
// a check never holds the event loop: reading is linear in the text's length but costs up to
// ~10 µs a character, and a 500,000-character text of "1e1e…" held every other request (and
// /api/health) for 5 s, four at once 20 s. A short text is read in this thread: a worker's
// start-up (tens of ms built, a few hundred under tsx) would cost more than the reading.
// A text not read within the time limit is refused (422) and its worker ended.
import { Worker } from "node:worker_threads";
import { extractClaims, type ExtractOptions } from "../core/claims/extract.ts";
import type { Claim } from "../core/claims/model.ts";
import { AppError } from "../app/errors.ts";

/** Texts up to this many characters are read in the calling thread (a few milliseconds at most). */
export const INLINE_TEXT_LIMIT = 4_000;

/** A text whose reading takes longer than this is refused: the longest text allowed takes about 5 s on a lightly loaded core, 10–16 s on a heavily loaded machine. */
export const READ_TIME_LIMIT_SECONDS = 60;

const WORKER_ENTRY = new URL("./claims.worker.mjs", import.meta.url);

type Reply = { ok: true; claims: Claim[] } | { ok: false; message: string };

export function readClaims(
  text: string,
  options: ExtractOptions,
  limits: { inlineTextLimit?: number; timeLimitSeconds?: number } = {},
): Promise<Claim[]> {
  if (text.length <= (limits.inlineTextLimit ?? INLINE_TEXT_LIMIT))
    return Promise.resolve(extractClaims(text, options));
  const seconds = limits.timeLimitSeconds ?? READ_TIME_LIMIT_SECONDS;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY);
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new AppError(
              "invalid",
              `the text could not be read within ${seconds} s: check it in shorter parts (a few pages at a time)`,
              [{ field: "/text", message: `took longer than ${seconds} s to read` }],
            ),
          ),
        ),
      seconds * 1000,
    );
    worker.once("message", (reply: Reply) =>
      finish(() =>
        reply.ok ? resolve(reply.claims) : reject(new Error(`the claims reader failed: ${reply.message}`)),
      ),
    );
    worker.once("error", (e) => finish(() => reject(e)));
    worker.once("exit", (code) =>
      finish(() => reject(new Error(`the claims reader's worker exited with code ${code} before answering`))),
    );
    worker.postMessage({ text, options });
  });
}
