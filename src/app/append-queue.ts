// Group commit. Requests that would each wait for the same lock (appends to one
// operation wait for its chain head) queue here instead: whoever finds the queue idle
// starts a group (one transaction) and, once that can begin (a connection, the embedded
// database's turn), takes every request waiting by then; then the next group. Each
// request keeps its own answer. A group that fails as a whole (the database refused it)
// is run again one request at a time, so one bad request never fails another's good one.
//
// With `overlap`, the next group starts as soon as a request waits, while the current one still
// runs: on a database server its transaction opens and its lock waits there, so it holds the lock
// the moment the current group commits and takes what arrived meanwhile, with no round trip in
// between. Each group's own lock keeps them in order (as it does for several server processes);
// at most one group waits to start at a time.

/** Per request of a group: its answer, or the error it alone is refused with. */
export type GroupResult<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupQueueOptions<R, O> {
  /**
   * Runs a group: calls `take` once, when it is ready to start, for the requests waiting
   * (oldest first), and resolves to one result per request taken.
   */
  run(take: () => readonly R[]): Promise<GroupResult<O>[]>;
  /** A request's weight, and the most a group may weigh (a heavier request still runs, alone). */
  weight(request: R): number;
  maxWeight: number;
  /** Start the next group while one runs (its `run` must wait for the one before, e.g. on a lock). */
  overlap?: boolean;
  /** Called when the queue has drained (its owner may forget it). */
  onIdle?(): void;
}

interface Waiting<R, O> {
  request: R;
  resolve(value: O): void;
  reject(error: unknown): void;
}

export class GroupQueue<R, O> {
  private waiting: Waiting<R, O>[] = [];
  /** A group has started and not yet taken its requests. */
  private opening = false;
  /** Groups started and not yet finished. */
  private active = 0;

  constructor(private readonly options: GroupQueueOptions<R, O>) {}

  submit(request: R): Promise<O> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.startNext();
    });
  }

  /** Starts a group for the requests waiting, unless one is starting (or, without overlap, running). */
  private startNext(): void {
    if (this.opening || this.waiting.length === 0 || (this.active > 0 && !this.options.overlap)) return;
    this.opening = true;
    this.active += 1;
    void this.group();
  }

  private async group(): Promise<void> {
    let took = false;
    try {
      // Let requests that already arrived reach the queue first: an embedded database answers
      // without ever yielding to I/O, so without this pause every group would hold one request.
      if (!this.options.overlap) await new Promise((resolve) => setImmediate(resolve));
      await this.runGroup(() => {
        took = true;
        this.opening = false;
        const taken = this.takeGroup();
        this.startNext();
        return taken;
      });
    } finally {
      if (!took) this.opening = false;
      this.active -= 1;
      this.startNext();
      if (this.active === 0) this.options.onIdle?.();
    }
  }

  /** The requests waiting, oldest first, up to the group's weight (always at least one request). */
  private takeGroup(): Waiting<R, O>[] {
    const { weight, maxWeight } = this.options;
    let total = 0;
    let n = 0;
    while (n < this.waiting.length && (n === 0 || total + weight(this.waiting[n]!.request) <= maxWeight))
      total += weight(this.waiting[n++]!.request);
    return this.waiting.splice(0, n);
  }

  private async runGroup(take: () => Waiting<R, O>[]): Promise<void> {
    let group: Waiting<R, O>[] | undefined;
    let results: GroupResult<O>[];
    try {
      results = await this.options.run(() => (group = take()).map((w) => w.request));
    } catch (error) {
      // Failed before starting (no connection): the requests it would have taken fail with it.
      group ??= take();
      if (group.length === 1) return group[0]!.reject(error);
      for (const one of group) await this.runGroup(() => [one]);
      return;
    }
    results.forEach((r, i) => (r.ok ? group![i]!.resolve(r.value) : group![i]!.reject(r.error)));
  }
}
