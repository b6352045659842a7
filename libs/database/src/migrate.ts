import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { restoreReadIndexes } from './read-indexes';
import { poolOf } from './sql';

/** Any fixed number: serialises migrations (and grants) when the api and the projector start together. */
const MIGRATION_LOCK = 7301945;

type Query = <Row>(sql: string, parameters?: unknown[]) => Promise<Row[]>;

/** Runs `work` on one connection to the database of `url` while holding the migration lock. */
export async function withMigrationLock<T>(url: string, work: (query: Query) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await work(
        async <Row>(sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows as Row[],
      );
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}

/**
 * Applies every pending migration, each in its own transaction; then builds any read index a
 * rebuild that stopped part way had set aside.
 */
export async function migrate(url: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
  });
  await dataSource.initialize();
  try {
    await dataSource.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await restoreReadIndexes(poolOf(dataSource));
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await dataSource.destroy();
  }
}
