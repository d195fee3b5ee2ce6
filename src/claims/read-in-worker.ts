// Reads a text's claims (core/claims/extract.ts) in a worker thread when the text is long, so
// a check never holds the event loop: reading is linear in the text's length but costs up to
// ~10 µs a character, and a 500,000-character text of "1e1e…" held every other request (and
// /api/health) for 5 s, four at once 20 s. A short text is read in this thread: a worker's
// start-up (tens of ms built, a few hundred under tsx) would cost more than the reading.
// A text not read within the time limit is refused (422) and its worker ended.
import { extractClaims, type ExtractOptions } from "../core/claims/extract.ts";
import type { Claim } from "../core/claims/model.ts";
import { AppError } from "../app/errors.ts";
import { runOnce } from "../workers/run-once.ts";

/** Texts up to this many characters are read in the calling thread (a few milliseconds at most). */
export const INLINE_TEXT_LIMIT = 4_000;

/** A text whose reading takes longer than this is refused: the longest text allowed takes about 5 s on a lightly loaded core, 10–16 s on a heavily loaded machine. */
export const READ_TIME_LIMIT_SECONDS = 60;

const WORKER_ENTRY = new URL("./claims.worker.mjs", import.meta.url);

type Reply = { ok: true; claims: Claim[] } | { ok: false; message: string };

export async function readClaims(
  text: string,
  options: ExtractOptions,
  limits: { inlineTextLimit?: number; timeLimitSeconds?: number } = {},
): Promise<Claim[]> {
  if (text.length <= (limits.inlineTextLimit ?? INLINE_TEXT_LIMIT)) return extractClaims(text, options);
  const seconds = limits.timeLimitSeconds ?? READ_TIME_LIMIT_SECONDS;
  const outcome = await runOnce<Reply>(WORKER_ENTRY, { text, options }, seconds, "the claims reader's");
  if (!outcome.answered)
    throw new AppError(
      "invalid",
      `the text could not be read within ${seconds} s: check it in shorter parts (a few pages at a time)`,
      [{ field: "/text", message: `took longer than ${seconds} s to read` }],
    );
  if (!outcome.reply.ok) throw new Error(`the claims reader failed: ${outcome.reply.message}`);
  return outcome.reply.claims;
}
