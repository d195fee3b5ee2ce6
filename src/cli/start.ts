import { buildApp } from "../api/app.ts";
import { openStore } from "./store.ts";
import { ensureAdmin } from "./admin.ts";
import { loadDemo, unfinishedDemo } from "../demo/load-demo.ts";
import { listOperations } from "../store/catalogue.sql.ts";
import { WEB_DIST, webBuildProblem } from "../web/web-build.ts";
import type { StoreOptions } from "./store.ts";
import type { Db } from "../store/db.ts";
import { stopOnSignals } from "./shutdown.ts";
import { configuredOrigin } from "../api/public/feed.ts";

interface StartOptions extends StoreOptions {
  port: string;
  host: string;
  demo: boolean;
  logLevel: string;
}

/** How long stopping may take (requests in flight finish, streams end, the database closes) before the process exits anyway. */
const SHUTDOWN_GRACE_MS = Number(process.env.RELIEFLINE_SHUTDOWN_GRACE_MS ?? 30_000);

export async function startCommand(options: StartOptions): Promise<void> {
  const started = Date.now();
  const say = (line: string) => console.log(line);
  // A wrong public address stops the start before anything is opened or created.
  const publicUrl = process.env.RELIEFLINE_PUBLIC_URL;
  const publicOrigin = publicUrl ? configuredOrigin(publicUrl) : undefined;
  // The UI is built beforehand (npm start and bin/reliefline.js run the build when it is stale);
  // without a production build the API and the ledger still start.
  const uiProblem = webBuildProblem(WEB_DIST);
  if (uiProblem) say(`Serving the API only: ${uiProblem}.`);
  // A new embedded folder gets its administrator and demo before it is put in place, so a first
  // start stopped part-way leaves nothing that looks like a database (cli/store.ts).
  const firstStart = async (db: Db) => {
    const admin = await ensureAdmin(db, say);
    if (options.demo) await loadDemo(db, admin, new Date(), say);
  };
  const store = await openStore(options, say, { prepareNew: firstStart });
  const admin = await ensureAdmin(store.db, say);
  if (options.demo && store.db.engine === "pglite" && !store.fresh) {
    if ((await listOperations(store.db)).length === 0) await loadDemo(store.db, admin, new Date(), say);
    else {
      const unfinished = await unfinishedDemo(store.db, admin);
      if (unfinished) say(`\n  ${unfinished}\n`);
    }
  }
  const deviceHours = Number(process.env.RELIEFLINE_DEVICE_HOURS ?? "");
  const app = await buildApp({
    db: store.db,
    webRoot: uiProblem ? null : WEB_DIST,
    secureCookies: process.env.RELIEFLINE_SECURE_COOKIES === "1",
    trustProxy: process.env.RELIEFLINE_TRUST_PROXY === "1",
    ...(options.logLevel !== "silent" && { logLevel: options.logLevel }),
    // How long a field phone's sign-in lasts (docs/field.md): a shift by default.
    ...(deviceHours > 0 && deviceHours <= 24 * 14 && { deviceHours }),
    // Behind a proxy, the feed's links come from here, not from a Host or X-Forwarded-Host anyone can send.
    ...(publicOrigin && { publicOrigin }),
  });
  await app.listen({ port: Number(options.port), host: options.host });
  // The port bound (the one asked for, or the one the system chose for --port 0).
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : Number(options.port);
  const shown = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  say(
    `Reliefline is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://${shown}:${port}/  (API docs: http://${shown}:${port}/api/docs)`,
  );
  say("Press Ctrl+C to stop.");
  stopOnSignals(
    async () => {
      await app.close(); // no new connections; in-flight requests finish; event streams end
      await store.release(); // the database closes, the data folder's lock goes
      say("Stopped.");
    },
    { say, graceMs: SHUTDOWN_GRACE_MS },
  );
}
