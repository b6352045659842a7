/**
 * Wakes waiters when the store says an event was appended. Shared by the adapters:
 * PostgreSQL feeds it from LISTEN/NOTIFY, EventStoreDB from a live subscription.
 * A missed signal only costs the waiter its timeout: readers always re-read.
 */
const VISIBILITY_RETRY_MS = 5;

export class AppendSignal {
  private latest = 0n;
  private waiters = new Set<() => void>();

  notify(position?: bigint): void {
    if (position !== undefined && position > this.latest) this.latest = position;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  wait(afterPosition: bigint, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    // Something later was appended but the reader did not see it yet: it becomes readable as
    // soon as the transactions older than it finish, so look again shortly.
    if (this.latest > afterPosition) timeoutMs = Math.min(timeoutMs, VISIBILITY_RETRY_MS);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
