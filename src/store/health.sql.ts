// Whether the database answers at all (the health check).
import type { Queryable } from "./db.ts";

export async function ping(db: Queryable): Promise<void> {
  await db.query("select 1");
}
