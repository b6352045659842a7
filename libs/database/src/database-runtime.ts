import { Client } from 'pg';
import type { AppConfig } from '@windscreen/config';
import { findRunningEmbeddedPostgres, RunningDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { migrate } from './migrate';

export const EMBEDDED_DATABASE_NAME = 'windscreen';

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded server, if this process started one. */
  stop(): Promise<void>;
}

/**
 * Finds the database to use and brings its schema up to date: `DATABASE_URL` when set,
 * otherwise an embedded PostgreSQL in the data folder.
 */
export async function prepareDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  log: (message: string) => void = () => undefined,
): Promise<PreparedDatabase> {
  let server: RunningDatabase | undefined;
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    const running = findRunningEmbeddedPostgres(config.dataDir);
    if (running) {
      log(`using the embedded PostgreSQL already running in ${config.dataDir}`);
    } else {
      log(`starting embedded PostgreSQL in ${config.dataDir}`);
    }
    server = running ?? (await startEmbeddedPostgres({ dataDir: config.dataDir }));
    url = await ensureDatabase(server.url, EMBEDDED_DATABASE_NAME);
  }
  try {
    const applied = await migrate(url);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    await server?.stop();
    throw error;
  }
  return { url, embedded: server !== undefined, stop: async () => server?.stop() };
}

/** Creates the database on the server if it is missing; returns its connection string. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
