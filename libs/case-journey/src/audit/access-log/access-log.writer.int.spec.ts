import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@windscreen/testing';
import { AccessLogRow, AccessLogWriter } from './access-log.writer';

const look = (caseId: string | null, view = 'summary'): AccessLogRow => ({
  actorId: 'alice',
  actorName: 'Alice',
  actorRole: 'case_worker',
  actorAgency: 'Early Help',
  actorTeam: 'north',
  caseId,
  caseIds: null,
  view,
  query: null,
  correlationId: 'c',
});

describe('Access log writer', () => {
  let database: TestDatabase;
  let pool: Pool;
  let writer: AccessLogWriter;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.appUrl, max: 4 });
    writer = new AccessLogWriter(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const rowsOf = async (caseIds: string[]) =>
    (
      await pool.query<{ case_id: string }>(`select case_id from access_log where case_id = any($1::uuid[])`, [caseIds])
    ).rows
      .map((row) => row.case_id)
      .sort();

  it('Given many reads at once, When each is answered, Then its row is already committed', async () => {
    const caseIds = Array.from({ length: 200 }, () => randomUUID());
    const committedWhenAnswered = await Promise.all(
      caseIds.map(async (caseId) => (await writer.write(look(caseId)), (await rowsOf([caseId])).length)),
    );

    expect(committedWhenAnswered.every((count) => count === 1)).toBe(true);
    expect(await rowsOf(caseIds)).toEqual([...caseIds].sort());
  });

  it('Given a row the table refuses among others written together, When written, Then only its read fails and the others are logged', async () => {
    const caseIds = Array.from({ length: 20 }, () => randomUUID());
    // A look that names no case breaks the table's check: it cannot be logged.
    const refused = look(null);
    const results = await Promise.allSettled([
      ...caseIds.slice(0, 10).map((id) => writer.write(look(id))),
      writer.write(refused),
      ...caseIds.slice(10).map((id) => writer.write(look(id))),
    ]);

    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect(results[10].status).toBe('rejected');
    expect(await rowsOf(caseIds)).toEqual([...caseIds].sort());
  });
});
