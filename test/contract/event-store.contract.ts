import { randomUUID } from 'node:crypto';
import { ConcurrencyError, EventStore, NewEvent, RecordedEvent, verifyStream } from '@windscreen/event-store';
import { eventually } from '@windscreen/testing';

/**
 * The behaviour every EventStore adapter must have. Each adapter's spec calls this with a
 * factory for a store over empty (or at least isolated) storage.
 */
export function describeEventStoreContract(
  adapterName: string,
  lifecycle: { open(): Promise<EventStore>; close(store: EventStore): Promise<void> },
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await lifecycle.open();
    });
    afterAll(async () => {
      await lifecycle.close(store);
    });

    const stream = () => `contract-${randomUUID()}`;
    const event = (type = 'SomethingHappened', data: Record<string, unknown> = {}): NewEvent => ({
      type,
      schemaVersion: 1,
      data,
      metadata: {
        actor: { id: 'alice', name: 'Alice Smith', role: 'case_worker', agency: 'Early Help', team: 'north' },
        occurredAt: '2026-03-02T09:15:00.000Z',
        correlationId: 'correlation-1',
        causationId: 'causation-1',
      },
    });

    async function expectConcurrencyError(promise: Promise<unknown>, actual: bigint | null): Promise<void> {
      const error = await promise.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect((error as ConcurrencyError).actual).toBe(actual);
    }

    it('Given no stream, When events are appended expecting no stream, Then they get revisions 0.. and read back whole', async () => {
      const name = stream();
      const result = await store.append(name, [event('A', { n: 1 }), event('B', { n: 2 })], {
        expectedRevision: 'no_stream',
      });
      expect(result.nextExpectedRevision).toBe(1n);
      const events = await store.readStream(name);
      expect(events.map((e) => [e.type, e.revision, e.data])).toEqual([
        ['A', 0n, { n: 1 }],
        ['B', 1n, { n: 2 }],
      ]);
      expect(events[1].position).toBe(result.position);
      expect(events[0].position).toBeLessThan(events[1].position);
      expect(events[0]).toMatchObject({
        streamId: name,
        schemaVersion: 1,
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(events[0].metadata).toMatchObject({
        actor: { id: 'alice', name: 'Alice Smith', role: 'case_worker', agency: 'Early Help', team: 'north' },
        occurredAt: '2026-03-02T09:15:00.000Z',
        correlationId: 'correlation-1',
        causationId: 'causation-1',
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
    });

    it('R22: Given appends of one and several events, When the stream is read, Then every event is hash-chained to the one before', async () => {
      const name = stream();
      await store.append(name, [event('A', { n: 1 })], { expectedRevision: 'no_stream' });
      await store.append(name, [event('B', { n: 2 }), event('C', { text: 'ünïcödé ✓' })], { expectedRevision: 0n });
      await store.append(name, [event('D')], { expectedRevision: 'any' });
      const events = await store.readStream(name);
      expect(events.map((e) => e.metadata.previousHash ?? null)).toEqual([
        null,
        events[0].metadata.hash,
        events[1].metadata.hash,
        events[2].metadata.hash,
      ]);
      expect(verifyStream(events)).toBeNull();
      // The check is not vacuous: an event read back with different content fails it.
      const altered = events.map((e, i) => (i === 1 ? { ...e, data: { n: 3 } } : e));
      expect(verifyStream(altered)).toMatchObject({ revision: '1', problem: 'content_changed' });
    });

    it('Given a stream, When appending expecting no stream, Then a ConcurrencyError names its revision', async () => {
      const name = stream();
      await store.append(name, [event()], { expectedRevision: 'no_stream' });
      await expectConcurrencyError(store.append(name, [event()], { expectedRevision: 'no_stream' }), 0n);
    });

    it('Given a stream at revision 1, When appending expecting revision 0, Then it is refused and nothing is written', async () => {
      const name = stream();
      await store.append(name, [event(), event()], { expectedRevision: 'no_stream' });
      await expectConcurrencyError(store.append(name, [event('Late')], { expectedRevision: 0n }), 1n);
      expect((await store.readStream(name)).map((e) => e.type)).not.toContain('Late');
      const next = await store.append(name, [event('OnTime')], { expectedRevision: 1n });
      expect(next.nextExpectedRevision).toBe(2n);
    });

    it('Given two new streams, When appended to together, Then both are written, hash-chained, each result naming its own last event', async () => {
      const [first, second] = [stream(), stream()];
      const results = await store.appendToStreams([
        { stream: first, events: [event('Registered', { n: 1 })], expectedRevision: 'no_stream' },
        {
          stream: second,
          events: [event('Opened', { n: 2 }), event('Noted', { n: 3 })],
          expectedRevision: 'no_stream',
        },
      ]);
      const [firstEvents, secondEvents] = [await store.readStream(first), await store.readStream(second)];
      expect(firstEvents.map((e) => [e.type, e.revision, e.data])).toEqual([['Registered', 0n, { n: 1 }]]);
      expect(secondEvents.map((e) => [e.type, e.revision, e.data])).toEqual([
        ['Opened', 0n, { n: 2 }],
        ['Noted', 1n, { n: 3 }],
      ]);
      expect(results).toEqual([
        { nextExpectedRevision: 0n, position: firstEvents[0].position },
        { nextExpectedRevision: 1n, position: secondEvents[1].position },
      ]);
      expect(secondEvents[1].metadata).toMatchObject({
        actor: { id: 'alice', team: 'north' },
        correlationId: 'correlation-1',
      });
      expect(verifyStream(firstEvents)).toBeNull();
      expect(verifyStream(secondEvents)).toBeNull();
    });

    it('Given one of two streams not as expected, When appended to together, Then a ConcurrencyError names it and neither is written', async () => {
      const [fresh, existing] = [stream(), stream()];
      await store.append(existing, [event()], { expectedRevision: 'no_stream' });
      const error = await store
        .appendToStreams([
          { stream: fresh, events: [event('Registered')], expectedRevision: 'no_stream' },
          { stream: existing, events: [event('Late')], expectedRevision: 'no_stream' },
        ])
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: existing, actual: 0n });
      expect(await store.readStream(fresh)).toEqual([]);
      expect((await store.readStream(existing)).map((e) => e.type)).toEqual(['SomethingHappened']);
    });

    it('Given a stream named twice, When appended to together, Then it is refused before anything is written', async () => {
      const name = stream();
      await expect(
        store.appendToStreams([
          { stream: name, events: [event()], expectedRevision: 'no_stream' },
          { stream: name, events: [event()], expectedRevision: 'any' },
        ]),
      ).rejects.toThrow(`names ${name} twice`);
      expect(await store.readStream(name)).toEqual([]);
    });

    it('Given no stream, When appending expecting it to exist, Then it is refused', async () => {
      await expectConcurrencyError(store.append(stream(), [event()], { expectedRevision: 'stream_exists' }), null);
    });

    it('Given no stream, When appending expecting an exact revision, Then it is refused', async () => {
      await expectConcurrencyError(store.append(stream(), [event()], { expectedRevision: 0n }), null);
    });

    it('Given a stream, When appending expecting it to exist or with any, Then both append', async () => {
      const name = stream();
      expect((await store.append(name, [event()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
      expect((await store.append(name, [event()], { expectedRevision: 'stream_exists' })).nextExpectedRevision).toBe(
        1n,
      );
      expect((await store.append(name, [event()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(2n);
    });

    it('Given a stream, When read with revision bounds, Then only those revisions come back; an unknown stream is empty', async () => {
      const name = stream();
      await store.append(name, [event('A'), event('B'), event('C'), event('D')], { expectedRevision: 'no_stream' });
      const middle = await store.readStream(name, { fromRevision: 1n, toRevision: 2n });
      expect(middle.map((e) => e.type)).toEqual(['B', 'C']);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('Given ten writers racing on one revision, When they append, Then exactly one wins and the rest get ConcurrencyError', async () => {
      const name = stream();
      await store.append(name, [event()], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => store.append(name, [event('Race', { i })], { expectedRevision: 0n })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected).toHaveLength(9);
      for (const failure of rejected) expect(failure.reason).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(name)).toHaveLength(2);
    });

    it('Given events in several streams, When read from a position, Then readAll returns later events in position order, up to the limit', async () => {
      const start = await store.headPosition();
      const first = stream();
      const second = stream();
      await store.append(first, [event('One')], { expectedRevision: 'no_stream' });
      await store.append(second, [event('Two'), event('Three')], { expectedRevision: 'no_stream' });
      const last = await store.append(first, [event('Four')], { expectedRevision: 0n });
      // Readers see an append once every transaction older than it has finished (any writer's).
      await eventually(async () => (await store.headPosition()) >= last.position);

      const ours = (events: RecordedEvent[]) => events.filter((e) => e.streamId === first || e.streamId === second);
      const all = ours(await store.readAll({ fromPosition: start, limit: 1000 }));
      expect(all.map((e) => e.type)).toEqual(['One', 'Two', 'Three', 'Four']);
      expect(all[3].position).toBe(last.position);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(last.position);

      const afterTwo = ours(await store.readAll({ fromPosition: all[1].position, limit: 1000 }));
      expect(afterTwo.map((e) => e.type)).toEqual(['Three', 'Four']);
      expect(await store.readAll({ fromPosition: start, limit: 2 })).toHaveLength(2);
    });

    it('Given an append that has returned, When the last committed position is asked at once, Then it is at least the position returned', async () => {
      const recorded = await store.append(stream(), [event('One')], { expectedRevision: 'no_stream' });

      // No waiting: a position a command has just returned is never past the log's end.
      const visible = await store.headPosition();
      const last = await store.lastCommittedPosition();

      expect(last).toBeGreaterThanOrEqual(recorded.position);
      expect(last).toBeGreaterThanOrEqual(visible);
    });

    it('Given an append that has returned, When a whole-log reader waits for what is committed, Then it then sees that append', async () => {
      const recorded = await store.append(stream(), [event('One')], { expectedRevision: 'no_stream' });

      const visible = await store.waitUntilAllCommittedAreVisible(10_000);

      expect(visible).toBe(true);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(recorded.position);
    });

    it('Given events of several types, When read from a position with types, Then only those types come, in order, the limit counting them', async () => {
      const start = await store.headPosition();
      const name = stream();
      await store.append(name, [event('Kept'), event('Skipped'), event('AlsoKept'), event('Skipped'), event('Kept')], {
        expectedRevision: 'no_stream',
      });
      const [, , , , last] = await store.readStream(name);
      await eventually(async () => (await store.headPosition()) >= last.position);

      const ours = (events: RecordedEvent[]) => events.filter((e) => e.streamId === name).map((e) => e.type);
      const filtered = await store.readAll({ fromPosition: start, limit: 1000, types: ['Kept', 'AlsoKept'] });
      const firstTwo = await store.readAll({ fromPosition: start, limit: 2, types: ['Kept', 'AlsoKept'] });

      expect(ours(filtered)).toEqual(['Kept', 'AlsoKept', 'Kept']);
      expect(filtered.every((e) => e.type === 'Kept' || e.type === 'AlsoKept')).toBe(true);
      expect(firstTwo).toHaveLength(2);
      expect(firstTwo.every((e) => e.type === 'Kept' || e.type === 'AlsoKept')).toBe(true);
    });

    it('Given events after a position, When they are counted, Then the count is what a reader at that position has still to read', async () => {
      const name = stream();
      await store.append(name, [event('One'), event('Two')], { expectedRevision: 'no_stream' });
      const last = await store.append(name, [event('Three')], { expectedRevision: 1n });
      await eventually(async () => (await store.headPosition()) >= last.position);
      const [one] = await store.readStream(name);

      // Positions are ordered, not contiguous: how far a reader is behind is counted, not subtracted.
      const toRead = await store.readAll({ fromPosition: one.position, limit: 100_000 });
      expect(toRead.filter((e) => e.streamId === name).map((e) => e.type)).toEqual(['Two', 'Three']);
      expect(await store.countEventsAfter(one.position)).toBe(toRead.length);
      expect(await store.countEventsAfter(await store.headPosition())).toBe(0);
    });

    it('Given a subscription from a position, When events exist and more arrive, Then it sees each once, in order, live', async () => {
      const start = await store.headPosition();
      const name = stream();
      await store.append(name, [event('Before1'), event('Before2')], { expectedRevision: 'no_stream' });
      const seen: string[] = [];
      let live = false;
      const subscription = store.subscribeToAll({
        fromPosition: start,
        onEvents: async (events) => {
          for (const e of events) if (e.streamId === name) seen.push(e.type);
        },
        // Live once it has read past what was there before and found nothing more.
        onCaughtUp: () => {
          live ||= seen.length >= 2;
        },
      });
      try {
        await eventually(async () => live).catch(() => {
          throw new Error(`never went live; saw ${seen.join(',')}`);
        });
        expect(seen).toEqual(['Before1', 'Before2']);
        await store.append(name, [event('After1')], { expectedRevision: 1n });
        await store.append(name, [event('After2')], { expectedRevision: 2n });
        await eventually(async () => seen.length >= 4).catch(() => {
          throw new Error(`saw only ${seen.join(',')}`);
        });
      } finally {
        await subscription.stop();
      }
      expect(seen).toEqual(['Before1', 'Before2', 'After1', 'After2']);
    });
  });
}
