// Whoever knew a user's password could have made an API token or a field phone's device
// sign-in with it. Changing the password (or an administrator resetting it) must end those
// too, not only the sessions: otherwise a stolen password keeps working as a token that the
// user cannot even list.
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/helpers/http.ts";
import { API_ENGINES, describeEachEngine, freshDb } from "../../test/helpers/engines.ts";
import { OP } from "../../test/helpers/fixtures.ts";
import {
  USER_PASSWORD,
  expectProblem,
  send,
  signInAs,
  userWithRole,
  type Caller,
} from "../../test/helpers/http-bad-input.ts";
import { resetPassword } from "../app/identity.ts";

describeEachEngine("credentials made with a password, after it changes", API_ENGINES, (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDb(engine));
  });
  afterAll(async () => t.close());

  /** A token and a device sign-in made by `session`, each shown to work. */
  async function credentialsOf(session: Caller): Promise<{ token: Caller; device: Caller }> {
    const token = await send(t.app, "POST", "/api/auth/tokens", { as: session, body: { name: "script" } });
    expect(token.statusCode, token.body).toBe(201);
    const device = await send(t.app, "POST", `/api/operations/${OP}/devices`, {
      as: session,
      body: { label: "Railhead phone", installationId: uuidv7() },
    });
    expect(device.statusCode, device.body).toBe(201);
    const made = {
      token: { bearer: (token.json() as { token: string }).token },
      device: { bearer: (device.json() as { token: string }).token },
    };
    for (const who of [made.token, made.device])
      expect((await send(t.app, "GET", `/api/operations/${OP}/stock`, { as: who })).statusCode).toBe(200);
    return made;
  }

  const refused = async (who: Caller) =>
    expectProblem(await send(t.app, "GET", `/api/operations/${OP}/stock`, { as: who }), 401);

  it("ends the user's API tokens and device sign-ins when the user changes the password", async () => {
    const email = "changes@example.org";
    const session = await userWithRole(t, email, "field-officer");
    const { token, device } = await credentialsOf(session);
    const changed = await send(t.app, "POST", "/api/auth/password", {
      as: session,
      body: { current: USER_PASSWORD, password: "a brand new password" },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    await refused(token);
    await refused(device);
    // The new password makes new ones that work.
    await credentialsOf(await signInAs(t.app, email, "a brand new password"));
  });

  it("ends them when an administrator resets the password, also after the user picks a new one", async () => {
    const email = "reset@example.org";
    const { token, device } = await credentialsOf(await userWithRole(t, email, "field-officer"));
    const { password } = await resetPassword(t.db, email);
    const session = await signInAs(t.app, email, password);
    const chosen = await send(t.app, "POST", "/api/auth/password", {
      as: session,
      body: { current: password, password: "my own password again" },
    });
    expect(chosen.statusCode, chosen.body).toBe(204);
    await refused(token);
    await refused(device);
  });

  it("leaves other users' tokens and devices working", async () => {
    const bystander = await credentialsOf(await userWithRole(t, "bystander@example.org", "field-officer"));
    const session = await userWithRole(t, "neighbour@example.org", "field-officer");
    await credentialsOf(session);
    const changed = await send(t.app, "POST", "/api/auth/password", {
      as: session,
      body: { current: USER_PASSWORD, password: "neighbour's new password" },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    for (const who of [bystander.token, bystander.device])
      expect((await send(t.app, "GET", `/api/operations/${OP}/stock`, { as: who })).statusCode).toBe(200);
  });
});
