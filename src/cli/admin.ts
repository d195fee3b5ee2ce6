// The first administrator of a new store.
import type { Db } from "../store/db.ts";
import type { Principal } from "../app/principal.ts";
import { countUsers, createUser } from "../app/identity.ts";
import { findUserByEmail, firstAdminEmail } from "../store/identity.sql.ts";

export const DEFAULT_ADMIN_EMAIL = "admin@reliefline.local";

/** Creates the administrator when the store has no users; prints a one-time password unless one was given. */
export async function ensureAdmin(db: Db, say: (line: string) => void): Promise<Principal> {
  const email = process.env.RELIEFLINE_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL;
  if ((await countUsers(db)) === 0) {
    const given = process.env.RELIEFLINE_ADMIN_PASSWORD;
    const { password } = await createUser(db, "system", {
      email,
      name: "Administrator",
      isAdmin: true,
      ...(given && { password: given }),
    });
    say("");
    say(`  Administrator created: ${email}`);
    say(
      password
        ? `  One-time password:     ${password}   (shown only now; change it after signing in)`
        : "  Password: the one in RELIEFLINE_ADMIN_PASSWORD",
    );
    say("");
  }
  const admin = (await findUserByEmail(db, email)) ?? (await firstAdmin(db));
  if (!admin)
    throw new Error(`no administrator ${email} in this store; set RELIEFLINE_ADMIN_EMAIL to an administrator's email`);
  return { userId: admin.id, email: admin.email, isAdmin: admin.isAdmin };
}

async function firstAdmin(db: Db) {
  const email = await firstAdminEmail(db);
  return email && findUserByEmail(db, email);
}
