import { DataSource } from 'typeorm';
import type { RecordedEvent } from '@windscreen/event-store';
import type { Projection } from '@windscreen/projections';
import { createTestDatabase, TestDatabase } from './test-database';

export interface ProjectionUnderTest {
  /** Applies the events as one batch, in one transaction, as the runner does. */
  apply(events: RecordedEvent[]): Promise<void>;
  /** A query on the projection's database, to read the rows it wrote (rows typed by the reader, as TypeORM's query gives them). */
  query(sql: string, parameters?: unknown[]): Promise<any[]>;
}

/**
 * One projection on a fresh, migrated database for the tests of the enclosing describe block,
 * its tables emptied before each test: for projection specs (given these events, then these rows).
 */
export function projectionUnderTest(projection: Projection): ProjectionUnderTest {
  let database: TestDatabase | undefined;
  let dataSource: DataSource | undefined;
  const opened = (): DataSource => {
    if (!dataSource) throw new Error('projectionUnderTest: the database is opened in beforeAll');
    return dataSource;
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  beforeEach(async () => {
    await opened().query(`truncate ${projection.tables.join(', ')}`);
  });
  return {
    apply: (events) => opened().transaction((manager) => projection.apply(events, manager)),
    query: (sql, parameters) => opened().query(sql, parameters),
  };
}
