import { Client } from 'pg';
import type { AppConfig } from '@windscreen/config';
import {
  APPLICATION_ROLE,
  applicationRolePassword,
  checkApplicationRole,
  ensureLoginRole,
  grantApplicationRole,
  rolePrivileges,
  UnsafeDatabaseRoleError,
  urlAsRole,
} from './application-role';
import { findRunningEmbeddedPostgres, RunningDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { migrate } from './migrate';

export const EMBEDDED_DATABASE_NAME = 'windscreen';

export interface PreparedDatabase {
  /** The application role's connection: what the api, the projector and the tools use. */
  url: string;
  /** The owner's connection: migrations and maintenance (rebuild) only. */
  ownerUrl: string;
  embedded: boolean;
  /** Stops the embedded server, if this process started one. */
  stop(): Promise<void>;
}

/**
 * Finds the database to use and brings its schema up to date as its owner: `DATABASE_URL` when
 * set, otherwise an embedded PostgreSQL in the data folder. Then returns the application role's
 * connection (`DATABASE_APP_URL`, or a role derived from the owner's), refusing one that could
 * rewrite the event log unless `ALLOW_SUPERUSER=true`.
 */
export async function prepareDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'databaseAppUrl' | 'dataDir' | 'allowSuperuser'>,
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
  let appUrl: string;
  try {
    const applied = await migrate(url);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    appUrl = await applicationConnection(config, url, log);
  } catch (error) {
    await server?.stop();
    throw error;
  }
  return { url: appUrl, ownerUrl: url, embedded: server !== undefined, stop: async () => server?.stop() };
}

/** The application role's connection, granted what it needs on the (migrated) database of `ownerUrl`. */
async function applicationConnection(
  config: Pick<AppConfig, 'databaseAppUrl' | 'dataDir' | 'allowSuperuser'>,
  ownerUrl: string,
  log: (message: string) => void,
): Promise<string> {
  let appUrl = config.databaseAppUrl;
  if (appUrl === undefined) {
    const password = applicationRolePassword(ownerUrl, config.dataDir);
    try {
      await ensureLoginRole(ownerUrl, APPLICATION_ROLE, password);
      appUrl = urlAsRole(ownerUrl, APPLICATION_ROLE, password);
    } catch (error) {
      if (!(error instanceof UnsafeDatabaseRoleError) || !config.allowSuperuser) throw error;
      appUrl = ownerUrl;
    }
  }
  const privileges = await rolePrivileges(appUrl);
  // A privileged role is never granted to: revoking from the owner would take the owner's own rights.
  if (!privileges.superuser && !privileges.ownsEventLog) await grantApplicationRole(ownerUrl, privileges.role);
  const warning = checkApplicationRole(privileges, config.allowSuperuser);
  if (warning) log(`WARNING: ${warning}`);
  return appUrl;
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
