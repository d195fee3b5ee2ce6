// What every route plugin is given: the database, the clock, the cookie policy and how long a
// field phone's sign-in lasts.
// Its own module, so route files need not import the app (api/app.ts) that registers them.
import type { Db } from "../store/db.ts";

export interface AppContext {
  db: Db;
  now: () => Date;
  secureCookies: boolean;
  /** How long a field app's device credential lasts, in hours. */
  deviceHours: number;
  /** The origin the public pages are reached at (RELIEFLINE_PUBLIC_URL), for absolute links; else the request's. */
  publicOrigin?: string;
}
