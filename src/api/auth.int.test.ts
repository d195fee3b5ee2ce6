import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { ADMIN_PASSWORD } from "../../test/helpers/fixtures.ts";
import { buildApp } from "./app.ts";
import { SESSION_DAYS } from "../app/identity.ts";
import {
  USER_PASSWORD,
  expectNothingStored,
  expectProblem,
  freshAddress,
  login,
  send,
  signInAs,
  userWithRole,
} from "../../test/helpers/http-bad-input.ts";

describeEachEngine("signing in, sessions and tokens", API_ENGINES, (engine) => {
  let t: TestApp;
  const ADMIN = "admin-test-op@example.org";
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
  });
  afterAll(async () => t.close());

  describe("POST /api/auth/login", () => {
    it("signs in and sets an HttpOnly SameSite session cookie", async () => {
      const res = await login(t.app, ADMIN, ADMIN_PASSWORD);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user: { email: ADMIN, isAdmin: true, mustChangePassword: false } });
      expect(res.body).not.toMatch(/password_?hash|argon2/i);
      const cookie = res.cookies.find((c) => c.name === "rl_session");
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      expect(cookie!.value).toMatch(/^rls_/);
      expect(cookie!.maxAge).toBeGreaterThan(0);
    });

    it("refuses a wrong password with 401 problem+json and no session", async () => {
      const res = await expectNothingStored(t.db, () => login(t.app, ADMIN, "not the password"));
      expect(expectProblem(res, 401).detail).toBe("wrong email or password");
      expect(res.cookies).toEqual([]);
    });

    it("refuses an unknown email with the same 401 message as a wrong password", async () => {
      const res = await expectNothingStored(t.db, () => login(t.app, "nobody@example.org", ADMIN_PASSWORD));
      expect(expectProblem(res, 401).detail).toBe("wrong email or password");
    });

    it("treats the email case-insensitively", async () => {
      const res = await login(t.app, ADMIN.toUpperCase(), ADMIN_PASSWORD);
      expect(res.statusCode).toBe(200);
    });

    it("answers 429 problem+json after 10 tries from one address in a minute", async () => {
      const from = freshAddress();
      // Ten different accounts: five failures on one account would lock it (sign-in-guard.int.test.ts).
      for (let i = 0; i < 10; i++) expectProblem(await login(t.app, `guess-${i}@example.org`, `wrong ${i}`, from), 401);
      const res = await login(t.app, ADMIN, ADMIN_PASSWORD, from);
      const body = expectProblem(res, 429);
      expect(body.title).toBe("Too many requests");
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      // another address is not held back
      expect((await login(t.app, ADMIN, ADMIN_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe("GET /api/auth/me", () => {
    it("answers the signed-in user", async () => {
      const res = await send(t.app, "GET", "/api/auth/me", { as: { cookie: t.admin } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ email: ADMIN, name: "Test admin", isAdmin: true, organisation: null });
    });

    it("answers 401 problem+json saying how to sign in when nobody is signed in", async () => {
      expect(expectProblem(await send(t.app, "GET", "/api/auth/me"), 401).detail).toContain("POST /api/auth/login");
    });

    it("answers 401 for an unknown session cookie", async () => {
      expectProblem(await send(t.app, "GET", "/api/auth/me", { as: { cookie: "rl_session=rls_forged" } }), 401);
    });
  });

  describe("POST /api/auth/logout", () => {
    it("invalidates the session and clears the cookie", async () => {
      const session = await signInAs(t.app, ADMIN, ADMIN_PASSWORD);
      expect((await send(t.app, "GET", "/api/auth/me", { as: session })).statusCode).toBe(200);
      const res = await send(t.app, "POST", "/api/auth/logout", { as: session });
      expect(res.statusCode).toBe(204);
      const cleared = res.cookies.find((c) => c.name === "rl_session");
      expect(cleared?.value ?? "").toBe("");
      expectProblem(await send(t.app, "GET", "/api/auth/me", { as: session }), 401);
      // the other session of the same user stays valid
      expect((await send(t.app, "GET", "/api/auth/me", { as: { cookie: t.admin } })).statusCode).toBe(200);
    });

    it("a session this server remembers ends at its expiry, and is stored only as a digest", async () => {
      let clock = Date.parse("2026-03-01T00:00:00Z");
      const app = await buildApp({ db: t.db, now: () => new Date(clock), webRoot: null });
      try {
        const session = await signInAs(app, ADMIN, ADMIN_PASSWORD);
        const token = session.cookie.slice("rl_session=".length);
        const stored = await t.db.query<{ token_hash: string }>("select token_hash from sessions");
        expect(stored.map((r) => r.token_hash)).not.toContain(token);
        expect(stored.some((r) => r.token_hash.includes(token))).toBe(false);
        for (let i = 0; i < 2; i++)
          expect((await send(app, "GET", "/api/auth/me", { as: session })).statusCode).toBe(200);
        clock += SESSION_DAYS * 86_400_000 - 1;
        expect((await send(app, "GET", "/api/auth/me", { as: session })).statusCode).toBe(200);
        clock += 1;
        expectProblem(await send(app, "GET", "/api/auth/me", { as: session }), 401);
      } finally {
        await app.close();
      }
    });

    it("a signed-out session stays refused, however often it is sent again", async () => {
      const session = await signInAs(t.app, ADMIN, ADMIN_PASSWORD);
      for (let i = 0; i < 3; i++)
        expect((await send(t.app, "GET", "/api/auth/me", { as: session })).statusCode).toBe(200);
      expect((await send(t.app, "POST", "/api/auth/logout", { as: session })).statusCode).toBe(204);
      for (let i = 0; i < 3; i++) expectProblem(await send(t.app, "GET", "/api/auth/me", { as: session }), 401);
      expectProblem(await send(t.app, "GET", "/api/operations/TEST-OP/stock", { as: session }), 401);
    });

    it("answers 204 without a session", async () => {
      expect((await send(t.app, "POST", "/api/auth/logout")).statusCode).toBe(204);
    });
  });

  describe("API tokens", () => {
    it("creates a token shown once, accepts it as a bearer, and refuses it after revocation", async () => {
      const created = await send(t.app, "POST", "/api/auth/tokens", {
        as: { cookie: t.admin },
        body: { name: "field tablet 1" },
      });
      expect(created.statusCode).toBe(201);
      const { id, name, token } = created.json() as { id: string; name: string; token: string };
      expect(name).toBe("field tablet 1");
      expect(token).toMatch(/^rlt_/);
      const rows = await t.db.query<{ token_hash: string }>("select token_hash from api_tokens where id = $1", [id]);
      expect(rows[0]!.token_hash).not.toContain(token);

      const bearer = { bearer: token };
      const me = await send(t.app, "GET", "/api/auth/me", { as: bearer });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ email: ADMIN });
      expect((await send(t.app, "GET", "/api/operations/TEST-OP", { as: bearer })).statusCode).toBe(200);

      expect((await send(t.app, "DELETE", `/api/auth/tokens/${id}`, { as: { cookie: t.admin } })).statusCode).toBe(204);
      expect(expectProblem(await send(t.app, "GET", "/api/auth/me", { as: bearer }), 401).detail).toContain("revoked");
      expectProblem(await send(t.app, "DELETE", `/api/auth/tokens/${id}`, { as: { cookie: t.admin } }), 404);
    });

    it("refuses a bogus bearer token with 401 problem+json", async () => {
      const res = await send(t.app, "GET", "/api/operations", { as: { bearer: "rlt_not-a-real-token" } });
      expect(expectProblem(res, 401).detail).toBe("the API token is unknown or revoked");
    });

    it("does not let one user revoke another user's token", async () => {
      const created = await send(t.app, "POST", "/api/auth/tokens", {
        as: { cookie: t.admin },
        body: { name: "admin script" },
      });
      const { id, token } = created.json() as { id: string; token: string };
      const other = await userWithRole(t, "token-thief@example.org");
      await expectNothingStored(t.db, async () =>
        expectProblem(await send(t.app, "DELETE", `/api/auth/tokens/${id}`, { as: other }), 404),
      );
      expect((await send(t.app, "GET", "/api/auth/me", { as: { bearer: token } })).statusCode).toBe(200);
    });
  });

  describe("POST /api/auth/password", () => {
    const email = "changer@example.org";
    let session: { cookie: string };
    beforeAll(async () => {
      session = await userWithRole(t, email);
    });

    it("refuses a wrong current password with 401 and keeps the old password", async () => {
      const res = await expectNothingStored(t.db, () =>
        send(t.app, "POST", "/api/auth/password", {
          as: session,
          body: { current: "not my password", password: "a brand new password" },
        }),
      );
      expect(expectProblem(res, 401).detail).toContain("current password");
    });

    it("refuses a new password shorter than 10 characters with 422 naming /password", async () => {
      const res = await expectNothingStored(t.db, () =>
        send(t.app, "POST", "/api/auth/password", { as: session, body: { current: USER_PASSWORD, password: "short" } }),
      );
      expectProblem(res, 422, "/password");
    });

    it("changes the password: the new one signs in, the old one no longer does", async () => {
      const res = await send(t.app, "POST", "/api/auth/password", {
        as: session,
        body: { current: USER_PASSWORD, password: "a brand new password" },
      });
      expect(res.statusCode).toBe(204);
      expectProblem(await login(t.app, email, USER_PASSWORD), 401);
      const again = await login(t.app, email, "a brand new password");
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ user: { email, mustChangePassword: false } });
    });

    it("clears must-change-password on a user created with a one-time password", async () => {
      const created = await send(t.app, "POST", "/api/users", {
        as: { cookie: t.admin },
        body: { email: "onetime@example.org", name: "One time" },
      });
      expect(created.statusCode).toBe(201);
      const { password } = created.json() as { password: string };
      expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      const first = await login(t.app, "onetime@example.org", password);
      expect(first.json()).toMatchObject({ user: { mustChangePassword: true } });
      const me = await signInAs(t.app, "onetime@example.org", password);
      expect(
        (
          await send(t.app, "POST", "/api/auth/password", {
            as: me,
            body: { current: password, password: "my own password now" },
          })
        ).statusCode,
      ).toBe(204);
      // Changing the password ends every session; the new password signs in.
      expect((await send(t.app, "GET", "/api/auth/me", { as: me })).statusCode).toBe(401);
      const again = await signInAs(t.app, "onetime@example.org", "my own password now");
      expect((await send(t.app, "GET", "/api/auth/me", { as: again })).json()).toMatchObject({
        mustChangePassword: false,
      });
    });
  });
});
