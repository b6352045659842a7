import { createTestDatabase, TestDatabase } from '@windscreen/testing';
import { AppProcess, call, caseWorkerToken, startApi, waitFor, withApplicationName, withClient } from './fault-support';
import { openCaseBody } from './realistic-commands';

const LEASE_SECONDS = 1;

/**
 * The api dies after a command's events are committed but before its answer is stored under the
 * Idempotency-Key. The client retries with the same key against a new api process: the key's
 * lease has run out, the command runs again, its event ids (derived from the key) are already in
 * the log, and it is answered as the first attempt would have been: recorded once.
 */
describe('Fault: the api killed between the append and the stored answer', () => {
  let database: TestDatabase;
  let api: (AppProcess & { baseUrl: string }) | undefined;
  const token = caseWorkerToken();
  const sql = (text: string, values: unknown[] = []) =>
    withClient(database.url, async (client) => (await client.query(text, values)).rows);

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('Given a command whose answer was never stored (the process was killed), When it is retried with the same Idempotency-Key after the lease, Then it is answered as recorded and nothing is recorded twice', async () => {
    // Holds every stored answer back, so the first attempt is caught after its append and before its answer.
    await sql(
      `create function hold_answers() returns trigger language plpgsql as $$ begin perform pg_sleep(60); return new; end $$`,
    );
    await sql(
      `create trigger hold_answers before update on idempotency_keys for each row execute function hold_answers()`,
    );
    const env = { DATABASE_APP_URL: database.appUrl, IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS) };
    api = await startApi(withApplicationName(database.url, 'doomed-api'), {
      ...env,
      DATABASE_APP_URL: withApplicationName(database.appUrl, 'doomed-api'),
    });
    const key = `crash-${Date.now()}`;
    const body = openCaseBody('crashed');
    const first = call(api.baseUrl, 'POST', '/cases', token, body, { 'idempotency-key': key }).catch(
      (error: unknown) => error,
    );

    const [recorded] = await waitFor('the first attempt to record its case', async () => {
      const rows = await sql(
        `select stream_id, stream_revision::text as revision, position::text as position from events where event_type = 'CaseOpened'`,
      );
      return rows.length > 0 ? rows : undefined;
    });
    await waitFor(
      'the first attempt to be storing its answer',
      async () =>
        (
          await sql(
            `select 1 from pg_stat_activity where application_name = 'doomed-api' and query like '%update idempotency_keys%'`,
          )
        ).length > 0,
    );
    api.child.kill('SIGKILL');
    await api.exited();
    api = undefined;
    expect(await first).not.toHaveProperty('status'); // the client never got an answer, only a broken connection
    await sql(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'doomed-api'`);
    await sql(`drop trigger hold_answers on idempotency_keys`);
    const [claim] = await sql(`select status_code from idempotency_keys where key = $1`, [key]);
    expect(claim).toEqual({ status_code: null }); // claimed, never answered
    const eventsBefore = await sql(`select count(*)::int as count from events`);

    api = await startApi(database.url, env);
    await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000 + 200));
    const retried = await call(api.baseUrl, 'POST', '/cases', token, body, { 'idempotency-key': key });
    expect({ status: retried.status, output: retried.status === 201 ? '' : api.output() }).toEqual({
      status: 201,
      output: '',
    });
    expect(retried.body).toMatchObject({
      caseId: recorded.stream_id.replace(/^case-/, ''),
      revision: recorded.revision,
    });
    expect(await sql(`select count(*)::int as count from events`)).toEqual(eventsBefore);
    expect(await sql(`select count(*)::int as count from events where event_type = 'CaseOpened'`)).toEqual([
      { count: 1 },
    ]);

    const again = await call(api.baseUrl, 'POST', '/cases', token, body, { 'idempotency-key': key });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(retried.body);
  }, 120_000);
});
