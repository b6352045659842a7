import { Pool } from 'pg';
import { inTransaction, SqlTransaction } from '@windscreen/database';
import { NewEvent, PostgresEventStore, RecordedEvent } from '@windscreen/event-store';
import { createTestDatabase, eventually, TestDatabase } from '@windscreen/testing';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjection } from './rebuild';
import { WrittenKeys } from './written-keys';

/** Writes one row per event it sees (no unique key, so a doubled effect shows as a second row). */
class EffectsProjection implements Projection {
  readonly name = 'test_effects';
  readonly tables = ['test_effects'];
  failAfter: number | undefined;

  async apply(events: RecordedEvent[], sql: SqlTransaction): Promise<void> {
    let applied = 0;
    for (const event of events) {
      await sql.query('insert into test_effects (position, stream_id) values ($1, $2)', [
        event.position.toString(),
        event.streamId,
      ]);
      if (this.failAfter !== undefined && ++applied >= this.failAfter)
        throw new Error('crash in the middle of a batch');
    }
  }
}

const tick = (): NewEvent => ({
  type: 'Tick',
  schemaVersion: 1,
  data: {},
  metadata: {
    actor: { id: 't', name: 'T', role: 'case_worker', agency: 'a', team: 't' },
    occurredAt: new Date().toISOString(),
    correlationId: 'c',
    causationId: 'c',
  },
});

/** The real store, counting how often the projections read the log. */
class CountingStore extends PostgresEventStore {
  logReads = 0;
  override async readAll(options: Parameters<PostgresEventStore['readAll']>[0]): Promise<RecordedEvent[]> {
    this.logReads++;
    return super.readAll(options);
  }
}

/** A fresh database with the store and a pool on it. */
interface Fixture {
  database: TestDatabase;
  pool: Pool;
  store: CountingStore;
}

async function openFixture(): Promise<Fixture> {
  const database = await createTestDatabase();
  const pool = new Pool({ connectionString: database.url });
  const store = new CountingStore(pool, database.url);
  return { database, pool, store };
}

async function closeFixture(fixture: Fixture): Promise<void> {
  await fixture.store.close();
  await fixture.pool.end();
  await fixture.database.drop();
}

describe('Projection runner: exactly-once effects', () => {
  let fixture: Fixture;
  let pool: Pool;
  let store: PostgresEventStore;
  /** The rows a statement returns. */
  const rowsOf = async (text: string, values?: unknown[]) => (await pool.query(text, values)).rows;

  beforeAll(async () => {
    fixture = await openFixture();
    ({ pool, store } = fixture);
    await rowsOf('create table test_effects (position bigint not null, stream_id text not null)');
    let last = 0n;
    for (let stream = 0; stream < 30; stream++) {
      last = (await store.append(`s-${stream}`, Array.from({ length: 40 }, tick), { expectedRevision: 'no_stream' }))
        .position;
    }
    // Readers see an append once no older transaction runs anywhere on the (shared) server.
    await eventually(async () => (await store.headPosition()) >= last);
  });
  afterAll(async () => {
    await closeFixture(fixture);
  });

  const effects = async () => {
    const [row] = await rowsOf(
      'select count(*)::int as total, count(distinct position)::int as distinct_positions from test_effects',
    );
    return row as { total: number; distinct_positions: number };
  };
  const checkpoint = async () =>
    BigInt((await rowsOf(`select position from projection_checkpoints where name = 'test_effects'`))[0].position);

  it('Given a batch that fails halfway, When it is retried, Then nothing of the failed batch remains and every event takes effect once', async () => {
    const projection = new EffectsProjection();
    const runner = new ProjectionRunner(pool, store, [projection], undefined, 100);
    await runner.ensureCheckpoints();
    await runner.runBatch(projection);
    expect(await effects()).toEqual({ total: 100, distinct_positions: 100 });
    const before = await checkpoint();

    projection.failAfter = 50;
    await expect(runner.runBatch(projection)).rejects.toThrow('crash in the middle of a batch');
    expect(await effects()).toEqual({ total: 100, distinct_positions: 100 });
    expect(await checkpoint()).toBe(before);

    projection.failAfter = undefined;
    await runner.catchUp(projection);
    expect(await effects()).toEqual({ total: 1200, distinct_positions: 1200 });
    expect(await checkpoint()).toBe(await store.headPosition());
  });

  it('Given two runners on the same projection, When both catch up at once, Then each event still takes effect once', async () => {
    const projection = new EffectsProjection();
    await rebuildProjection(pool, store, projection); // start again from 0
    await rowsOf('delete from test_effects');
    await rowsOf(`update projection_checkpoints set position = 0 where name = 'test_effects'`);
    const first = new ProjectionRunner(pool, store, [projection], undefined, 37);
    const second = new ProjectionRunner(pool, store, [projection], undefined, 53);
    await Promise.all([first.catchUp(projection), second.catchUp(projection)]);
    expect(await effects()).toEqual({ total: 1200, distinct_positions: 1200 });
  });

  it('Given events read from the checkpoint, When another runner applied some of them meanwhile, Then only the rest take effect', async () => {
    const projection = new EffectsProjection();
    await rebuildProjection(pool, store, projection);
    await rowsOf('truncate test_effects');
    await rowsOf(`update projection_checkpoints set position = 0 where name = 'test_effects'`);
    const events = await store.readAll({ fromPosition: 0n, limit: 200 });
    await new ProjectionRunner(pool, store, [projection], undefined, 150).runBatch(projection);

    const written = WrittenKeys.sinceEmptied();
    const result = await new ProjectionRunner(pool, store, [projection]).applyRead(projection, 0n, events, written);
    expect(result).toEqual({ events: 50, position: events[199].position });
    expect(await effects()).toEqual({ total: 200, distinct_positions: 200 });
    expect(await checkpoint()).toBe(events[199].position);
    // The other runner's rows are not among the keys the rebuild wrote: from now on, any key may be stored.
    expect(written.mayBeStored('stream', ['s'])).toEqual(['s']);
    await rebuildProjection(pool, store, projection); // leave it whole for the next tests
  });

  it('Given events read from a position, When the projection was reset to before it meanwhile, Then applying them is refused and nothing is written', async () => {
    const projection = new EffectsProjection();
    const runner = new ProjectionRunner(pool, store, [projection]);
    const events = await store.readAll({ fromPosition: 0n, limit: 200 });
    const readFrom = events[99].position;
    await rowsOf(`update projection_checkpoints set position = $1 where name = 'test_effects'`, [
      events[49].position.toString(),
    ]);
    const before = await effects();
    await expect(runner.applyRead(projection, readFrom, events.slice(100))).rejects.toThrow(/it was reset meanwhile/);
    expect(await effects()).toEqual(before);
    expect(await checkpoint()).toBe(events[49].position);
    await rebuildProjection(pool, store, projection); // leave it whole for the next test
  });

  it('Given a runner in the middle of a batch, When another process starts and ensures its checkpoints, Then it does not wait for that batch', async () => {
    const projection = new EffectsProjection();
    const running = new ProjectionRunner(pool, store, [projection], undefined, 10);
    await running.ensureCheckpoints();
    let batchOpen!: () => void;
    let finishBatch!: () => void;
    const opened = new Promise<void>((resolve) => (batchOpen = resolve));
    const finished = new Promise<void>((resolve) => (finishBatch = resolve));
    // A batch that has moved its checkpoint and not yet committed: it holds the checkpoint's row.
    const batch = inTransaction(pool, async (sql) => {
      await sql.query(`update projection_checkpoints set updated_at = now() where name = $1`, [projection.name]);
      batchOpen();
      await finished;
    });
    await opened;

    const starting = new ProjectionRunner(pool, store, [projection]);
    const outcome = await Promise.race([
      starting.ensureCheckpoints().then(() => 'ready'),
      new Promise((resolve) => setTimeout(() => resolve('waited for the open batch'), 5_000)),
    ]);

    finishBatch();
    await batch;
    expect(outcome).toBe('ready');
  });

  it('Given a projection with rows, When rebuilt, Then its rows are replaced by a replay equal to them', async () => {
    const projection = new EffectsProjection();
    const before = await rowsOf('select position, stream_id from test_effects order by position');
    const report = await rebuildProjection(pool, store, projection);
    const after = await rowsOf('select position, stream_id from test_effects order by position');
    expect(report.events).toBe(1200);
    expect(after).toEqual(before);
  });
});

/** Remembers what it was given, per projection. */
class SeenProjection implements Projection {
  readonly tables = [];
  readonly seen: bigint[] = [];
  constructor(readonly name: string) {}
  async apply(events: RecordedEvent[]): Promise<void> {
    this.seen.push(...events.map((event) => event.position));
  }
}

describe('Projection runner: projections share what they read of the log', () => {
  let fixture: Fixture;
  let pool: Pool;
  let store: CountingStore;

  beforeEach(async () => {
    fixture = await openFixture();
    ({ pool, store } = fixture);
  });
  afterEach(async () => {
    await closeFixture(fixture);
  });
  /** Appends, then waits until readers may see it (a transaction elsewhere on the server can hold them back a moment). */
  const appendVisible = async (stream: string, count: number) => {
    const { position } = await store.append(stream, Array.from({ length: count }, tick), {
      expectedRevision: 'no_stream',
    });
    await eventually(async () => (await store.headPosition()) >= position);
    return position;
  };

  it('Given three projections at the same checkpoint, When each runs a batch, Then the log is read once and each sees every event', async () => {
    const projections = ['a', 'b', 'c'].map((name) => new SeenProjection(`shared_${name}`));
    const runner = new ProjectionRunner(pool, store, projections);
    await runner.ensureCheckpoints();
    const position = await appendVisible('s-1', 10);

    await Promise.all(projections.map((projection) => runner.runBatch(projection)));
    expect(store.logReads).toBe(1);
    for (const projection of projections) {
      expect(projection.seen).toHaveLength(10);
      expect(projection.seen[9]).toBe(position);
    }
  });

  it('Given events appended after one projection read, When another runs, Then it gets what was read, and the rest on its next batch, each event once', async () => {
    const [first, second] = ['first', 'second'].map((name) => new SeenProjection(`shared_${name}`));
    const runner = new ProjectionRunner(pool, store, [first, second], undefined, 8);
    await runner.ensureCheckpoints();
    await appendVisible('s-1', 6);
    await runner.runBatch(first);
    await appendVisible('s-2', 5);

    await runner.catchUp(second);
    await runner.catchUp(first);
    const everything = (await store.readAll({ fromPosition: 0n, limit: 100 })).map((event) => event.position);
    expect(everything).toHaveLength(11);
    expect(second.seen).toEqual(everything);
    expect(first.seen).toEqual(everything);
  });
});
