// Bad input to the sign-in, account and administration routes: each is refused with
// problem+json naming the field, and nothing is stored.
import { afterAll, beforeAll, describe } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { ADMIN_PASSWORD, OP } from "../../test/helpers/fixtures.ts";
import { NUL, notJsonCases, refuses, send, userWithRole } from "../../test/helpers/http-bad-input.ts";

describeEachEngine("bad input to accounts", API_ENGINES, (engine) => {
  let t: TestApp;
  let member: { cookie: string };
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
    member = await userWithRole(t, "member@example.org", "logistician");
    await send(t.app, "POST", "/api/organisations", {
      as: { cookie: t.admin },
      body: { code: "ORG-A", name: "Org A", kind: "ngo" },
    });
  });
  afterAll(async () => t.close());

  const admin = () => ({ cookie: t.admin });
  const long = (n: number) => "x".repeat(n);

  describe("POST /api/auth/login", () => {
    const valid = { email: "admin-test-op@example.org", password: ADMIN_PASSWORD };
    refuses(
      () => ({ t, method: "POST", url: "/api/auth/login" }),
      [
        ...notJsonCases(valid),
        { name: "an email that is a number", body: { ...valid, email: 42 }, status: 400, names: "/email" },
        { name: "a password that is a boolean", body: { ...valid, password: true }, status: 400, names: "/password" },
        { name: "a missing password", body: { email: valid.email }, status: 400, names: "/password" },
        { name: "a missing email", body: { password: ADMIN_PASSWORD }, status: 400, names: "/email" },
        { name: "an email without an @", body: { ...valid, email: "admin" }, status: 400, names: "/email" },
        { name: "an empty password", body: { ...valid, password: "" }, status: 400, names: "/password" },
        {
          name: "a password of 1025 characters",
          body: { ...valid, password: long(1025) },
          status: 400,
          names: "/password",
        },
      ],
    );
  });

  describe("POST /api/auth/password", () => {
    const valid = { current: "a long enough password", password: "a new long password" };
    refuses(
      () => ({ t, method: "POST", url: "/api/auth/password", as: member }),
      [
        ...notJsonCases(valid),
        {
          name: "a current password that is a number",
          body: { ...valid, current: 12345678901 },
          status: 400,
          names: "/current",
        },
        { name: "a missing new password", body: { current: valid.current }, status: 400, names: "/password" },
        { name: "a missing current password", body: { password: valid.password }, status: 400, names: "/current" },
        {
          name: "a new password of 9 characters",
          body: { ...valid, password: "123456789" },
          status: 422,
          names: "/password",
        },
        {
          name: "a wrong current password",
          body: { ...valid, current: "not the password" },
          status: 401,
          names: "current password",
        },
      ],
    );
  });

  describe("POST /api/auth/tokens", () => {
    refuses(
      () => ({ t, method: "POST", url: "/api/auth/tokens", as: admin() }),
      [
        ...notJsonCases({ name: "tablet" }),
        { name: "a name that is a number", body: { name: 7 }, status: 400, names: "/name" },
        { name: "a missing name", body: {}, status: 400, names: "/name" },
        { name: "an empty name", body: { name: "" }, status: 400, names: "/name" },
        { name: "a name of 101 characters", body: { name: long(101) }, status: 400, names: "/name" },
        { name: "a name containing a NUL character", body: { name: NUL }, status: "4xx", names: "/name" },
      ],
    );
  });

  describe("DELETE /api/auth/tokens/:id", () => {
    refuses(
      () => ({ t, method: "DELETE", url: "/api/auth/tokens/x", as: admin() }),
      [
        { name: "an id that is not a UUID", url: "/api/auth/tokens/42", status: 400, names: "/id" },
        {
          name: "a token id nobody has",
          url: "/api/auth/tokens/0190a5b2-0000-7000-8000-000000000000",
          status: 404,
          names: "0190a5b2",
        },
        {
          name: "an id written as a urn:uuid: URN",
          url: "/api/auth/tokens/urn:uuid:0190a5b2-0000-7000-8000-000000000000",
          status: "4xx",
          names: "/id",
        },
      ],
    );
  });

  describe("POST /api/organisations", () => {
    const valid = { code: "ORG-B", name: "Org B", kind: "ngo" };
    refuses(
      () => ({ t, method: "POST", url: "/api/organisations", as: admin() }),
      [
        ...notJsonCases(valid),
        { name: "a code that is a number", body: { ...valid, code: 12 }, status: 400, names: "/code" },
        { name: "a code with spaces", body: { ...valid, code: "ORG B" }, status: 400, names: "/code" },
        { name: "a missing kind", body: { code: valid.code, name: valid.name }, status: 400, names: "/kind" },
        { name: "an unknown kind", body: { ...valid, kind: "charity" }, status: 400, names: "/kind" },
        { name: "an empty name", body: { ...valid, name: "" }, status: 400, names: "/name" },
        { name: "a code already in use", body: { ...valid, code: "ORG-A" }, status: 409, names: "/code" },
        { name: "a name containing a NUL character", body: { ...valid, name: NUL }, status: "4xx", names: "/name" },
      ],
    );
  });

  describe("POST /api/users", () => {
    const valid = { email: "new-user@example.org", name: "New user", password: "a long enough password" };
    refuses(
      () => ({ t, method: "POST", url: "/api/users", as: admin() }),
      [
        ...notJsonCases(valid),
        { name: "an email that is a number", body: { ...valid, email: 1 }, status: 400, names: "/email" },
        { name: "an email without an @", body: { ...valid, email: "new-user" }, status: 400, names: "/email" },
        { name: "a missing name", body: { email: valid.email }, status: 400, names: "/name" },
        { name: "isAdmin given as text", body: { ...valid, isAdmin: "yes" }, status: 400, names: "/isAdmin" },
        {
          name: "a password of 9 characters",
          body: { ...valid, password: "123456789" },
          status: 422,
          names: "/password",
        },
        {
          name: "an email already in use, in other case",
          body: { ...valid, email: "MEMBER@example.org" },
          status: 409,
          names: "/email",
        },
        {
          name: "an unknown organisation",
          body: { ...valid, organisation: "NO-SUCH-ORG" },
          status: 422,
          names: "/organisation",
        },
        { name: "a name containing a NUL character", body: { ...valid, name: NUL }, status: "4xx", names: "/name" },
      ],
    );
  });

  describe("POST /api/operations", () => {
    const valid = { code: "OP-2", name: "Second operation", timeZone: "Asia/Yerevan" };
    refuses(
      () => ({ t, method: "POST", url: "/api/operations", as: admin() }),
      [
        ...notJsonCases(valid),
        { name: "a code that is a number", body: { ...valid, code: 2 }, status: 400, names: "/code" },
        { name: "a code with a slash", body: { ...valid, code: "OP/2" }, status: 400, names: "/code" },
        { name: "a missing name", body: { code: valid.code }, status: 400, names: "/name" },
        { name: "a time zone that is a number", body: { ...valid, timeZone: 4 }, status: 400, names: "/timeZone" },
        {
          name: "an unknown time zone",
          body: { ...valid, timeZone: "Mars/Olympus_Mons" },
          status: 422,
          names: "/timeZone",
        },
        { name: "a code already in use", body: { ...valid, code: OP }, status: 409, names: "/code" },
        { name: "a name containing a NUL character", body: { ...valid, name: NUL }, status: "4xx", names: "/name" },
        {
          name: "a description containing a NUL character",
          body: { ...valid, description: NUL },
          status: "4xx",
          names: "/description",
        },
      ],
    );
  });

  describe("PUT /api/operations/:op/members", () => {
    const url = `/api/operations/${OP}/members`;
    const valid = { email: "member@example.org", role: "viewer" };
    refuses(
      () => ({ t, method: "PUT", url, as: admin() }),
      [
        ...notJsonCases(valid),
        { name: "an unknown role", body: { ...valid, role: "owner" }, status: 400, names: "/role" },
        { name: "a role that is a number", body: { ...valid, role: 1 }, status: 400, names: "/role" },
        { name: "a missing email", body: { role: "viewer" }, status: 400, names: "/email" },
        { name: "an email nobody has", body: { ...valid, email: "ghost@example.org" }, status: 422, names: "/email" },
        {
          name: "an operation that does not exist",
          url: "/api/operations/NO-SUCH-OP/members",
          body: valid,
          status: 404,
          names: "NO-SUCH-OP",
        },
        {
          name: "an operation code that is not a code",
          url: "/api/operations/no%20such/members",
          body: valid,
          status: 400,
          names: "/op",
        },
      ],
    );
  });
});
