import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedPostgres } from '../libs/database/src/embedded-postgres';
import { prepareTestApplicationRole, TEST_SERVER_URL_VARIABLE } from '../libs/testing/src/test-database';

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set, otherwise an embedded server in a
 * temporary folder. Each test file then creates its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env[TEST_SERVER_URL_VARIABLE] = process.env.DATABASE_URL;
    await prepareTestApplicationRole(process.env.DATABASE_URL);
    process.stdout.write(`\ntests use the PostgreSQL server of DATABASE_URL\n`);
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'windscreen-test-'));
  // Throwaway cluster: durability settings off make the suite faster and change nothing it checks.
  // A transaction left open by a stuck test would hold back what every reader of every test
  // database sees (positions follow transaction ids): it is ended after two minutes, so only the
  // test that left it fails, with the server's reason, instead of the whole run stalling.
  const server = await startEmbeddedPostgres({
    dataDir,
    temporary: true,
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
      '-c',
      'idle_in_transaction_session_timeout=120s',
    ],
  });
  process.env[TEST_SERVER_URL_VARIABLE] = server.url;
  await prepareTestApplicationRole(server.url);
  (globalThis as { windscreenTestServer?: { stop(): Promise<void>; dataDir: string } }).windscreenTestServer = {
    stop: () => server.stop(),
    dataDir,
  };
  process.stdout.write(`\ntests use an embedded PostgreSQL in ${dataDir}\n`);
}
