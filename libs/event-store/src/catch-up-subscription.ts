import { EventStore, SubscribeOptions, Subscription } from './event-store.port';

const IDLE_WAIT_MS = 1000;

/**
 * Catch-up then live, for any adapter: read batches after the last position seen; when a read
 * comes back empty, wait for the adapter's append signal (or the idle timeout) and read again.
 * Because readAll never passes over an event still being committed, no gap can open.
 */
export function startCatchUpSubscription(store: EventStore, options: SubscribeOptions): Subscription {
  const batchSize = options.batchSize ?? 500;
  let position = options.fromPosition;
  let stopped = false;
  const abort = new AbortController();

  const loop = (async () => {
    while (!stopped) {
      try {
        const events = await store.readAll({ fromPosition: position, limit: batchSize });
        if (stopped) break;
        if (events.length === 0) {
          options.onCaughtUp?.(position);
          await store.waitForAppend(position, IDLE_WAIT_MS, abort.signal);
          continue;
        }
        await options.onEvents(events);
        position = events[events.length - 1].position;
      } catch (error) {
        if (stopped) break;
        options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, IDLE_WAIT_MS));
      }
    }
  })();

  return {
    get position() {
      return position;
    },
    async stop() {
      stopped = true;
      abort.abort();
      await loop;
    },
  };
}
