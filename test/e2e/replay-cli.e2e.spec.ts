import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';

const execFileAsync = promisify(execFile);

/** npm run replay: decision history in a terminal, and the read models checked against the events. */
describe('npm run replay', () => {
  let t: TestApp;
  let caseId: string;

  const replay = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await execFileAsync(
        process.execPath,
        ['-r', '@swc-node/register', 'apps/cli/src/replay.ts', ...args],
        {
          env: { ...process.env, DATABASE_URL: t.database.url, DATA_DIR: t.config.dataDir, LOG_LEVEL: 'error' },
          encoding: 'utf8',
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    const auth = `Bearer ${t.token()}`;
    const post = async (path: string, body: object) => {
      const response = await t.http().post(path).set('Authorization', auth).send(body);
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    caseId = (await post('/cases', aContact({ occurredAt: '2026-03-02T09:15:00Z' }))).caseId;
    await post(`/cases/${caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: '2026-03-03T10:00:00Z',
    });
    await post(`/cases/${caseId}/level-of-need`, {
      level: 'emerging',
      reason: 'Attendance falling',
      occurredAt: '2026-03-04T10:00:00Z',
    });
    await post(`/cases/${caseId}/level-of-need`, {
      level: 'complex',
      reason: 'Needs growing',
      occurredAt: '2026-03-12T14:05:00Z',
    });
    const other = (await post('/cases', aContact())).caseId;
    await post(`/cases/${other}/level-of-need`, { level: 'universal', reason: 'Signposted' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('Given a case, When replayed, Then each step prints with who did it and the state after it', async () => {
    const { code, stdout } = await replay('--case', caseId);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatch(/^1\. 2026-03-02T09:15:00Z .*Contact received \(telephone\) from R\. Patel/);
    expect(lines[1]).toMatch(/by Alice Smith \(case_worker, Early Help, north\) - CaseOpened v2, revision 0/);
    expect(lines[6]).toMatch(/^3\. 2026-03-04T10:00:00Z .*Level of need assessed as Emerging needs/);
    expect(lines[11]).toBe('   after: open, level Complex needs; open: none; consents: early_help given');
  });

  it('Given --until, When replayed, Then only what was known by then is shown (with --as-occurred: what had happened by then)', async () => {
    const known = await replay('--case', caseId, '--until', '2026-03-05T00:00:00Z');
    expect(known.stderr).toMatch(/no events for case/);
    const happened = await replay('--case', caseId, '--until', '2026-03-05T00:00:00Z', '--as-occurred');
    expect(happened.code).toBe(0);
    expect(happened.stdout.trim().split('\n')).toHaveLength(9);
    expect(happened.stdout).toMatch(/after: open, level Emerging needs/);
  });

  it('Given read models that match the events, When --all runs, Then it reports the cases checked and no differences; When a row is altered, Then it names the case and the field and exits 1', async () => {
    const clean = await replay('--all');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(
      /replayed \d+ events: 2 cases and 2 families checked against the read models, 0 differences found/,
    );

    await t.app.get(DataSource).query(`update case_summaries set level = 'specialist' where case_id = $1`, [caseId]);
    const altered = await replay('--all');
    expect(altered.code).toBe(1);
    expect(altered.stdout).toMatch(/1 difference found/);
    expect(altered.stdout).toContain(`case-${caseId} level: events say "complex", read model says "specialist"`);
  });

  it('refuses a call without --case or --all', async () => {
    const { code, stderr } = await replay();
    expect(code).toBe(2);
    expect(stderr).toMatch(/give either --case or --all/);
  });
});
