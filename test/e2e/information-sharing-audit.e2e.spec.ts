import { DataSource } from 'typeorm';
import { EventStore } from '@windscreen/event-store';
import { Projection, PROJECTIONS, ProjectionProgress, rebuildProjection } from '@windscreen/projections';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';

describe('R19: information-sharing audit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('Given decisions with and without consent, When an auditor reads the audit, Then they see each with its basis, totals by basis and agency, filters and CSV', async () => {
    const worker = `Bearer ${t.token()}`;
    const auditor = `Bearer ${t.token({ sub: 'audit1', roles: ['auditor'] })}`;
    const { body: first } = await t.http().post('/cases').set('Authorization', worker).send(aContact());
    const { body: second } = await t.http().post('/cases').set('Authorization', worker).send(aContact());
    const record = (caseId: string, body: object) =>
      t.http().post(`/cases/${caseId}/information-sharing-decisions`).set('Authorization', worker).send({
        decision: 'share',
        information: 'Chronology',
        purpose: 'Strategy discussion',
        consentSought: true,
        consentAnswer: 'given',
        basis: 'consent',
        reasons: 'To protect the child',
        recipients: [{ agency: 'Health visiting' }],
        ...body,
      });
    await record(first.caseId, {});
    await record(first.caseId, {
      basis: 'without_consent',
      consentSought: false,
      consentAnswer: undefined,
      lawfulBasis: 'risk_of_significant_harm',
      judgement: 'Seeking consent would alert the alleged abuser',
      recipients: [{ agency: 'Police', name: 'DS Brown' }, { agency: 'Health visiting' }],
    });
    const last = await record(second.caseId, { decision: 'not_share', recipients: [{ agency: 'Housing' }], reasons: 'Not necessary for the purpose' });

    const audit = await t.http().get(`/audit/information-sharing?minPosition=${last.body.position}`).set('Authorization', auditor);
    expect(audit.status).toBe(200);
    expect(audit.body.totals).toEqual({
      decisions: 3,
      byDecision: { share: 2, not_share: 1 },
      byBasis: { consent: 2, without_consent: 1 },
      byAgency: { 'Health visiting': 2, Housing: 1, Police: 1 },
    });
    const withoutConsent = audit.body.decisions.filter((d: { sharedWithoutConsent: boolean }) => d.sharedWithoutConsent);
    expect(withoutConsent).toEqual([
      expect.objectContaining({ caseId: first.caseId, lawfulBasis: 'risk_of_significant_harm', judgement: 'Seeking consent would alert the alleged abuser', familyId: first.familyId }),
    ]);

    const police = await t.http().get('/audit/information-sharing?agency=Police').set('Authorization', auditor);
    expect(police.body.decisions).toHaveLength(1);
    const secondCase = await t.http().get(`/audit/information-sharing?caseId=${second.caseId}&decision=not_share`).set('Authorization', auditor);
    expect(secondCase.body.totals.decisions).toBe(1);

    const paged = await t.http().get('/audit/information-sharing?limit=2').set('Authorization', auditor);
    expect(paged.body.decisions).toHaveLength(2);
    const rest = await t.http().get(`/audit/information-sharing?limit=2&cursor=${paged.body.next}`).set('Authorization', auditor);
    expect(rest.body.decisions).toHaveLength(1);
    expect(rest.body.next).toBeNull();

    const csv = await t.http().get('/audit/information-sharing').set('Authorization', auditor).set('Accept', 'text/csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.trim().split('\r\n')).toHaveLength(4);
    expect(csv.text).toContain('risk_of_significant_harm');

    expect((await t.http().get('/audit/information-sharing').set('Authorization', worker)).status).toBe(403);
  });
});

describe('Read models after a full rebuild', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('Given a populated system, When every projection is rebuilt from position 0, Then its tables are equal to what they were', async () => {
    const worker = `Bearer ${t.token()}`;
    let lastPosition = '0';
    for (let i = 0; i < 5; i++) {
      const { body } = await t.http().post('/cases').set('Authorization', worker).send(aContact());
      await t.http().post(`/cases/${body.caseId}/level-of-need`).set('Authorization', worker).send({ level: 'complex', reason: 'r' });
      await t.http().post(`/cases/${body.caseId}/information-sharing-decisions`).set('Authorization', worker).send({
        decision: 'not_share', information: 'i', purpose: 'p', basis: 'consent', consentSought: false, reasons: 'r', recipients: [{ agency: `Agency ${i}` }],
      });
      const [, opened] = (await t.http().get(`/cases/${body.caseId}/history`).set('Authorization', worker)).body.events;
      const corrected = await t.http().post(`/cases/${body.caseId}/corrections`).set('Authorization', worker).send({ correctsEventId: opened.id, correctedValues: { reason: 'corrected' }, reason: 'why' });
      lastPosition = corrected.body.position;
    }
    const dataSource = t.app.get(DataSource);
    const progress = t.app.get(ProjectionProgress);
    expect(await progress.waitFor(BigInt(lastPosition), 5000)).toBe(true);

    const snapshot = async (table: string) => dataSource.query(`select * from ${table} order by 1`);
    for (const projection of t.app.get<Projection[]>(PROJECTIONS)) {
      const before = await Promise.all(projection.tables.map(snapshot));
      expect(before.flat().length).toBeGreaterThan(0);
      await rebuildProjection(dataSource, t.app.get(EventStore), projection);
      expect(await Promise.all(projection.tables.map(snapshot))).toEqual(before);
    }
  });
});
