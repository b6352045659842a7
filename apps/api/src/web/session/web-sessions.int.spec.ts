import { Pool } from 'pg';
import type { Actor } from '@windscreen/identity';
import { AppConfig, loadConfig } from '@windscreen/config';
import { createTestDatabase, TestDatabase } from '@windscreen/testing';
import { csrfTokenMatches, WebSessions } from './web-sessions';

const actor: Actor = {
  id: 'u1',
  name: 'Sam Worker',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Early Help',
  team: 'north',
  allTeams: false,
};
const minutes = (n: number) => n * 60_000;

describe('WebSessions in PostgreSQL: idle and absolute timeouts, sign-out', () => {
  let database: TestDatabase;
  let pool: Pool;
  let sessions: WebSessions;
  const start = new Date('2026-03-02T09:00:00Z');
  const at = (offsetMs: number) => new Date(start.getTime() + offsetMs);

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url });
    const config: AppConfig = {
      ...loadConfig({}),
      web: { ...loadConfig({}).web, sessionIdleMs: minutes(30), sessionMaxMs: minutes(600) },
    };
    sessions = new WebSessions(pool, config);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('Given a new session, When resumed with its token, Then it is the actor, and the token itself is not stored (only its hash)', async () => {
    const { token, session } = await sessions.start(actor, start);
    expect(await sessions.resume(token, at(minutes(1)))).toEqual({
      actor,
      csrfToken: session.csrfToken,
      signedInAt: start,
    });
    const { rows } = await pool.query(
      `select count(*)::int as n from web_sessions where encode(token_hash, 'escape') like '%' || $1 || '%'`,
      [token],
    );
    expect(rows[0].n).toBe(0);
    expect(csrfTokenMatches(session.csrfToken, session.csrfToken)).toBe(true);
    expect(csrfTokenMatches(session.csrfToken, 'forged')).toBe(false);
  });

  it('Given a session used every 20 minutes, When an hour passes, Then it is still live; unused for 31 minutes, Then it is over', async () => {
    const { token } = await sessions.start(actor, start);
    for (const t of [20, 40, 60]) expect(await sessions.resume(token, at(minutes(t)))).toBeDefined();
    expect(await sessions.resume(token, at(minutes(91)))).toBeUndefined();
  });

  it('Given a busy session, When its maximum age passes, Then it is over however recently used', async () => {
    const { token } = await sessions.start(actor, start);
    for (let t = 20; t < 600; t += 20) await sessions.resume(token, at(minutes(t)));
    expect(await sessions.resume(token, at(minutes(601)))).toBeUndefined();
  });

  it('Given a session, When it is ended (sign-out), Then its token opens nothing', async () => {
    const { token } = await sessions.start(actor, start);
    await sessions.end(token);
    expect(await sessions.resume(token, at(minutes(1)))).toBeUndefined();
    expect(await sessions.resume(undefined, at(minutes(1)))).toBeUndefined();
  });
});
