import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, eventually, TestDatabase } from '@windscreen/testing';
import { ConcurrencyError, DuplicateEventError } from '../event-store.errors';
import { NewEvent } from '../event-store.port';
import { verifyStream } from '../hash-chain';
import { PostgresEventStore } from './postgres-event-store';

const event = (type: string, data: Record<string, unknown> = {}, id?: string): NewEvent => ({
  id,
  type,
  schemaVersion: 1,
  data,
  metadata: {
    actor: { id: 'writer', name: 'Writer', role: 'case_worker', agency: 'Test', team: 'test' },
    occurredAt: new Date().toISOString(),
    correlationId: 'c',
    causationId: 'c',
  },
});

describe('PostgreSQL event store', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 30 });
    // An idle connection the server ends is reported on the pool; the query that needs one notices.
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, database.url);
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  describe('R22: the record is never changed or deleted', () => {
    beforeAll(async () => {
      await store.append('immutable-1', [event('Recorded', { value: 'original' })], { expectedRevision: 'no_stream' });
    });

    it.each([
      ['UPDATE', `update events set data = '{"value":"changed"}' where stream_id = 'immutable-1'`],
      ['DELETE', `delete from events where stream_id = 'immutable-1'`],
      ['TRUNCATE', `truncate events`],
    ])(
      'Given a recorded event, When %s is attempted even by the owner, Then the database refuses it',
      async (_, sql) => {
        await expect(pool.query(sql)).rejects.toThrow(/events are immutable \(R22\)/);
        const [stored] = await store.readStream('immutable-1');
        expect(stored.data).toEqual({ value: 'original' });
      },
    );
  });

  it('R22: Given a superuser who disables the immutability trigger and alters an event, When the chain is verified, Then it points at that event', async () => {
    await store.append('tampered-1', [event('First', { n: 1 }), event('Second', { n: 2 }), event('Third', { n: 3 })], {
      expectedRevision: 'no_stream',
    });
    expect(verifyStream(await store.readStream('tampered-1'))).toBeNull();
    const client = await pool.connect();
    try {
      await client.query('alter table events disable trigger events_immutable_rows');
      await client.query(`update events set data = '{"n": 20}' where stream_id = 'tampered-1' and stream_revision = 1`);
      await client.query('alter table events enable trigger events_immutable_rows');
    } finally {
      client.release();
    }
    const broken = verifyStream(await store.readStream('tampered-1'));
    expect(broken).toMatchObject({ streamId: 'tampered-1', revision: '1', problem: 'content_changed' });
  });

  it('Given an event id already recorded, When it is appended again, Then DuplicateEventError and nothing is added', async () => {
    const id = randomUUID();
    await store.append('duplicate-1', [event('Once', {}, id)], { expectedRevision: 'no_stream' });
    await expect(
      store.append('duplicate-2', [event('Twice', {}, id)], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(DuplicateEventError);
    expect(await store.readStream('duplicate-2')).toEqual([]);
  });

  it('Given 8 writers appending to distinct streams for 3 seconds, When a subscriber reads all along, Then it sees every event exactly once, in position order', async () => {
    const seen: bigint[] = [];
    const subscription = store.subscribeToAll({
      fromPosition: await store.headPosition(),
      batchSize: 50,
      onEvents: async (events) => {
        for (const e of events) if (e.streamId.startsWith('never-skip-')) seen.push(e.position);
      },
    });
    let appends = 0;
    const until = Date.now() + 3000;
    // Four stores, as four processes: each groups its own writers' appends into its transactions.
    const writers = Array.from({ length: 4 }, () => new PostgresEventStore(pool, database.url));
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        let revision: bigint | 'no_stream' = 'no_stream';
        const name = `never-skip-${writer}`;
        while (Date.now() < until) {
          // Mixed batch sizes make transactions of different lengths commit out of position order.
          const batch = Array.from({ length: 1 + (appends++ % 3) }, (_, i) => event('Tick', { writer, i }));
          const result = await writers[writer % writers.length].append(name, batch, { expectedRevision: revision });
          revision = result.nextExpectedRevision;
        }
      }),
    );
    await Promise.all(writers.map((writer) => writer.close()));
    const total = (await pool.query(`select count(*)::int as n from events where stream_id like 'never-skip-%'`))
      .rows[0].n;
    // Up to the suite's usual 30 s: while another test's transaction is open on the shared server,
    // no reader may pass rows of later transactions, and this subscriber waits for it.
    await eventually(async () => seen.length >= total).catch(() => undefined);
    await subscription.stop();

    expect(total).toBeGreaterThan(100);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const sorted = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(seen).toEqual(sorted);
  });

  describe('group commit: appends that arrive together are written in one transaction', () => {
    const transactionsOf = async (prefix: string) =>
      (
        await pool.query(`select count(distinct transaction_id)::int as n from events where stream_id like $1`, [
          `${prefix}%`,
        ])
      ).rows[0].n as number;

    it('Given 20 appends to different streams sent at once, When they are written, Then they share transactions, each is answered with its own stream, and every chain holds', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          store.append(`together-${n}`, [event('First', { n }), event('Second', { n })], {
            expectedRevision: 'no_stream',
          }),
        ),
      );

      expect(await transactionsOf('together-')).toBeLessThan(20);
      for (let n = 0; n < 20; n++) {
        const stream = await store.readStream(`together-${n}`);
        expect(stream.map((e) => [e.type, e.data])).toEqual([
          ['First', { n }],
          ['Second', { n }],
        ]);
        expect(results[n]).toEqual({ nextExpectedRevision: 1n, position: stream[1].position });
        expect(verifyStream(stream)).toBeNull();
      }
    });

    it('Given appends sent at once where one expects a revision its stream is not at, Then that one alone is refused with its current revision, and the others are written', async () => {
      await store.append('together-stale', [event('Opened')], { expectedRevision: 'no_stream' });
      const sent = Array.from({ length: 10 }, (_, n) =>
        n === 5
          ? store.append('together-stale', [event('Late')], { expectedRevision: 3n })
          : store.append(`together-fresh-${n}`, [event('Opened', { n })], { expectedRevision: 'no_stream' }),
      );
      const settled = await Promise.allSettled(sent);

      const refused = settled[5];
      expect(refused.status).toBe('rejected');
      expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ actual: 0n });
      expect((await store.readStream('together-stale')).map((e) => e.type)).toEqual(['Opened']);
      expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(9);
      expect(await transactionsOf('together-fresh-')).toBeLessThan(9);
    });

    it('Given two-stream appends sent at once with single ones, where one pair has a stream not as expected, Then that pair alone writes nothing, and the others are written whole', async () => {
      await store.append('together-pair-taken', [event('Opened')], { expectedRevision: 'no_stream' });
      const pair = (n: number, second: string) =>
        store.appendToStreams([
          { stream: `together-pair-family-${n}`, events: [event('Registered', { n })], expectedRevision: 'no_stream' },
          { stream: second, events: [event('Opened', { n })], expectedRevision: 'no_stream' },
        ]);
      const settled = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) =>
          n === 4
            ? pair(n, 'together-pair-taken')
            : n % 2 === 0
              ? pair(n, `together-pair-case-${n}`)
              : store.append(`together-pair-single-${n}`, [event('Opened', { n })], { expectedRevision: 'no_stream' }),
        ),
      );

      expect((settled[4] as PromiseRejectedResult).reason).toMatchObject({
        streamId: 'together-pair-taken',
        actual: 0n,
      });
      expect(await store.readStream('together-pair-family-4')).toEqual([]);
      expect((await store.readStream('together-pair-taken')).map((e) => e.type)).toEqual(['Opened']);
      for (const n of [0, 2, 6, 8]) {
        const [family, opened] = (settled[n] as PromiseFulfilledResult<{ position: bigint }[]>).value;
        expect((await store.readStream(`together-pair-family-${n}`)).map((e) => [e.data, e.position])).toEqual([
          [{ n }, family.position],
        ]);
        expect((await store.readStream(`together-pair-case-${n}`)).map((e) => [e.data, e.position])).toEqual([
          [{ n }, opened.position],
        ]);
      }
      for (const n of [1, 3, 5, 7, 9])
        expect((await store.readStream(`together-pair-single-${n}`)).map((e) => e.data)).toEqual([{ n }]);
      expect(await transactionsOf('together-pair-')).toBeLessThan(9);
    });

    it('Given appends sent at once where one repeats a recorded event id, Then that one alone gets DuplicateEventError, and the others are written', async () => {
      const id = randomUUID();
      await store.append('together-first-use', [event('Once', {}, id)], { expectedRevision: 'no_stream' });
      const settled = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) =>
          store.append(`together-reuse-${n}`, [event('Again', { n }, n === 6 ? id : undefined)], {
            expectedRevision: 'no_stream',
          }),
        ),
      );

      expect((settled[6] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventError);
      expect(await store.readStream('together-reuse-6')).toEqual([]);
      for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9]) {
        expect(settled[n].status).toBe('fulfilled');
        expect((await store.readStream(`together-reuse-${n}`)).map((e) => e.data)).toEqual([{ n }]);
      }
    });

    it('Given 10 appends to one stream sent at once, Then each waits for the one before and they are recorded in the order sent', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          store.append('together-one-stream', [event('Tick', { n })], { expectedRevision: 'any' }),
        ),
      );

      const stream = await store.readStream('together-one-stream');
      expect(stream.map((e) => e.data)).toEqual(Array.from({ length: 10 }, (_, n) => ({ n })));
      expect(results.map((result) => result.nextExpectedRevision)).toEqual(
        Array.from({ length: 10 }, (_, n) => BigInt(n)),
      );
      expect(verifyStream(stream)).toBeNull();
    });
  });
});
