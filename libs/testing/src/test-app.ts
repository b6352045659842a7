import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { signToken } from '@windscreen/auth';
import type { Role } from '@windscreen/identity';
import { AppConfig, loadConfig } from '@windscreen/config';
import { createApiApplication } from '../../../apps/api/src/api-application';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-for-windscreen-end-to-end-tests-only';

/**
 * How long a test's `?minPosition=` read waits for the projections. Test files share one server
 * and run side by side: a database being created or migrated for one holds back what readers of
 * all may see (positions follow transaction ids), for seconds on a busy machine.
 */
export const TEST_READ_YOUR_WRITES_TIMEOUT_MS = 30_000;

export interface TestUser {
  sub?: string;
  name?: string;
  roles?: Role[];
  agency?: string;
  team?: string;
  allTeams?: boolean;
}

export interface TestApp {
  app: INestApplication;
  database: TestDatabase;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  token(user?: TestUser): string;
  /** How many events the store holds: to prove a refused request recorded nothing. */
  countEvents(): Promise<number>;
  close(): Promise<void>;
}

/** The real API on a fresh database of the test PostgreSQL, with projections running inline. */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: AppConfig = {
    ...loadConfig({}),
    dataDir: path.join(os.tmpdir(), 'windscreen-test-app'),
    databaseUrl: database.url,
    authJwtSecret: TEST_JWT_SECRET,
    logLevel: 'error',
    readYourWritesTimeoutMs: TEST_READ_YOUR_WRITES_TIMEOUT_MS,
    ...overrides,
  };
  // The app connects as the application role, as it does outside the tests; `database.url` (the owner) stays for set-up.
  const app = await createApiApplication(config, database.appUrl);
  await app.init();
  // Fastify answers only once its plugins (Swagger's static files) have loaded.
  await app.getHttpAdapter().getInstance().ready();
  const server = app.getHttpServer();
  return {
    app,
    database,
    config,
    http: () => request(server),
    token: (user: TestUser = {}) =>
      signToken(
        {
          sub: user.sub ?? 'alice',
          name: user.name ?? 'Alice Smith',
          roles: user.roles ?? ['case_worker'],
          agency: user.agency ?? 'Early Help',
          team: user.team ?? 'north',
          allTeams: user.allTeams,
        },
        TEST_JWT_SECRET,
      ),
    countEvents: async () => {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        return Number((await client.query('select count(*) from events')).rows[0].count);
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
