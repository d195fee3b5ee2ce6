// What every route plugin is given: the database, the clock and the cookie policy.
// Its own module, so route files need not import the app (api/app.ts) that registers them.
import type { Db } from "../store/db.ts";

export interface AppContext {
  db: Db;
  now: () => Date;
  secureCookies: boolean;
}
