// One-time passwords are one-time; failed sign-ins and password changes lock an account
// with a growing back-off (kept in the database); and the audit trail records it all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";
import type { Db } from "../store/db.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { ADMIN_PASSWORD, NOW, OP, seedOperation } from "../../test/helpers/fixtures.ts";
import { expectProblem, freshAddress, login, send, signInAs } from "../../test/helpers/http-bad-input.ts";
import { resetPassword, signIn } from "../app/identity.ts";

let db: Db;
let app: FastifyInstance;
let clock = NOW.getTime();
const ADMIN = "admin-test-op@example.org";
let admin: { cookie: string };

async function oneTimeUser(email: string): Promise<string> {
  const created = await send(app, "POST", "/api/users", { as: admin, body: { email, name: "New staff" } });
  expect(created.statusCode, created.body).toBe(201);
  return (created.json() as { password: string }).password;
}

const oneTimePasswords = () =>
  describe("a session signed in with a one-time password", () => {
    const email = "first-day@example.org";
    let session: { cookie: string };
    let password: string;
    beforeAll(async () => {
      password = await oneTimeUser(email);
      await send(app, "PUT", `/api/operations/${OP}/members`, { as: admin, body: { email, role: "logistician" } });
      session = await signInAs(app, email, password);
    });

    it("is told so by /api/auth/me", async () => {
      const me = await send(app, "GET", "/api/auth/me", { as: session });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ email, mustChangePassword: true });
    });

    it("gets 403 password-change-required on reads and writes, minting tokens included", async () => {
      const tries = [
        ["GET", "/api/operations", undefined],
        ["GET", `/api/operations/${OP}/stock`, undefined],
        ["GET", `/api/operations/${OP}/stream`, undefined],
        ["POST", "/api/auth/tokens", { name: "forever" }],
        ["POST", `/api/operations/${OP}/teams`, { code: "T9", name: "Team nine" }],
      ] as const;
      for (const [method, url, body] of tries) {
        const res = await send(app, method, url, { as: session, body });
        expect(expectProblem(res, 403).type, `${method} ${url}`).toBe(
          "https://reliefline.org/problems/password-change-required",
        );
      }
      expect(
        (await db.query("select 1 from api_tokens t join users u on u.id = t.user_id where u.email = $1", [email]))
          .length,
      ).toBe(0);
    });

    it("may change the password, after which the new one signs in to a normal session", async () => {
      const changed = await send(app, "POST", "/api/auth/password", {
        as: session,
        body: { current: password, password: "my very own password" },
      });
      expect(changed.statusCode, changed.body).toBe(204);
      const again = await signInAs(app, email, "my very own password");
      expect((await send(app, "GET", "/api/auth/me", { as: again })).json()).toMatchObject({
        mustChangePassword: false,
      });
      expect((await send(app, "GET", "/api/operations", { as: again })).statusCode).toBe(200);
    });

    it("may sign out", async () => {
      const other = await oneTimeUser("leaver@example.org");
      const s = await signInAs(app, "leaver@example.org", other);
      expect((await send(app, "POST", "/api/auth/logout", { as: s })).statusCode).toBe(204);
    });

    it("comes back after reset-password, which ends the user's sessions", async () => {
      const email2 = "forgetful@example.org";
      const first = await oneTimeUser(email2);
      const s = await signInAs(app, email2, first);
      await send(app, "POST", "/api/auth/password", {
        as: s,
        body: { current: first, password: "remembered for once" },
      });
      const normal = await signInAs(app, email2, "remembered for once");
      const { password: reset } = await resetPassword(db, email2, new Date(clock));
      expectProblem(await send(app, "GET", "/api/operations", { as: normal }), 401);
      const onceMore = await signInAs(app, email2, reset);
      expectProblem(await send(app, "GET", "/api/operations", { as: onceMore }), 403);
    });
  });

const failedSignIns = () =>
  describe("failed sign-ins", () => {
    it("lock the account after five, from any address, with a Retry-After that grows", async () => {
      const email = "target@example.org";
      await send(app, "POST", "/api/users", {
        as: admin,
        body: { email, name: "Target", password: "the right password" },
      });
      for (let i = 0; i < 5; i++) expectProblem(await login(app, email, `guess ${i}`), 401);
      const locked = await login(app, email, "the right password");
      expect(expectProblem(locked, 429).detail).toContain("this account");
      expect(Number(locked.headers["retry-after"])).toBe(30);
      // Once the lock has passed, one more failure locks it for twice as long.
      clock += 31_000;
      expectProblem(await login(app, email, "guess 6"), 401);
      expect(Number((await login(app, email, "the right password")).headers["retry-after"])).toBe(60);
      clock += 61_000;
      expect((await login(app, email, "the right password")).statusCode).toBe(200);
      // A success starts the count again.
      expectProblem(await login(app, email, "one slip"), 401);
      expect((await login(app, email, "the right password")).statusCode).toBe(200);
    });

    it("are counted in the database, so a new server process on it sees the lock", async () => {
      const email = "persisted@example.org";
      for (let i = 0; i < 5; i++) await login(app, email, `guess ${i}`);
      const second = await buildApp({ db, now: () => new Date(clock) });
      try {
        expectProblem(await login(second, email, "anything"), 429);
      } finally {
        await second.close();
      }
    });

    it("lock an address that tries many accounts", async () => {
      const from = freshAddress();
      // Called directly: over HTTP the in-memory limit of 10 a minute per address would answer first.
      for (let i = 0; i < 20; i++) {
        await expect(
          signIn(db, `someone-${i}@example.org`, "guess", new Date(clock), { address: from }),
        ).rejects.toThrow("wrong email or password");
      }
      expect(expectProblem(await login(app, ADMIN, ADMIN_PASSWORD, from), 429).detail).toContain("address");
      expect((await login(app, ADMIN, ADMIN_PASSWORD)).statusCode).toBe(200);
    });

    it("of the current password lock password changes too", async () => {
      const email = "changer@example.org";
      await send(app, "POST", "/api/users", {
        as: admin,
        body: { email, name: "Changer", password: "the right password" },
      });
      const s = await signInAs(app, email, "the right password");
      for (let i = 0; i < 5; i++)
        expectProblem(
          await send(app, "POST", "/api/auth/password", {
            as: s,
            body: { current: `guess ${i}`, password: "a new long password" },
          }),
          401,
        );
      const locked = await send(app, "POST", "/api/auth/password", {
        as: s,
        body: { current: "the right password", password: "a new long password" },
      });
      expect(expectProblem(locked, 429).detail).toContain("password changes");
    });
  });

const auditTrail = () =>
  describe("the sign-in audit trail", () => {
    it("records sign-ins, failures, password changes and tokens, for system administrators only", async () => {
      const email = "audited@example.org";
      const first = await oneTimeUser(email);
      await login(app, email, "wrong");
      const s = await signInAs(app, email, first);
      await send(app, "POST", "/api/auth/password", { as: s, body: { current: first, password: "audited password" } });
      const s2 = await signInAs(app, email, "audited password");
      const { id } = (await send(app, "POST", "/api/auth/tokens", { as: s2, body: { name: "tablet" } })).json() as {
        id: string;
      };
      await send(app, "DELETE", `/api/auth/tokens/${id}`, { as: s2 });

      const res = await send(app, "GET", `/api/audit/sign-ins?email=${encodeURIComponent(email)}`, { as: admin });
      expect(res.statusCode, res.body).toBe(200);
      const kinds = (res.json() as { kind: string }[]).map((e) => e.kind).reverse();
      expect(kinds).toEqual([
        "sign-in-failed",
        "signed-in",
        "password-changed",
        "signed-in",
        "token-created",
        "token-revoked",
      ]);
      expect(res.body).not.toMatch(/audited password|rlt_/);
      expectProblem(await send(app, "GET", "/api/audit/sign-ins", { as: s2 }), 403);
    });
  });

// On Citus the counters, sessions and audit trail are reference tables: every sign-in writes to every node.
describeEachEngine("signing in, guarded and audited", API_ENGINES, (engine) => {
  beforeAll(async () => {
    db = await freshDb(engine);
    await seedOperation(db);
    app = await buildApp({ db, now: () => new Date(clock) });
    admin = await signInAs(app, ADMIN, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  oneTimePasswords();
  failedSignIns();
  auditTrail();
});
