// The HTTP app in-process (no port) on a fresh embedded database, signed in.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/api/app.ts";
import type { Db } from "../../src/store/db.ts";
import { freshPglite } from "./engines.ts";
import { ADMIN_PASSWORD, NOW, seedOperation } from "./fixtures.ts";

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  /** Cookie header of the signed-in administrator. */
  admin: string;
  close(): Promise<void>;
}

export async function testApp(db?: Db, webRoot: string | null = null): Promise<TestApp> {
  const database = db ?? (await freshPglite());
  const principal = await seedOperation(database);
  const app = await buildApp({ db: database, now: () => NOW, webRoot });
  const admin = await signIn(app, principal.email, ADMIN_PASSWORD);
  return {
    app,
    db: database,
    admin,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "rl_session");
  return `rl_session=${cookie!.value}`;
}

/** Asserts-friendly view of a problem+json response. */
export function problem(res: LightMyRequestResponse): {
  status: number;
  type: string;
  detail: string;
  errors: { field: string; message: string }[];
  contentType: string;
} {
  const body = res.json() as { type: string; detail: string; errors?: { field: string; message: string }[] };
  return {
    status: res.statusCode,
    type: body.type,
    detail: body.detail,
    errors: body.errors ?? [],
    contentType: String(res.headers["content-type"]),
  };
}
