// The embedded database answers a commit only once its WAL is on the disk: PGlite runs
// PostgreSQL with fsync off and never flushes its files, so a power cut could otherwise lose
// answered writes. These run the real flusher (watched, not replaced) on a real data folder.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "./pglite.ts";
import { lsnBytes, segmentName, syncTree, walFlusher, type Flusher } from "./pglite-durable.ts";

const MB16 = 16 * 1024 * 1024;
const dataDir = mkdtempSync(join(tmpdir(), "reliefline-durable-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The folder's database (one creation is some seconds), its flushes counted: each with the WAL location it made durable. */
async function watched() {
  const flushed: number[] = [];
  const flusher = async (dir: string, lsn: string): Promise<Flusher> => {
    const real = await walFlusher(dir, lsn);
    return { flush: (at) => real.flush(at).then(() => void flushed.push(lsnBytes(at))) };
  };
  const db = await openPglite({ dataDir, minFreeBytes: 0, flusher });
  const location = async () =>
    lsnBytes((await db.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn"))[0]!.lsn);
  return { db, dataDir, flushed, location };
}

// A new data folder (initdb in WebAssembly) and 45 MB of WAL: seconds idle, over 30 s at a load of 13.
describe("the embedded database's commits on the disk", { timeout: 120_000 }, () => {
  it("answers a write only after flushing the WAL past its commit, and flushes nothing for a read", async () => {
    const { db, flushed, location } = await watched();
    await db.query("create table cargo (id int primary key, what text)");
    const afterCreate = flushed.length;
    expect(afterCreate).toBe(1);
    await db.transaction(async (tx) => {
      await tx.query("insert into cargo values (1, 'lumber')");
    });
    expect(flushed).toHaveLength(afterCreate + 1);
    expect(flushed.at(-1)).toBeGreaterThanOrEqual(await location());
    await db.transaction(async (tx) => {
      await tx.query("select count(*) from cargo");
    });
    await db.query("select * from cargo");
    expect(flushed).toHaveLength(afterCreate + 1);
    await db.copyCsv("cargo", ["id", "what"], "2,cement\n");
    await db.transaction(async (tx) => tx.copyText("cargo", ["id", "what"], "3\tglass\n"));
    expect(flushed).toHaveLength(afterCreate + 3);
    await db.close();
  });

  it("lets concurrent commits share flushes, every one answered after a flush that covers it", async () => {
    const { db, flushed } = await watched();
    await db.query("create table trips (id int primary key)");
    const before = flushed.length;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.query("insert into trips values ($1)", [i]);
        }),
      ),
    );
    expect(flushed.length - before).toBeGreaterThan(0);
    expect(flushed.length - before).toBeLessThanOrEqual(40);
    await db.close();
  });

  it("follows the WAL across segments and a checkpoint, and the folder opens again with every write", async () => {
    const { db, location } = await watched();
    await db.query("create table bulk (id int primary key, pad text)");
    const start = await location();
    // Some 45 MB of WAL: into a third segment of 16 MB at least.
    for (let i = 0; i < 40; i++)
      await db.transaction(async (tx) => {
        await tx.query("insert into bulk select g, repeat('x', 1000) from generate_series($1::int, $2::int) g", [
          i * 1000,
          i * 1000 + 999,
        ]);
      });
    expect((await location()) - start).toBeGreaterThan(2 * MB16);
    // The flusher names the segments as PostgreSQL does.
    const { name, lsn } = (
      await db.query<{ name: string; lsn: string }>(
        "select pg_walfile_name(pg_current_wal_lsn()) as name, pg_current_wal_lsn()::text as lsn",
      )
    )[0]!;
    expect(segmentName(name.slice(0, 8), Math.floor(lsnBytes(lsn) / MB16), MB16)).toBe(name);
    await db.query("checkpoint");
    await db.transaction(async (tx) => {
      await tx.query("insert into bulk values (-1, 'after the checkpoint')");
    });
    await db.close();
    const again = await openPglite({ dataDir, minFreeBytes: 0 });
    expect(await again.query("select count(*)::int as n from bulk")).toEqual([{ n: 40_001 }]);
    await again.close();
  });

  it("flushes the data folder file by file, as after a checkpoint: every file and folder once, nothing beside it", async () => {
    const beside = join(dataDir, "..", `${dataDir.split("/").pop()}-beside`);
    mkdirSync(beside, { recursive: true });
    writeFileSync(join(beside, "other program's file"), "not ours");
    try {
      const synced: [string, boolean][] = [];
      await syncTree(dataDir, async (path, folder = false) => void synced.push([path, folder]));
      const expected: [string, boolean][] = [];
      const walk = (dir: string) => {
        expected.push([dir, true]);
        for (const entry of readdirSync(dir, { withFileTypes: true }))
          if (entry.isDirectory()) walk(join(dir, entry.name));
          else if (entry.isFile()) expected.push([join(dir, entry.name), false]);
      };
      walk(dataDir);
      expect(expected.length).toBeGreaterThan(1000); // a PostgreSQL data folder
      expect(synced.map(([p, f]) => `${f ? "folder" : "file"} ${p}`).sort()).toEqual(
        expected.map(([p, f]) => `${f ? "folder" : "file"} ${p}`).sort(),
      );
      // And for real: the flushes themselves succeed on every entry.
      await syncTree(dataDir);
    } finally {
      rmSync(beside, { recursive: true, force: true });
    }
  });
});
