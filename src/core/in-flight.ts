// How many requests with a body each caller is still sending. A body that trickles in (one byte
// every few seconds) holds its connection until the request timeout; without a cap, one caller
// (a stolen device credential, a broken script, one address hammering the sign-in) could hold
// thousands of connections and exhaust the server's file descriptors. A caller at its cap is
// refused at once, before its body is read. No I/O: the shell says when a request starts and
// when its connection let go.

export class InFlight {
  private readonly counts = new Map<string, number>();

  constructor(readonly limit: number) {}

  /** Admits one more request of `caller`, unless it already has `limit` in flight. */
  enter(caller: string): boolean {
    const now = this.counts.get(caller) ?? 0;
    if (now >= this.limit) return false;
    this.counts.set(caller, now + 1);
    return true;
  }

  /** One admitted request of `caller` ended: answered, refused later, or its connection dropped. */
  leave(caller: string): void {
    const now = this.counts.get(caller);
    if (now === undefined) return;
    if (now <= 1) this.counts.delete(caller);
    else this.counts.set(caller, now - 1);
  }

  /** Requests of `caller` in flight. */
  of(caller: string): number {
    return this.counts.get(caller) ?? 0;
  }

  /** Callers with a request in flight (a caller with none is forgotten). */
  get callers(): number {
    return this.counts.size;
  }
}
