import { KurrentDbEventStore } from '@windscreen/event-store';
import { describeEventStoreContract } from './event-store.contract';

const url = process.env.EVENTSTORE_URL;

if (url) {
  describeEventStoreContract(`EventStoreDB at ${url}`, {
    open: async () => new KurrentDbEventStore(url),
    close: (store) => store.close(),
  });
} else {
  describe('EventStore contract: EventStoreDB / KurrentDB', () => {
    it.skip('skipped: EVENTSTORE_URL is not set (e.g. EVENTSTORE_URL=kurrentdb://localhost:2113?tls=false); no EventStoreDB server is available here', () =>
      undefined);
  });
  // jest shows skipped tests only as a count; say why on the console too.
  process.stdout.write('EventStoreDB contract tests skipped: EVENTSTORE_URL is not set\n');
}
