// The group-commit queue on its own: who is taken into a group, and how a failing group
// is split so that each request gets its own answer.
import { describe, expect, it } from "vitest";
import type { GroupResult } from "./append-queue.ts";
import { GroupQueue } from "./append-queue.ts";

/** A queue whose groups finish when the test says so; it records the groups it ran. */
function controlled(
  options: { failGroupsWith?: (group: readonly number[]) => Error | undefined; maxWeight?: number } = {},
) {
  const groups: number[][] = [];
  const gates: (() => void)[] = [];
  const queue = new GroupQueue<number, string>({
    async run(take) {
      await new Promise<void>((open) => gates.push(open));
      const group = [...take()];
      groups.push(group);
      const failure = options.failGroupsWith?.(group);
      if (failure) throw failure;
      return group.map((n): GroupResult<string> =>
        n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: `done ${n}` },
      );
    },
    weight: (n) => (Math.abs(n) >= 100 ? 10 : 1),
    maxWeight: options.maxWeight ?? 10,
  });
  const openNext = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { queue, groups, openNext };
}

describe("the group-commit queue", () => {
  it("takes every request that arrived while the group waited to start", async () => {
    const { queue, groups, openNext } = controlled();
    const answers = [1, 2, 3].map((n) => queue.submit(n));
    await openNext();
    expect(await Promise.all(answers)).toEqual(["done 1", "done 2", "done 3"]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it("starts the next group with whatever arrived during the running one", async () => {
    const { queue, groups, openNext } = controlled();
    const first = queue.submit(1);
    await openNext();
    await first;
    const later = [queue.submit(2), queue.submit(3)];
    await openNext();
    expect(await Promise.all(later)).toEqual(["done 2", "done 3"]);
    expect(groups).toEqual([[1], [2, 3]]);
  });

  it("gives a refused request its own error and the others their answers", async () => {
    const { queue, openNext } = controlled();
    const answers = Promise.allSettled([queue.submit(1), queue.submit(-2), queue.submit(3)]);
    await openNext();
    expect((await answers).map((a) => (a.status === "fulfilled" ? a.value : (a.reason as Error).message))).toEqual([
      "done 1",
      "refused -2",
      "done 3",
    ]);
  });

  it("runs a group the database refused again one request at a time", async () => {
    const { queue, groups, openNext } = controlled({
      failGroupsWith: (g) => (g.includes(2) ? new Error("constraint broken by 2") : undefined),
    });
    const answers = Promise.allSettled([queue.submit(1), queue.submit(2), queue.submit(3)]);
    for (let i = 0; i < 4; i++) await openNext();
    expect((await answers).map((a) => (a.status === "fulfilled" ? a.value : (a.reason as Error).message))).toEqual([
      "done 1",
      "constraint broken by 2",
      "done 3",
    ]);
    expect(groups).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it("keeps a group within its weight, but runs a heavier request alone", async () => {
    const { queue, groups, openNext } = controlled({ maxWeight: 10 });
    const answers = [queue.submit(100), queue.submit(1), queue.submit(2)];
    await openNext();
    await openNext();
    await Promise.all(answers);
    expect(groups).toEqual([[100], [1, 2]]);
  });

  it("fails the waiting requests when a group cannot even start", async () => {
    const queue = new GroupQueue<number, string>({
      run: async () => Promise.reject(new Error("no connection")),
      weight: () => 1,
      maxWeight: 10,
    });
    const answers = await Promise.allSettled([queue.submit(1), queue.submit(2)]);
    expect(answers.map((a) => (a as PromiseRejectedResult).reason.message)).toEqual(["no connection", "no connection"]);
  });

  describe("with overlap (a database server, where each group waits on its own lock)", () => {
    /** Groups that hold a lock from taking their requests to committing, which the test does one at a time. */
    function locked(overlap: boolean) {
      const groups: number[][] = [];
      const commits: (() => void)[] = [];
      let started = 0;
      let lock = Promise.resolve();
      const queue = new GroupQueue<number, string>({
        async run(take) {
          started += 1;
          const before = lock;
          let unlock!: () => void;
          lock = new Promise((r) => (unlock = r));
          await before;
          const group = [...take()];
          groups.push(group);
          await new Promise<void>((commit) => commits.push(commit));
          unlock();
          return group.map((n): GroupResult<string> => ({ ok: true, value: `done ${n}` }));
        },
        weight: () => 1,
        maxWeight: 10,
        overlap,
      });
      const commitNext = async () => {
        while (commits.length === 0) await new Promise((r) => setImmediate(r));
        commits.shift()!();
        await new Promise((r) => setImmediate(r));
      };
      return { queue, groups, commitNext, started: () => started };
    }

    it("starts the next group while one runs; it takes what arrived once the one before commits", async () => {
      const { queue, groups, commitNext, started } = locked(true);
      const first = queue.submit(1);
      await new Promise((r) => setImmediate(r));
      const later = [queue.submit(2), queue.submit(3)];
      await new Promise((r) => setImmediate(r));
      expect(started()).toBe(2);
      expect(groups).toEqual([[1]]);
      await commitNext();
      expect(await first).toBe("done 1");
      expect(groups).toEqual([[1], [2, 3]]);
      await commitNext();
      expect(await Promise.all(later)).toEqual(["done 2", "done 3"]);
    });

    it("has at most one group waiting to start", async () => {
      const { queue, groups, commitNext, started } = locked(true);
      const answers = [queue.submit(1)];
      await new Promise((r) => setImmediate(r));
      for (const n of [2, 3, 4]) {
        answers.push(queue.submit(n));
        await new Promise((r) => setImmediate(r));
      }
      expect(started()).toBe(2);
      await commitNext();
      await commitNext();
      expect(await Promise.all(answers)).toEqual(["done 1", "done 2", "done 3", "done 4"]);
      expect(groups).toEqual([[1], [2, 3, 4]]);
    });

    it("without overlap, starts a group only when the one before has finished", async () => {
      const { queue, groups, commitNext, started } = locked(false);
      const answers = [queue.submit(1)];
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      answers.push(queue.submit(2));
      await new Promise((r) => setImmediate(r));
      expect(started()).toBe(1);
      await commitNext();
      await commitNext();
      expect(await Promise.all(answers)).toEqual(["done 1", "done 2"]);
      expect(groups).toEqual([[1], [2]]);
    });
  });
});
