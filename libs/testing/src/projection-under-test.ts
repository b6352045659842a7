import { Pool } from 'pg';
import { inTransaction } from '@windscreen/database';
import type { RecordedEvent } from '@windscreen/event-store';
import { Projection, WrittenKeys } from '@windscreen/projections';
import { createTestDatabase, TestDatabase } from './test-database';

export interface ProjectionUnderTest {
  /** Applies the events as one batch, in one transaction, as the runner does. */
  apply: (events: RecordedEvent[]) => Promise<void>;
  /** A query on the projection's database, to read the rows it wrote (rows typed by the reader). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the spec names the columns it expects
  query: (sql: string, parameters?: unknown[]) => Promise<any[]>;
}

/**
 * One projection on a fresh, migrated database for the tests of the enclosing describe block,
 * its tables emptied before each test: for projection specs (given these events, then these rows).
 */
export function projectionUnderTest(projection: Projection): ProjectionUnderTest {
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  const opened = (): Pool => {
    if (!pool) throw new Error('projectionUnderTest: the database is opened in beforeAll');
    return pool;
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });
  beforeEach(async () => {
    await opened().query(`truncate ${projection.tables.join(', ')}`);
  });
  return {
    apply: (events) => inTransaction(opened(), (sql) => projection.apply(events, sql, WrittenKeys.UNKNOWN)),
    query: async (sql, parameters) => (await opened().query(sql, parameters)).rows,
  };
}
