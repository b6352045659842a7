import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { contentHashOfNew, NewEvent, PostgresEventStore, verifyStream } from '@windscreen/event-store';
import { eventually, TEST_SERVER_URL_VARIABLE } from '@windscreen/testing';
import { ensureDatabase } from '../database-runtime';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { PositionsFromTransactionIds1767000000015 } from './1767000000015-positions-from-transaction-ids';

/**
 * A log written before positions came from transaction ids keeps its positions; every event
 * appended after the change is placed above them, so a reader at any old checkpoint still sees
 * each later event once, in order, and the hash chains run on across the change.
 */
describe('Migration: positions from transaction ids', () => {
  const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(PositionsFromTransactionIds1767000000015));
  const databases: string[] = [];

  async function databaseBeforeTheChange(): Promise<string> {
    const name = `windscreen_test_${randomBytes(6).toString('hex')}`;
    databases.push(name);
    const url = await ensureDatabase(process.env[TEST_SERVER_URL_VARIABLE]!, name);
    const dataSource = new DataSource({ type: 'postgres', url, migrations: before });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    return url;
  }

  afterAll(async () => {
    const admin = new Client({ connectionString: process.env[TEST_SERVER_URL_VARIABLE] });
    await admin.connect();
    for (const name of databases) await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  const event = (n: number): NewEvent => ({
    type: 'Recorded',
    schemaVersion: 1,
    data: { n },
    metadata: {
      actor: { id: 'writer', name: 'Writer', role: 'case_worker', agency: 'Test', team: 'test' },
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
    },
  });

  /** An append as the function before the change made it. */
  async function appendTheOldWay(
    client: Client,
    stream: string,
    events: NewEvent[],
    expected: 'no_stream' | 'exact',
    revision: bigint | null,
  ) {
    const recordedAt = new Date().toISOString();
    const document = events.map((one) => ({
      id: randomUUID(),
      ...one,
      metadata: { ...one.metadata, recordedAt },
      contentHash: contentHashOfNew(one, recordedAt),
    }));
    const { rows } = await client.query('select appended from append_events($1, $2, $3, $4::jsonb, $5)', [
      stream,
      expected,
      revision?.toString() ?? null,
      JSON.stringify(document),
      recordedAt,
    ]);
    expect(rows[0].appended).toBe(true);
  }

  it('Given events numbered by the old sequence, When the migration runs and more are appended, Then every new position is above every old one and a reader sees each event once, in order', async () => {
    const url = await databaseBeforeTheChange();
    const client = new Client({ connectionString: url });
    await client.connect();
    await appendTheOldWay(client, 'case-a', [event(1), event(2)], 'no_stream', null);
    await appendTheOldWay(client, 'case-b', [event(3)], 'no_stream', null);
    const oldPositions = (await client.query('select position from events order by position')).rows.map((row) =>
      BigInt(row.position),
    );
    expect(oldPositions).toEqual([1n, 2n, 3n]);

    await migrate(url);
    const pool = new Pool({ connectionString: url });
    const store = new PostgresEventStore(pool, url);
    try {
      const first = await store.append('case-a', [event(4), event(5)], { expectedRevision: 1n });
      const second = await store.append('case-c', [event(6)], { expectedRevision: 'no_stream' });
      expect(first.position).toBeGreaterThan(3n);
      expect(second.position).toBeGreaterThan(first.position);
      // Readers pass a transaction once every older one on the server has finished.
      await eventually(async () => (await store.headPosition()) >= second.position);

      const all = await store.readAll({ fromPosition: 0n, limit: 100 });
      expect(all.map((one) => (one.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6]);
      const positions = all.map((one) => one.position);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      expect(new Set(positions).size).toBe(6);
      // A reader whose checkpoint is an old position misses nothing.
      expect(
        (await store.readAll({ fromPosition: 3n, limit: 100 })).map((one) => (one.data as { n: number }).n),
      ).toEqual([4, 5, 6]);
      expect(await store.countEventsAfter(3n)).toBe(3);
      // R22: the chain of case-a runs on from the old events into the new ones.
      expect(verifyStream(await store.readStream('case-a'))).toBeNull();
    } finally {
      await store.close();
      await pool.end();
      await client.end();
    }
  });

  it('Given an event already above the first position a transaction id would give, When the migration runs, Then it refuses and says why', async () => {
    const url = await databaseBeforeTheChange();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `insert into events (position, transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at, content_hash, hash)
         values (1::bigint << 60, pg_current_xact_id(), 'far', 0, gen_random_uuid(), 'Recorded', 1, '{}', '{}', now(), 'h', 'h')`,
      );
      await expect(migrate(url)).rejects.toThrow(/above the first position taken from a transaction id/);
      // Nothing of the refused migration stayed: the old way still appends.
      await appendTheOldWay(client, 'case-d', [event(7)], 'no_stream', null);
    } finally {
      await client.end();
    }
  });

  it('Given the migration applied and events appended, When it is reverted, Then the old way numbers new events above every position taken', async () => {
    const url = await databaseBeforeTheChange();
    await migrate(url);
    const pool = new Pool({ connectionString: url });
    const store = new PostgresEventStore(pool, url);
    const appended = await store.append('case-e', [event(8)], { expectedRevision: 'no_stream' });
    await store.close();
    await pool.end();

    const dataSource = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS });
    await dataSource.initialize();
    // Back to before the change: it and every later migration are undone, newest first.
    for (let undone = MIGRATIONS.length; undone > before.length; undone--)
      await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.destroy();

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await appendTheOldWay(client, 'case-e', [event(9)], 'exact', 0n);
      const { rows } = await client.query(
        `select position from events where stream_id = 'case-e' order by stream_revision`,
      );
      expect(BigInt(rows[0].position)).toBe(appended.position);
      expect(BigInt(rows[1].position)).toBeGreaterThan(appended.position);
    } finally {
      await client.end();
    }
  });
});
