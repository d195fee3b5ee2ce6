// The live feed: tells the open event streams of an operation about every event
// committed to its ledger, by any process writing the database. Each append notifies
// LEDGER_CHANNEL with the operation's id in its transaction (store/feed.sql.ts), so the
// notification arrives once the events are committed, whichever server (or CLI) wrote
// them; the feed then reads the events past the last sequence number it announced and
// hands each to the operation's listeners, in order. It listens only while someone
// watches, and reads nothing for operations nobody watches.
import { EventEmitter } from "node:events";
import type { Db } from "../store/db.ts";
import { eventsAfter, LEDGER_CHANNEL, type AppendedEvent } from "../store/feed.sql.ts";

export type FeedListener = (event: AppendedEvent) => void;

const PAGE = 5_000;

export class LedgerFeed {
  private readonly emitter = new EventEmitter();
  /** Per operation id: the last sequence number announced. */
  private readonly heads = new Map<string, { seq: number }>();
  /** Per operation id: the catch-up in progress, so announcements never overlap. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly closers = new Set<() => void>();
  private listening: Promise<() => Promise<void>> | undefined;
  private closed = false;

  constructor(private readonly db: Db) {
    this.emitter.setMaxListeners(0);
  }

  /**
   * Listens to an operation's appends after `fromSeq` (its head when the stream opened);
   * resolves, once notifications are heard, with the unsubscribe function.
   */
  async subscribe(operationId: string, fromSeq: number, listener: FeedListener): Promise<() => void> {
    await this.listen();
    if (!this.heads.has(operationId)) this.heads.set(operationId, { seq: fromSeq });
    this.emitter.on(operationId, listener);
    // An append that committed between reading the head and listening is announced now.
    void this.changed(operationId);
    return () => {
      this.emitter.off(operationId, listener);
      if (this.emitter.listenerCount(operationId) === 0) this.heads.delete(operationId);
    };
  }

  private listen(): Promise<unknown> {
    if (this.closed) return Promise.resolve();
    this.listening ??= this.db
      .listen(
        LEDGER_CHANNEL,
        (operationId) => void this.changed(operationId),
        () => this.resumed(),
      )
      .catch((error: unknown) => {
        this.listening = undefined; // the next stream tries again
        throw error;
      });
    return this.listening;
  }

  /** Listening resumed after a gap: any watched operation may have grown meanwhile. */
  private resumed(): void {
    for (const operationId of this.heads.keys()) void this.changed(operationId);
  }

  /** Something may have been appended to this operation: announce what is new. */
  changed(operationId: string): Promise<void> {
    if (!this.heads.has(operationId)) return Promise.resolve();
    const previous = this.running.get(operationId) ?? Promise.resolve();
    const next = previous.then(() => this.catchUp(operationId)).catch(() => undefined);
    this.running.set(operationId, next);
    void next.then(() => {
      if (this.running.get(operationId) === next) this.running.delete(operationId);
    });
    return next;
  }

  private async catchUp(operationId: string): Promise<void> {
    for (;;) {
      const head = this.heads.get(operationId);
      if (!head) return;
      const fresh = await eventsAfter(this.db, operationId, head.seq, PAGE);
      if (fresh.length === 0) return;
      // The listeners may all have left while we read.
      if (this.heads.get(operationId) !== head) return;
      head.seq = fresh.at(-1)!.seq;
      for (const event of fresh) this.emitter.emit(operationId, event);
      if (fresh.length < PAGE) return;
    }
  }

  /** Registers how to end one open stream when the server closes. */
  onClose(close: () => void): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  /** Ends every open stream and stops listening (the server is closing). */
  async close(): Promise<void> {
    this.closed = true;
    for (const close of [...this.closers]) close();
    this.closers.clear();
    this.emitter.removeAllListeners();
    this.heads.clear();
    const stop = await this.listening?.catch(() => undefined);
    this.listening = undefined;
    await stop?.();
  }
}
