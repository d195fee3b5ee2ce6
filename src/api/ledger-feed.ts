// The live feed: tells the open event streams of an operation about every event
// committed to its ledger. The HTTP shell calls `changed(op)` after any successful write
// under /api/operations/:op (one place, so no appending route can forget it); the feed
// then reads the events past the last sequence number it announced and hands each to
// the operation's listeners, in order. Nothing is read while nobody listens.
import { EventEmitter } from "node:events";
import type { Db } from "../store/db.ts";
import type { Operation } from "../store/catalogue.sql.ts";
import { eventsAfter, type AppendedEvent } from "../store/feed.sql.ts";

export type FeedListener = (event: AppendedEvent) => void;

const PAGE = 5_000;

export class LedgerFeed {
  private readonly emitter = new EventEmitter();
  /** Per operation code: its id and the last sequence number announced. */
  private readonly heads = new Map<string, { id: string; seq: number }>();
  /** Per operation code: the catch-up in progress, so announcements never overlap. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly closers = new Set<() => void>();

  constructor(private readonly db: Db) {
    this.emitter.setMaxListeners(0);
  }

  /** Listens to an operation's appends from its current head on; returns the unsubscribe function. */
  subscribe(operation: Operation, listener: FeedListener): () => void {
    if (!this.heads.has(operation.code)) this.heads.set(operation.code, { id: operation.id, seq: operation.lastSeq });
    this.emitter.on(operation.code, listener);
    return () => {
      this.emitter.off(operation.code, listener);
      if (this.emitter.listenerCount(operation.code) === 0) this.heads.delete(operation.code);
    };
  }

  listeners(operationCode: string): number {
    return this.emitter.listenerCount(operationCode);
  }

  /** Something may have been appended to this operation: announce what is new. */
  changed(operationCode: string): Promise<void> {
    if (!this.heads.has(operationCode)) return Promise.resolve();
    const previous = this.running.get(operationCode) ?? Promise.resolve();
    const next = previous.then(() => this.catchUp(operationCode)).catch(() => undefined);
    this.running.set(operationCode, next);
    void next.then(() => {
      if (this.running.get(operationCode) === next) this.running.delete(operationCode);
    });
    return next;
  }

  private async catchUp(operationCode: string): Promise<void> {
    for (;;) {
      const head = this.heads.get(operationCode);
      if (!head) return;
      const fresh = await eventsAfter(this.db, head.id, head.seq, PAGE);
      if (fresh.length === 0) return;
      // The listeners may all have left while we read.
      if (this.heads.get(operationCode) !== head) return;
      head.seq = fresh.at(-1)!.seq;
      for (const event of fresh) this.emitter.emit(operationCode, event);
      if (fresh.length < PAGE) return;
    }
  }

  /** Registers how to end one open stream when the server closes. */
  onClose(close: () => void): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  /** Ends every open stream (the server is closing). */
  close(): void {
    for (const close of [...this.closers]) close();
    this.closers.clear();
    this.emitter.removeAllListeners();
    this.heads.clear();
  }
}
