import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { EventStore, PostgresEventStore, ReadAllOptions, RecordedEvent } from '@windscreen/event-store';
import { Projection, PROJECTIONS, rebuildProjection } from '@windscreen/projections';
import { createTestDatabase, startTestApp, TestApp, TestDatabase } from '@windscreen/testing';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { AppProcess, call, caseWorkerToken, startProjector, waitFor, withApplicationName } from './fault-support';
import { commandsOfOneCase } from './realistic-commands';
import { PG_POOL } from '@windscreen/database';

const PROJECTOR = 'fault-projector';
const WRITERS = 6;
const BACKLOG_EVENTS = 600;
const MID_BATCH_KILLS = 2;
const MAX_KILLS = 6;

/** The event log as it was up to a position: what a read model checkpointed there must equal. */
class EventLogUpTo extends EventStore {
  constructor(
    private readonly log: EventStore,
    private readonly last: bigint,
  ) {
    super();
  }
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    if (options.fromPosition >= this.last) return [];
    return (await this.log.readAll(options)).filter((event) => event.position <= this.last);
  }
  append(): never {
    throw new Error('read only');
  }
  appendToStreams(): never {
    throw new Error('read only');
  }
  readStream(): never {
    throw new Error('not needed by projections');
  }
  subscribeToAll(): never {
    throw new Error('not needed by projections');
  }
  headPosition(): Promise<bigint> {
    return Promise.resolve(this.last);
  }
  waitForAppend(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Every row of every table a projection owns, in a stable order. */
async function readModelOf(
  query: (sql: string) => Promise<{ row: string }[]>,
  projection: Projection,
): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of projection.tables) {
    tables[table] = (await query(`select to_jsonb(t)::text as row from "${table}" t`)).map((r) => r.row).sort();
  }
  return tables;
}

/** Rows one side has and the other lacks, per table (a few of each, to keep a failure readable). */
function differences(
  actual: Record<string, string[]>,
  expected: Record<string, string[]>,
): Record<string, { missing: string[]; unexpected: string[] }> {
  const found: Record<string, { missing: string[]; unexpected: string[] }> = {};
  for (const table of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const have = new Set(actual[table] ?? []);
    const want = new Set(expected[table] ?? []);
    const missing = [...want].filter((row) => !have.has(row));
    const unexpected = [...have].filter((row) => !want.has(row));
    // Same sets but different counts would mean a row written twice.
    if (missing.length || unexpected.length || (actual[table] ?? []).length !== (expected[table] ?? []).length) {
      found[table] = { missing: missing.slice(0, 3), unexpected: unexpected.slice(0, 3) };
    }
  }
  return found;
}

/**
 * The projector runs as its own process and is killed with SIGKILL while it applies a batch and
 * while events keep arriving: no chance to clean up. After each kill, every read model must be
 * exactly the replay of the log up to its checkpoint (nothing of the killed batch kept, no
 * checkpoint ahead of its writes); after the last restart, exactly a full rebuild.
 */
describe('Fault: the projector killed in the middle of a batch', () => {
  let t: TestApp;
  let baseUrl: string;
  let pool: Pool;
  let log: PostgresEventStore;
  let scratch: TestDatabase;
  let scratchApp: INestApplicationContext;
  let projector: AppProcess | undefined;

  beforeAll(async () => {
    t = await startTestApp({ projections: 'off' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    pool = new Pool({ connectionString: t.database.url, max: 4 });
    log = new PostgresEventStore(pool, t.database.url);
    // Replays go to a database of their own, so the read models under test stay as the kill left them.
    scratch = await createTestDatabase();
    scratchApp = await NestFactory.createApplicationContext(
      ProjectorModule.register(t.config, scratch.url, { run: false }),
      { logger: false },
    );
  }, 60_000);

  afterAll(async () => {
    await projector?.stop('SIGKILL');
    await scratchApp?.close();
    await scratch?.drop();
    await log?.close();
    await pool?.end();
    await t?.close();
  }, 60_000);

  const projections = () => scratchApp.get<Projection[]>(PROJECTIONS);
  const sql = (text: string, values: unknown[] = []) => pool.query(text, values).then((result) => result.rows);
  const checkpoints = async () =>
    new Map(
      (await sql(`select name, position from projection_checkpoints`)).map((row) => [
        row.name as string,
        BigInt(row.position),
      ]),
    );

  /** What the projection's tables hold in the database under test. */
  const actual = (projection: Projection) => readModelOf((text) => sql(text) as Promise<{ row: string }[]>, projection);
  /** What they hold after replaying the log up to `position` into the scratch database. */
  const replayedUpTo = async (projection: Projection, position: bigint) => {
    const dataSource = scratchApp.get(DataSource);
    await rebuildProjection(scratchApp.get(PG_POOL), new EventLogUpTo(log, position), projection);
    return readModelOf((text) => dataSource.query(text), projection);
  };

  it('Given events streaming in, When the projector is killed mid-batch and restarted, Then each read model always equals the replay up to its checkpoint, and finally a full rebuild', async () => {
    const token = caseWorkerToken();
    let writing = true;
    // Writers pause while a killed projector's read models are compared, so the log stays small.
    let paused: Promise<void> | undefined;
    let resume: () => void = () => undefined;
    const writeErrors: string[] = [];
    const writer = async (n: number) => {
      for (let round = 0; writing; round++) {
        for await (const answer of commandsOfOneCase(
          (method, route, body) => call(baseUrl, method, route, token, body),
          `kill-${n}-${round}`,
        )) {
          if (answer.status >= 300) writeErrors.push(`${answer.status} ${JSON.stringify(answer.body)}`);
          await paused;
          if (!writing) break;
        }
      }
    };
    const writers = Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(n)));
    const projectorUrl = withApplicationName(t.database.url, PROJECTOR);

    let midBatchKills = 0;
    let kills = 0;
    try {
      await waitFor('a backlog of events', async () => (await t.countEvents()) >= BACKLOG_EVENTS, 120_000, 200);
      while (midBatchKills < MID_BATCH_KILLS && kills < MAX_KILLS) {
        projector = await startProjector(projectorUrl);
        // A projector connection whose transaction has written but not committed: a batch in the middle.
        const xid = await waitFor(
          'the projector to be in the middle of a batch',
          async () => {
            const [row] = await sql(
              `select backend_xid::text as xid from pg_stat_activity where application_name = $1 and backend_xid is not null limit 1`,
              [PROJECTOR],
            );
            return row?.xid as string | undefined;
          },
          60_000,
          2,
        );
        projector.child.kill('SIGKILL');
        paused = new Promise<void>((resolve) => (resume = resolve));
        await projector.exited();
        kills++;
        await waitFor(
          'the killed projector’s connections to end',
          async () =>
            (await sql(`select 1 from pg_stat_activity where application_name = $1`, [PROJECTOR])).length === 0,
        );
        // backend_xid is the 32-bit xid; pg_xact_status wants it with its epoch.
        const [status] = await sql(
          `select pg_xact_status(((pg_snapshot_xmax(pg_current_snapshot())::text::bigint >> 32 << 32) | $1::bigint)::text::xid8) as status`,
          [xid],
        );
        if (status.status === 'aborted') midBatchKills++;

        const at = await checkpoints();
        for (const projection of projections()) {
          const checkpoint = at.get(projection.name) ?? 0n;
          const found = differences(await actual(projection), await replayedUpTo(projection, checkpoint));
          expect({ projection: projection.name, checkpoint, differences: found }).toEqual({
            projection: projection.name,
            checkpoint,
            differences: {},
          });
        }
        paused = undefined;
        resume();
      }
    } finally {
      writing = false;
      resume();
      await writers;
    }
    process.stdout.write(
      `projector killed ${kills} times, ${midBatchKills} of them with a batch written but not committed\n`,
    );
    expect(midBatchKills).toBe(MID_BATCH_KILLS);
    expect(writeErrors).toEqual([]);

    projector = await startProjector(projectorUrl);
    const [{ head }] = await sql(`select max(position)::text as head from events`);
    await waitFor(
      'the restarted projector to catch up',
      async () => [...(await checkpoints()).values()].every((position) => position === BigInt(head)),
      120_000,
      200,
    );
    await projector.stop();
    for (const projection of projections()) {
      const tables = await actual(projection);
      // Not trivially equal: the read model holds what the writers sent.
      expect(Object.values(tables).flat().length).toBeGreaterThan(0);
      const found = differences(tables, await replayedUpTo(projection, BigInt(head)));
      expect({ projection: projection.name, differences: found }).toEqual({
        projection: projection.name,
        differences: {},
      });
    }
  }, 400_000);
});
