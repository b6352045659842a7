import { Client } from 'pg';
import { aContact, runCli, startTestApp, TestApp } from '@windscreen/testing';

describe('R22: tamper evidence', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const verifyCli = () =>
    runCli('verify', [], { DATABASE_URL: t.database.url, DATA_DIR: t.config.dataDir, LOG_LEVEL: 'error' });

  it('Given recorded cases, When an auditor verifies, Then the chains are intact; When a superuser alters a row, Then verify points at it', async () => {
    const worker = `Bearer ${t.token()}`;
    const auditor = `Bearer ${t.token({ sub: 'audit1', roles: ['auditor'] })}`;
    const { body: opened } = await t.http().post('/cases').set('Authorization', worker).send(aContact());
    for (const level of ['emerging', 'complex', 'emerging']) {
      await t
        .http()
        .post(`/cases/${opened.caseId}/level-of-need`)
        .set('Authorization', worker)
        .send({ level, reason: `to ${level}` });
    }

    const intact = await t.http().get(`/audit/verify?caseId=${opened.caseId}`).set('Authorization', auditor);
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ caseId: opened.caseId, eventsChecked: 4, intact: true, firstBrokenLink: null });
    expect((await t.http().get(`/audit/verify?caseId=${opened.caseId}`).set('Authorization', worker)).status).toBe(403);
    const cleanRun = await verifyCli();
    expect(cleanRun.status).toBe(0);
    expect(cleanRun.stdout).toMatch(/every hash chain is intact/);

    // A superuser can switch the trigger off; the chain still shows what was done.
    const admin = new Client({ connectionString: t.database.url });
    await admin.connect();
    try {
      await admin.query('alter table events disable trigger events_immutable_rows');
      await admin.query(
        `update events set data = jsonb_set(data, '{reason}', '"altered afterwards"') where stream_id = $1 and stream_revision = 2`,
        [`case-${opened.caseId}`],
      );
      await admin.query('alter table events enable trigger events_immutable_rows');
    } finally {
      await admin.end();
    }

    const broken = await t.http().get(`/audit/verify?caseId=${opened.caseId}`).set('Authorization', auditor);
    expect(broken.body).toMatchObject({
      intact: false,
      firstBrokenLink: { revision: '2', problem: 'content_changed' },
    });
    const brokenRun = await verifyCli();
    expect(brokenRun.status).toBe(1);
    expect(brokenRun.stdout).toContain(`case-${opened.caseId} revision 2`);
  });
});
