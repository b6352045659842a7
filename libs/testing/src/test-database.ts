import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureLoginRole, grantApplicationRole, urlAsRole } from '../../database/src/application-role';
import { ensureDatabase } from '../../database/src/database-runtime';
import { migrate } from '../../database/src/migrate';

export const TEST_SERVER_URL_VARIABLE = 'WINDSCREEN_TEST_SERVER_URL';
export const TEST_APP_ROLE_PASSWORD_VARIABLE = 'WINDSCREEN_TEST_APP_ROLE_PASSWORD';
/** The application role of every test database (roles belong to the server, not to one database). */
export const TEST_APP_ROLE = 'windscreen_test_app';

export interface TestDatabase {
  /** The owner's connection (a superuser on the test server): set-up, and what the app may not do. */
  url: string;
  /** The application role's connection: what the app under test connects with. */
  appUrl: string;
  name: string;
  drop(): Promise<void>;
}

/** Run once per test run (global setup): the application role the test databases grant to. */
export async function prepareTestApplicationRole(serverUrl: string): Promise<void> {
  const password = randomBytes(18).toString('base64url');
  await ensureLoginRole(serverUrl, TEST_APP_ROLE, password);
  process.env[TEST_APP_ROLE_PASSWORD_VARIABLE] = password;
}

/** A fresh, migrated database for one test file, so tests never see each other's data. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[TEST_SERVER_URL_VARIABLE];
  if (!serverUrl)
    throw new Error(
      `${TEST_SERVER_URL_VARIABLE} is not set: run the tests through jest (its global setup starts PostgreSQL)`,
    );
  const name = `windscreen_test_${randomBytes(6).toString('hex')}`;
  const url = await ensureDatabase(serverUrl, name);
  await migrate(url);
  await grantApplicationRole(url, TEST_APP_ROLE);
  return {
    url,
    appUrl: urlAsRole(url, TEST_APP_ROLE, process.env[TEST_APP_ROLE_PASSWORD_VARIABLE] ?? ''),
    name,
    drop: async () => {
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * A fresh, migrated database and one client on it, for the tests of the enclosing describe block
 * (opened before them, closed after): for tests that read and write tables directly.
 */
export function testDatabaseClient(): () => Client {
  let database: TestDatabase | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });
  return () => {
    if (!client) throw new Error('testDatabaseClient: the client is opened in beforeAll');
    return client;
  };
}
