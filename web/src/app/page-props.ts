// What every operation page is given. Its own module, so pages need not import the page list (app/pages.ts) that loads them.
import type { Role } from "../../../src/core/roles.ts";

export interface PageProps {
  op: string;
  role: Role;
  timeZone: string;
}
