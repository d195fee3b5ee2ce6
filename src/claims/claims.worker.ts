// Worker shell: reads one text's claims off the main event loop. Message in: { text, options };
// out: { ok: true, claims } or { ok: false, message }. One text per worker; the parent ends it.
import { parentPort } from "node:worker_threads";
import { extractClaims, type ExtractOptions } from "../core/claims/extract.ts";

const port = parentPort;
if (!port) throw new Error("claims.worker.ts must run as a worker thread");

port.on("message", (message: { text: string; options: ExtractOptions }) => {
  try {
    port.postMessage({ ok: true, claims: extractClaims(message.text, message.options) });
  } catch (e) {
    port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
