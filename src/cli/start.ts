import { buildApp } from "../api/app.ts";
import { openStore } from "./store.ts";
import { ensureAdmin } from "./admin.ts";
import { loadDemo } from "../demo/load-demo.ts";
import { listOperations } from "../store/catalogue.sql.ts";
import { WEB_DIST, webBuildProblem } from "../web/web-build.ts";

interface StartOptions {
  data: string;
  databaseUrl?: string;
  port: string;
  host: string;
  demo: boolean;
}

export async function startCommand(options: StartOptions): Promise<void> {
  const started = Date.now();
  const say = (line: string) => console.log(line);
  // The UI is built beforehand (npm start and bin/reliefline.js run the build when it is stale);
  // without a production build the API and the ledger still start.
  const uiProblem = webBuildProblem(WEB_DIST);
  if (uiProblem) say(`Serving the API only: ${uiProblem}.`);
  const store = await openStore(options, say);
  const admin = await ensureAdmin(store.db, say);
  if (options.demo && store.db.engine === "pglite" && (await listOperations(store.db)).length === 0) {
    await loadDemo(store.db, admin, new Date(), say);
  }
  const app = await buildApp({ db: store.db, webRoot: uiProblem ? null : WEB_DIST, secureCookies: process.env.RELIEFLINE_SECURE_COOKIES === "1", trustProxy: process.env.RELIEFLINE_TRUST_PROXY === "1" });
  const port = Number(options.port);
  await app.listen({ port, host: options.host });
  const shown = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  say(`Reliefline is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://${shown}:${port}/  (API docs: http://${shown}:${port}/api/docs)`);
  say("Press Ctrl+C to stop.");
  const stop = async () => {
    say("Stopping…");
    await app.close();
    await store.release();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
