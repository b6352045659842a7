import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Any fixed number: serialises migrations when the api and the projector start together. */
const MIGRATION_LOCK = 7301945;

/** Applies every pending migration, each in its own transaction. */
export async function migrate(url: string): Promise<string[]> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS, migrationsTransactionMode: 'each' });
  await dataSource.initialize();
  try {
    await dataSource.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await dataSource.destroy();
  }
}
