import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from '../../database/src/database-runtime';
import { migrate } from '../../database/src/migrate';

export const TEST_SERVER_URL_VARIABLE = 'WINDSCREEN_TEST_SERVER_URL';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, so tests never see each other's data. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[TEST_SERVER_URL_VARIABLE];
  if (!serverUrl) throw new Error(`${TEST_SERVER_URL_VARIABLE} is not set: run the tests through jest (its global setup starts PostgreSQL)`);
  const name = `windscreen_test_${randomBytes(6).toString('hex')}`;
  const url = await ensureDatabase(serverUrl, name);
  await migrate(url);
  return {
    url,
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
