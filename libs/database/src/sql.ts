import { createHash } from 'node:crypto';
import { Pool, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * What the event store, the projections and the logs need of the database: one statement at a
 * time, with its rows. A `pg` pool or client is one; nothing else (no ORM) passes through.
 */
export interface Sql {
  query<Row extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
}

/** An `Sql` inside a transaction its caller opened: every statement through it commits, or none. */
export type SqlTransaction = Sql;

/**
 * Runs `work` in one transaction on a client of the pool: committed when it returns, rolled back
 * when it throws. A client whose connection failed, or whose rollback did, is dropped from the
 * pool, not handed out again.
 */
export async function inTransaction<T>(pool: Pool, work: (sql: SqlTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost between statements (the server restarting) is reported on the client; with
  // no listener that would end the process. The next statement fails, and the work with it.
  const onConnectionError = (error: Error) => {
    broken = error;
  };
  client.on('error', onConnectionError);
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.off('error', onConnectionError);
    client.release(broken);
  }
}

/**
 * A statement named after its text, so that each connection parses and plans it once and reuses
 * the plan: for statements whose text varies in a few shapes (a need-to-know rule per role, say).
 */
export function namedStatement(prefix: string, text: string, values: unknown[]): QueryConfig {
  return { name: `windscreen_${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text, values };
}

/** The `pg` pool behind a PostgreSQL DataSource. */
export function poolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: unknown }).master;
  if (!(pool instanceof Pool)) throw new Error('The DataSource is not an initialised PostgreSQL one');
  return pool;
}
