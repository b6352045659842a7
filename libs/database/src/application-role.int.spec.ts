import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@windscreen/testing';
import { APPLICATION_ROLE, checkApplicationRole, rolePrivileges, UnsafeDatabaseRoleError } from './application-role';
import { prepareDatabase } from './database-runtime';

const PERMISSION_DENIED = '42501';

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The error code PostgreSQL answers `sql` with, or 'done' if it ran. */
async function outcome(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'done';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('Least privilege: the application role', () => {
  let database: TestDatabase;
  let owner: Client;
  let app: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = await connect(database.url);
    app = await connect(database.appUrl);
    await owner.query(`
      insert into events (position, transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data, metadata,
                          recorded_at, content_hash, previous_hash, hash)
      values (1, pg_current_xact_id(), 'case-x', 0, gen_random_uuid(), 'CaseOpened', 1, '{}', '{}', now(), 'c', null, 'h')`);
    await owner.query(
      `insert into access_log (actor_id, actor_name, actor_role, actor_agency, actor_team, case_id, view) values ('a', 'A', 'auditor', 'x', 'y', gen_random_uuid(), 'summary')`,
    );
  });
  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await database?.drop();
  });

  it('Given the application role, When its privileges are read, Then it is neither a superuser nor the owner of the event log', async () => {
    expect(await rolePrivileges(database.appUrl)).toMatchObject({
      superuser: false,
      ownsEventLog: false,
      bypassesRowSecurity: false,
    });
    expect(checkApplicationRole(await rolePrivileges(database.appUrl), false)).toBeUndefined();
  });

  it('Given the application role, When it reads and appends, Then both work', async () => {
    expect(await outcome(app, `select count(*) from events`)).toBe('done');
    expect(
      await outcome(
        app,
        `insert into access_log (actor_id, actor_name, actor_role, actor_agency, actor_team, case_id, view) values ('b', 'B', 'auditor', 'x', 'y', gen_random_uuid(), 'summary')`,
      ),
    ).toBe('done');
    expect(
      await outcome(app, `insert into idempotency_keys (actor_id, key, request_hash) values ('b', 'k', 'h')`),
    ).toBe('done');
  });

  it.each([
    ['UPDATE events', `update events set data = '{"altered": true}'`],
    ['DELETE events', `delete from events`],
    ['TRUNCATE events', `truncate events`],
    ['UPDATE access_log', `update access_log set actor_id = 'someone else'`],
    ['DELETE access_log', `delete from access_log`],
    ['TRUNCATE access_log', `truncate access_log`],
    ['disable the events trigger', `alter table events disable trigger events_immutable_rows`],
    ['disable every events trigger', `alter table events disable trigger all`],
    ['disable the access log trigger', `alter table access_log disable trigger access_log_append_only`],
    ['drop the events trigger', `drop trigger events_immutable_rows on events`],
    [
      'replace the trigger function',
      `create or replace function refuse_event_change() returns trigger language plpgsql as $$ begin return new; end $$`,
    ],
    ['skip triggers for the session', `set session_replication_role = replica`],
    ['skip triggers for the transaction', `set local session_replication_role = replica`],
    ['take the table', `alter table events owner to current_user`],
    ['write the migrations', `delete from migrations`],
  ])('Given the application role, When it tries to %s, Then PostgreSQL refuses: permission denied', async (_, sql) => {
    expect(await outcome(app, sql)).toBe(PERMISSION_DENIED);
    const [{ events }] = (await owner.query(`select count(*)::int as events from events`)).rows;
    expect(events).toBe(1);
  });

  it('Given a superuser connection, When it is checked as the application connection, Then it is refused unless ALLOW_SUPERUSER, and then warned about', async () => {
    const superuser = await rolePrivileges(database.url);
    expect(() => checkApplicationRole(superuser, false)).toThrow(UnsafeDatabaseRoleError);
    expect(checkApplicationRole(superuser, true)).toMatch(/superuser.*ALLOW_SUPERUSER=true/);
  });

  it('Given only the owner connection (DATABASE_URL), When the database is prepared, Then the application role is derived from it and has least privilege', async () => {
    const prepared = await prepareDatabase({
      databaseUrl: database.url,
      databaseAppUrl: undefined,
      dataDir: '/nonexistent',
      allowSuperuser: false,
    });
    expect(prepared.ownerUrl).toBe(database.url);
    expect(await rolePrivileges(prepared.url)).toMatchObject({
      role: APPLICATION_ROLE,
      superuser: false,
      ownsEventLog: false,
    });
    const derived = await connect(prepared.url);
    try {
      expect(await outcome(derived, `select count(*) from events`)).toBe('done');
      expect(await outcome(derived, `delete from access_log`)).toBe(PERMISSION_DENIED);
    } finally {
      await derived.end();
    }
  });

  it('Given DATABASE_APP_URL naming a superuser, When the database is prepared, Then it refuses to start unless ALLOW_SUPERUSER=true', async () => {
    const config = { databaseUrl: database.url, databaseAppUrl: database.url, dataDir: '/nonexistent' };
    await expect(prepareDatabase({ ...config, allowSuperuser: false })).rejects.toThrow(/superuser/);
    const warnings: string[] = [];
    const prepared = await prepareDatabase({ ...config, allowSuperuser: true }, (message) => warnings.push(message));
    expect(prepared.url).toBe(database.url);
    expect(warnings.join('\n')).toMatch(/WARNING: .*superuser/);
  });
});
