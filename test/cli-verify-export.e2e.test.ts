// End to end: `reliefline export ledger` writes the demo's ledger as hashed; `reliefline
// verify --export FILE --hash HASH` checks it with no database, and notices an edited,
// removed or reordered line. `verify` and `rebuild` on a missing store refuse (exit 2)
// rather than create an empty database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "../bench/cli-process.ts";

const DEMO = "STP-RAIL-2020";
const env = cliEnv({ RELIEFLINE_ADMIN_PASSWORD: "e2e-admin-password-0" });

describe.sequential("reliefline export ledger and verify --export", () => {
  let tmp: string;
  let folder: string;
  let file: string;
  let lines: string[];
  let head: { seq: number; hash: string };
  const hashAt = (seq: number) => (JSON.parse(lines[seq]!) as { seq: number; hash: string }).hash;
  const variant = (name: string, edit: (lines: string[]) => string[]) => {
    const path = join(tmp, name);
    writeFileSync(path, `${edit([...lines]).join("\n")}\n`);
    return path;
  };

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "reliefline-verify-export-"));
    folder = join(tmp, "demo");
    const demo = await runCli(["demo", "--data", folder], env);
    expect(demo.code, demo.output).toBe(0);
    const verified = await runCli(["verify", "--data", folder], env);
    expect(verified.code, verified.output).toBe(0);
    const [, seq, hash] = /intact — (\d+) events, head hash ([0-9a-f]{64})/.exec(verified.stdout)!;
    head = { seq: Number(seq), hash: hash! };
    file = join(tmp, `${DEMO}.ledger.jsonl`);
    const exported = await runCli(["export", "ledger", "--data", folder, "--out", file], env);
    expect(exported.code, exported.output).toBe(0);
    expect(exported.stderr).toContain(
      `${DEMO}: ledger of ${head.seq} events, head hash ${head.hash}, written to ${file}`,
    );
    lines = readFileSync(file, "utf8").trimEnd().split("\n");
  }, 300_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("writes a header and one line per event, with what the hash covers", () => {
    expect(lines).toHaveLength(head.seq + 1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      format: "reliefline-ledger-export",
      version: 1,
      operation: { code: DEMO },
      head,
    });
    const seven = JSON.parse(lines[7]!) as Record<string, unknown>;
    expect(Object.keys(seven).sort()).toEqual([
      "event",
      "hash",
      "id",
      "operationId",
      "prevHash",
      "recordedAt",
      "recordedBy",
      "seq",
    ]);
    expect(seven).toMatchObject({ seq: 7, prevHash: hashAt(6) });
  });

  it("confirms the head hash the database reports, with no data folder at all", async () => {
    const missing = join(tmp, "never-created");
    const result = await runCli(["verify", "--export", file, "--hash", head.hash, "--data", missing], env);
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain(
      `hash ${head.hash} is the ledger head at seq ${head.seq} of operation ${DEMO}; ${head.seq} events verified`,
    );
    expect(existsSync(missing)).toBe(false);
  }, 240_000);

  it("finds a hash from the middle of the chain, and checks it against --seq", async () => {
    const ok = await runCli(["verify", "--export", file, "--hash", hashAt(100), "--seq", "100"], env);
    expect(ok.code, ok.output).toBe(0);
    expect(ok.stdout).toContain(`is the ledger head at seq 100 of operation ${DEMO}`);
    const wrongSeq = await runCli(["verify", "--export", file, "--hash", hashAt(100), "--seq", "101"], env);
    expect(wrongSeq.code, wrongSeq.output).toBe(1);
    expect(wrongSeq.stdout).toContain("is NOT the ledger head at seq 101");
  }, 240_000);

  it("exits 1 for a hash that is not in the export", async () => {
    const result = await runCli(["verify", "--export", file, "--hash", "ab".repeat(32)], env);
    expect(result.code, result.output).toBe(1);
    expect(result.stdout).toContain(
      `is NOT the head at any seq of this export of operation ${DEMO} (seq 1 to ${head.seq})`,
    );
  }, 240_000);

  it("exits 1 naming event 42 when one figure on its line was edited", async () => {
    const edited = variant("edited.jsonl", (l) => {
      const row = JSON.parse(l[42]!) as { event: { lines?: { quantity: string }[]; note?: string } };
      if (row.event.lines?.[0]) row.event.lines[0].quantity = `${row.event.lines[0].quantity}0`;
      else row.event.note = "edited";
      l[42] = JSON.stringify(row);
      return l;
    });
    const result = await runCli(["verify", "--export", edited, "--hash", head.hash], env);
    expect(result.code, result.output).toBe(1);
    expect(result.stdout).toContain("BROKEN at event 42: line 43: event 42 was altered");
  }, 240_000);

  it("exits 1 naming the gap when a line was removed, and the order when two were swapped", async () => {
    const removed = await runCli(
      ["verify", "--export", variant("removed.jsonl", (l) => l.filter((_, i) => i !== 50)), "--hash", head.hash],
      env,
    );
    expect(removed.code, removed.output).toBe(1);
    expect(removed.stdout).toContain("BROKEN at event 50: line 51: event 50 is missing (next found is 51)");
    const swapped = await runCli(
      [
        "verify",
        "--export",
        variant("swapped.jsonl", (l) => {
          [l[60], l[61]] = [l[61]!, l[60]!];
          return l;
        }),
        "--hash",
        head.hash,
      ],
      env,
    );
    expect(swapped.code, swapped.output).toBe(1);
    expect(swapped.stdout).toContain("BROKEN at event 60:");
    const truncated = await runCli(
      ["verify", "--export", variant("truncated.jsonl", (l) => l.slice(0, -1)), "--hash", hashAt(10)],
      env,
    );
    expect(truncated.code, truncated.output).toBe(1);
    expect(truncated.stdout).toContain(`the header says the export runs to event ${head.seq}`);
  }, 240_000);

  it("exits 2 with a plain message for a malformed --hash or a missing file", async () => {
    const badHash = await runCli(["verify", "--export", file, "--hash", "xyz"], env);
    expect(badHash.code, badHash.output).toBe(2);
    expect(badHash.stderr).toContain("--hash must be 64 hexadecimal characters");
    const noFile = await runCli(["verify", "--export", join(tmp, "nope.jsonl"), "--hash", head.hash], env);
    expect(noFile.code, noFile.output).toBe(2);
    expect(noFile.stderr).toContain("there is no file");
  }, 240_000);

  it("verify and rebuild refuse a data folder that does not exist or holds no database, creating nothing", async () => {
    const missing = join(tmp, "missing");
    const empty = join(tmp, "empty");
    mkdirSync(empty);
    for (const command of ["verify", "rebuild"]) {
      const gone = await runCli([command, "--data", missing], env);
      expect(gone.code, gone.output).toBe(2);
      expect(gone.stderr).toContain(`reliefline: there is no data folder ${missing}`);
      expect(existsSync(missing)).toBe(false);
      const blank = await runCli([command, "--data", empty], env);
      expect(blank.code, blank.output).toBe(2);
      expect(blank.stderr).toContain("holds no Reliefline database");
      expect(existsSync(join(empty, "pgdata"))).toBe(false);
    }
  }, 240_000);
});
