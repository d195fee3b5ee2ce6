// For the publication tests: the demo operation served in-process on one engine's database,
// beside an operation with events that nobody publishes, callers of each role, and the
// requests the tests make (each from a fresh client address, so only the rate-limit test
// meets the rate limit).
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import { buildApp } from "../../src/api/app.ts";
import { recordEvents } from "../../src/app/record-events.ts";
import type { Principal } from "../../src/app/principal.ts";
import type { SnapshotContent } from "../../src/core/publication.ts";
import { findOperationWithHead } from "../../src/store/catalogue.sql.ts";
import type { Db } from "../../src/store/db.ts";
import { DEMO, DEMO_ADMIN_PASSWORD, seedDemo } from "./demo.ts";
import { event, line, NOW, seedOperation } from "./fixtures.ts";
import { signIn, type TestApp } from "./http.ts";
import { freshAddress, send, userWithRole, type Caller } from "./http-bad-input.ts";

/** An operation with events and a press officer of its own, and nothing published. */
export const UNPUBLISHED = "UNPUB-OP";
/** The demo's publications, as staff reach them. */
export const PUBLICATIONS = `/api/operations/${DEMO}/publications`;

/** A publication as the staff API answers it. */
export interface Published {
  id: string;
  kind: string;
  title: string;
  ledgerSeq: number;
  ledgerHash: string;
  publishedBy: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  content: SnapshotContent;
}

/** The app on the demo and who calls it. */
export interface DemoPublishers {
  t: TestApp;
  demoAdmin: Principal;
  press: Caller;
  viewer: Caller;
  logistician: Caller;
  outsider: Caller;
}

/** Loads the demo and the unpublished operation before the suite's tests, and closes the app after them. */
export function publishingOnDemo(db: () => Db) {
  let ready: DemoPublishers | undefined;
  const demo = (): DemoPublishers => {
    if (!ready) throw new Error("the demo is not loaded yet");
    return ready;
  };

  beforeAll(async () => {
    const demoAdmin = await seedDemo(db());
    const other = await seedOperation(db(), UNPUBLISHED);
    await recordEvents(
      db(),
      other,
      UNPUBLISHED,
      [
        event("GoodsPledged", {
          location: "DEPOT",
          from: `donor:DONOR-${UNPUBLISHED}`,
          lines: [line("FLOUR", "777.125")],
        }),
      ],
      NOW,
    );
    const app: FastifyInstance = await buildApp({ db: db(), now: () => NOW });
    const t = {
      app,
      db: db(),
      admin: await signIn(app, demoAdmin.email, DEMO_ADMIN_PASSWORD),
      close: () => app.close(),
    };
    ready = {
      t,
      demoAdmin,
      press: await userWithRole(t, "press@example.org", "press-officer", DEMO),
      viewer: await userWithRole(t, "viewer@example.org", "viewer", DEMO),
      logistician: await userWithRole(t, "logistician@example.org", "logistician", DEMO),
      outsider: await userWithRole(t, "outsider@example.org", "press-officer", UNPUBLISHED),
    };
  }, 180_000);
  afterAll(async () => ready?.t.close());

  const get = (path: string, as?: Caller): Promise<LightMyRequestResponse> =>
    send(demo().t.app, "GET", path, { as, remoteAddress: freshAddress() });
  const post = (path: string, body: unknown, as: Caller | "anonymous" = demo().press) =>
    send(demo().t.app, "POST", path, {
      as: as === "anonymous" ? undefined : as,
      body,
      remoteAddress: freshAddress(),
    });
  /** Publishes, acknowledging whatever open discrepancies the check lists (as a press officer who read them would). */
  const acknowledged = async (body: Record<string, unknown>, as: Caller = demo().press) => {
    const check = await post(`${PUBLICATIONS}/check`, body, as);
    expect(check.statusCode, check.body).toBe(200);
    const ids = (check.json() as { discrepancies: { id: string }[] }).discrepancies.map((d) => d.id);
    const note = "Figures as the ledger has them; the discrepancies are under review.";
    return post(PUBLICATIONS, ids.length === 0 ? body : { ...body, acknowledge: { discrepancies: ids, note } }, as);
  };
  /** Publishes a snapshot as the press officer and returns it. */
  const snapshot = async (): Promise<Published> => {
    const res = await acknowledged({ kind: "snapshot" });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Published;
  };
  /** How many publications are stored, of any operation. */
  const count = async () =>
    Number((await db().query<{ n: number }>("select count(*)::int8 as n from publications"))[0]!.n);
  /** The operation's ledger head. */
  const head = async (code = DEMO) => {
    const op = (await findOperationWithHead(db(), code))!;
    return { seq: op.lastSeq, hash: op.lastHash };
  };

  return { demo, get, post, acknowledged, snapshot, count, head };
}
