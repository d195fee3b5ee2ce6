// Running the real `reliefline` CLI as a child process: one-shot commands, and the
// server (`start`) polled until /api/health answers. Shared by the CLI end-to-end
// tests and the start-up benchmark.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("..", import.meta.url));
export const CLI = fileURLToPath(new URL("../bin/reliefline.js", import.meta.url));

/** Environment for a child CLI: the parent's, minus variables that would silently change what the CLI does. */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    "RELIEFLINE_ADMIN_PASSWORD",
    "RELIEFLINE_ADMIN_EMAIL",
    "RELIEFLINE_DATA",
    "DATABASE_URL",
    "PORT",
    "HOST",
    "NODE_OPTIONS",
    "VITEST",
    "VITEST_WORKER_ID",
    "VITEST_POOL_ID",
  ]) {
    delete env[name];
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return env;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  ms: number;
}

export interface CliProcess {
  child: ChildProcess;
  /** Everything printed so far, both streams. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Each output line with the milliseconds from spawning until it arrived. */
  lines(): { ms: number; text: string }[];
  exited: Promise<CliResult>;
}

/**
 * Spawns `reliefline <args>`: node bin/reliefline.js, or through `npm start -- …` (args then
 * start with "start"; npm runs in its own process group, so signals reach the server too).
 */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = cliEnv(), viaNpm = false): CliProcess {
  const started = performance.now();
  const child = viaNpm
    ? spawn("npm", ["start", "--silent", "--", ...args.slice(1)], {
        cwd: REPO,
        env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      })
    : spawn(process.execPath, [CLI, ...args], { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let output = "";
  const lines: { ms: number; text: string }[] = [];
  const timed = (chunk: string) => {
    const ms = performance.now() - started;
    for (const text of chunk.split("\n")) if (text.trim()) lines.push({ ms, text });
  };
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    output += chunk;
    timed(chunk);
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    output += chunk;
    timed(chunk);
  });
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) =>
      resolve({ code, signal, stdout, stderr, output, ms: performance.now() - started }),
    );
  });
  return { child, output: () => output, stdout: () => stdout, stderr: () => stderr, lines: () => lines, exited };
}

/** Runs a one-shot command to completion (killing it after `timeoutMs`). */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = cliEnv(),
  timeoutMs = 180_000,
): Promise<CliResult> {
  const proc = spawnCli(args, env);
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), timeoutMs);
  try {
    return await proc.exited;
  } finally {
    clearTimeout(timer);
  }
}

import { freePort } from "../test/helpers/pg-cluster.ts";
export { freePort };

export interface RunningServer extends CliProcess {
  port: number;
  base: string;
  /** Milliseconds from spawning the process until /api/health first answered 200. */
  readyMs: number;
  /** SIGTERM, then waits for the process to end (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<CliResult>;
}

/**
 * `reliefline start --port <free> <args>`, polled every 50 ms until /api/health answers 200.
 * Fails with the process output if it exits first or does not answer within `timeoutMs`.
 */
export async function startServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv = cliEnv(),
  timeoutMs = 180_000,
  viaNpm = false,
): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawnCli(["start", "--port", String(port), "--host", "127.0.0.1", ...args], env, viaNpm);
  const kill = (signal: NodeJS.Signals) =>
    viaNpm && proc.child.pid ? process.kill(-proc.child.pid, signal) : proc.child.kill(signal);
  const started = performance.now();
  let exited: CliResult | undefined;
  void proc.exited.then(
    (r) => (exited = r),
    () => undefined,
  );
  const stop = async (graceMs = 15_000) => {
    if (!exited) kill("SIGTERM");
    const timer = setTimeout(() => kill("SIGKILL"), graceMs);
    try {
      return await proc.exited;
    } finally {
      clearTimeout(timer);
    }
  };
  for (;;) {
    if (exited)
      throw new Error(
        `reliefline start exited (code ${exited.code}, signal ${exited.signal}) before answering:\n${exited.output}`,
      );
    if (performance.now() - started > timeoutMs) {
      await stop(2_000);
      throw new Error(`reliefline start did not answer /api/health within ${timeoutMs} ms:\n${proc.output()}`);
    }
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.status === 200) {
        await res.arrayBuffer();
        return { ...proc, port, base, readyMs: performance.now() - started, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Signs in over HTTP and returns the session cookie header. */
export async function signInHttp(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("rl_session="));
  if (!cookie) throw new Error("sign-in answered 200 without a session cookie");
  return cookie.split(";")[0]!;
}
