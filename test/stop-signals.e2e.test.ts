// Stopping on signals, in real processes: a stop sent to the whole process group (as systemd,
// `kill -- -pgid` or pkill do) reaches npm's shell too, which dies; the server, which watches
// the npm process that started it, must take that for the same request, not for a second one
// that cuts the stop under way short (it once exited 1 half-way, its data folder left locked).
// A second signal while stopping still exits at once (Ctrl+C twice).
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO } from "../bench/cli-process.ts";

/** A process that stops on signals as `reliefline start` does, its stop taking 1.5 s, started under `sh -c` as npm does. */
function underShell(): {
  output: () => string;
  said: (text: string) => Promise<void>;
  ready: Promise<void>;
  ended: Promise<void>;
  pgid: number;
} {
  const script = `
    import { stopOnSignals } from "./src/cli/shutdown.ts";
    stopOnSignals(async () => { await new Promise((r) => setTimeout(r, 1500)); console.log("Stopped."); },
      { say: (line) => console.log(line), graceMs: 20000, parentCheckMs: 50 });
    console.log("ready");
    setInterval(() => {}, 1000);`;
  // The shell waits for node and then runs one more command, so it does not hand its place to node.
  const sh = spawn("sh", ["-c", `"${process.execPath}" --import tsx --input-type=module -e '${script}'; true`], {
    cwd: REPO,
    detached: true, // its own process group, as a service's
    env: { ...process.env, npm_command: "start" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const waiting: { text: string; resolve: () => void }[] = [];
  const said = (wanted: string) =>
    new Promise<void>((resolve) => (text.includes(wanted) ? resolve() : waiting.push({ text: wanted, resolve })));
  const take = (chunk: Buffer) => {
    text += chunk.toString();
    for (const w of waiting.filter((w) => text.includes(w.text))) w.resolve();
  };
  sh.stdout!.on("data", take);
  sh.stderr!.on("data", take);
  // The pipe closes once every process holding it, the node process last, has ended.
  const ended = new Promise<void>((resolve) => sh.stdout!.on("close", () => resolve()));
  return { output: () => text, said, ready: said("ready"), ended, pgid: sh.pid! };
}

describe("stopping on signals", () => {
  it("finishes its stop when SIGTERM reaches the whole process group and npm's shell dies with it", async () => {
    const run = underShell();
    await run.ready;
    process.kill(-run.pgid, "SIGTERM");
    await run.ended;
    expect(run.output()).toContain("Stopping… (SIGTERM)");
    expect(run.output()).toContain("Stopped.");
    expect(run.output()).not.toContain("exiting now");
  }, 30_000);

  it("exits at once on a second signal while stopping", async () => {
    const run = underShell();
    await run.ready;
    process.kill(-run.pgid, "SIGINT");
    await run.said("Stopping… (SIGINT)"); // within the 1.5 s stop
    process.kill(-run.pgid, "SIGINT");
    await run.ended;
    expect(run.output()).toContain("SIGINT again: exiting now.");
    expect(run.output()).not.toContain("Stopped.");
  }, 30_000);
});
