// The session cookie's flags. Behind a TLS proxy (RELIEFLINE_TRUST_PROXY=1, X-Forwarded-Proto:
// https) the cookie was sent without Secure unless RELIEFLINE_SECURE_COOKIES=1 was set as well,
// so a browser would send it over plain HTTP too (a link or a redirect to http://, a network
// that strips TLS). It is Secure whenever the request came over HTTPS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { ADMIN_PASSWORD } from "../../test/helpers/fixtures.ts";
import { buildApp } from "./app.ts";

let t: TestApp;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await t?.close();
});

async function sessionCookie(options: { trustProxy?: boolean; secureCookies?: boolean }, proto?: string) {
  const app = await buildApp({ db: t.db, ...options });
  apps.push(app);
  const me = await t.app.inject({ url: "/api/auth/me", headers: { cookie: t.admin } });
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    headers: { "content-type": "application/json", ...(proto && { "x-forwarded-proto": proto }) },
    payload: { email: me.json().email, password: ADMIN_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return String(res.headers["set-cookie"]);
}

describe("the session cookie", () => {
  it("is HttpOnly and SameSite=Lax, and not Secure over plain HTTP", async () => {
    const cookie = await sessionCookie({});
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it("is Secure behind a TLS proxy that says the request came over HTTPS", async () => {
    expect(await sessionCookie({ trustProxy: true }, "https")).toMatch(/; Secure/);
    expect(await sessionCookie({ trustProxy: true }, "http")).not.toMatch(/Secure/);
  });

  it("takes X-Forwarded-Proto only from a trusted proxy", async () => {
    expect(await sessionCookie({}, "https")).not.toMatch(/Secure/);
  });

  it("is always Secure with secure cookies set", async () => {
    expect(await sessionCookie({ secureCookies: true })).toMatch(/; Secure/);
  });
});
