import { DataSource } from 'typeorm';
import { EventStore } from '@windscreen/event-store';
import { Projection, PROJECTIONS, ProjectionProgress, rebuildProjection } from '@windscreen/projections';
import { aContact, aV1SharingDecisionData, aSharingDecision, startTestApp, TestApp } from '@windscreen/testing';
import { streamName } from '@windscreen/case-journey/domain';
import { PG_POOL } from '@windscreen/database';

describe('R19: information-sharing audit', () => {
  let t: TestApp;
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Shared under the information-sharing consent in force. */
  const aDecision = (overrides: object = {}) =>
    aSharingDecision({ consentSought: false, consentAnswer: undefined, ...overrides });
  const withoutConsent = {
    basis: 'without_consent',
    confidentialityBasis: 'public_interest',
    publicInterestGround: 'risk_of_significant_harm',
    judgement: 'Seeking consent would alert the alleged abuser',
    specialCategoryData: true,
    article9Condition: 'substantial_public_interest',
    schedule1Condition: 'para_18_safeguarding_of_children_and_individuals_at_risk',
    dataSubjects: ['child', 'sibling'],
    personInformed: { told: false, notToldReason: 'would_place_child_at_increased_risk' },
    advice: { sought: true, from: 'caldicott_guardian', name: 'Dr Okafor' },
    recipients: [{ agency: 'Police', name: 'DS Brown' }, { agency: 'Health visiting' }],
    youngPersonObjection: { overridden: true, why: 'Not sharing would leave her at risk of significant harm' },
  };

  it('Given a request, a decision, its sending and a correction, When an auditor reads the audit, Then JSON and CSV show the legal answers, timeliness and both values', async () => {
    const worker = `Bearer ${t.token()}`;
    const auditor = `Bearer ${t.token({ sub: 'audit1', roles: ['auditor'] })}`;
    const post = (path: string, body: object) => t.http().post(path).set('Authorization', worker).send(body);
    const { body: child } = await post('/cases', aContact());
    const { body: other } = await post('/cases', aContact());
    const decisions = `/cases/${child.caseId}/information-sharing-decisions`;
    await post(`/cases/${child.caseId}/consents`, {
      scope: 'information_sharing',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: hoursAgo(60),
    });

    // Asked 50 hours before deciding: late against the default 24 hours. Sent an hour after.
    const withConsent = await post(
      decisions,
      aDecision({ occurredAt: hoursAgo(3), request: { from: 'Health visiting', receivedAt: hoursAgo(53) } }),
    );
    expect(withConsent.status).toBe(201);
    const sent = await post(`${decisions}/${withConsent.body.decisionId}/sent`, {
      sentAt: hoursAgo(2),
      method: 'secure_email',
      recipients: [{ agency: 'Health visiting' }],
      information: 'Chronology',
    });
    expect(sent.status).toBe(201);
    const police = await post(
      decisions,
      aDecision({ ...withoutConsent, occurredAt: hoursAgo(2), request: { from: 'Police', receivedAt: hoursAgo(4) } }),
    );
    expect(police.status).toBe(201);
    await post(
      `/cases/${other.caseId}/information-sharing-decisions`,
      aDecision({ decision: 'not_share', recipients: [{ agency: 'Housing' }], reasons: 'Not necessary' }),
    );

    // The police decision named the wrong Article 6 basis: corrected, the original kept (R22).
    const events = (await t.http().get(`/cases/${child.caseId}/history`).set('Authorization', worker)).body.events as {
      id: string;
      type: string;
      data: { decisionId?: string };
    }[];
    const policeEntry = events.find((event) => event.data.decisionId === police.body.decisionId)!;
    const corrected = await post(`/cases/${child.caseId}/corrections`, {
      correctsEventId: policeEntry.id,
      correctedValues: { article6Basis: 'vital_interests' },
      reason: 'Recorded under the wrong basis',
    });
    expect(corrected.status).toBe(201);
    expect(
      (
        await post(`/cases/${child.caseId}/corrections`, {
          correctsEventId: policeEntry.id,
          correctedValues: { confidentialityBasis: 'consent' },
          reason: 'r',
        })
      ).body.code,
    ).toBe('SHARING.CONSENT_BASIS_WITHOUT_CONSENT');

    const audit = await t
      .http()
      .get(`/audit/information-sharing?minPosition=${corrected.body.position}`)
      .set('Authorization', auditor);
    expect(audit.status).toBe(200);
    expect(audit.body.totals).toMatchObject({
      decisions: 3,
      byDecision: { share: 2, not_share: 1 },
      byBasis: { consent: 2, without_consent: 1 },
      byArticle6Basis: { public_task: 2, vital_interests: 1 },
      byConfidentialityBasis: { consent: 2, public_interest: 1 },
      byAgency: { 'Health visiting': 2, Housing: 1, Police: 1 },
      late: 1,
      lateAfterHours: 24,
      withoutConsentWithoutReason: 0,
      period: 'month',
    });
    expect(audit.body.totals.byPeriod).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          agency: 'Police',
          article6Basis: 'vital_interests',
          confidentialityBasis: 'public_interest',
          decisions: 1,
        }),
      ]),
    );
    const byDecisionId = (id: string) => audit.body.decisions.find((d: { decisionId: string }) => d.decisionId === id);
    expect(byDecisionId(withConsent.body.decisionId)).toMatchObject({
      requestFrom: 'Health visiting',
      hoursRequestToDecision: 50,
      late: true,
      hoursDecisionToSending: 1,
      sendings: [expect.objectContaining({ method: 'secure_email' })],
      consentInForce: 'given',
      knownAtDecision: { level: null, section47Open: false, consents: { information_sharing: 'given' } },
      notRecorded: [],
    });
    expect(byDecisionId(police.body.decisionId)).toMatchObject({
      sharedWithoutConsent: true,
      article6Basis: 'vital_interests',
      specialCategoryData: true,
      article9Condition: 'substantial_public_interest',
      schedule1Condition: 'para_18_safeguarding_of_children_and_individuals_at_risk',
      confidentialityBasis: 'public_interest',
      publicInterestGround: 'risk_of_significant_harm',
      dataSubjects: ['child', 'sibling'],
      personTold: false,
      notToldReason: 'would_place_child_at_increased_risk',
      adviceSought: true,
      adviceFrom: 'caldicott_guardian',
      adviceName: 'Dr Okafor',
      hoursRequestToDecision: 2,
      late: false,
      firstSentAt: null,
      familyId: child.familyId,
      corrections: [
        expect.objectContaining({
          originalValues: { article6Basis: 'public_task' },
          correctedValues: { article6Basis: 'vital_interests' },
          reason: 'Recorded under the wrong basis',
        }),
      ],
    });

    const count = async (filter: string) =>
      (await t.http().get(`/audit/information-sharing?${filter}`).set('Authorization', auditor)).body.totals.decisions;
    expect(await count('article6Basis=vital_interests')).toBe(1);
    expect(await count('article9Condition=substantial_public_interest')).toBe(1);
    expect(await count('article9Condition=none')).toBe(2);
    expect(await count('confidentialityBasis=public_interest')).toBe(1);
    expect(await count('dataSubject=sibling')).toBe(1);
    expect(await count('told=false')).toBe(1);
    expect(await count('late=true')).toBe(1);
    expect(await count('late=true&lateAfterHours=72')).toBe(0);
    expect(await count('withoutConsentWithoutReason=true')).toBe(0);
    expect(
      (await t.http().get('/audit/information-sharing?article6Basis=whim').set('Authorization', auditor)).status,
    ).toBe(400);

    const paged = await t.http().get('/audit/information-sharing?limit=2').set('Authorization', auditor);
    expect(paged.body.decisions).toHaveLength(2);
    const rest = await t
      .http()
      .get(`/audit/information-sharing?limit=2&cursor=${paged.body.next}`)
      .set('Authorization', auditor);
    expect(rest.body.decisions).toHaveLength(1);
    expect(rest.body.next).toBeNull();

    // Every field of the JSON is a column of the CSV; the decider's record is spread into columns.
    const csv = await t
      .http()
      .get(`/audit/information-sharing?caseId=${child.caseId}`)
      .set('Authorization', auditor)
      .set('Accept', 'text/csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const [header, ...rows] = csv.text.trim().split('\r\n');
    const columns = header.split(',');
    for (const key of Object.keys(audit.body.decisions[0])) {
      expect(columns.some((column) => column === key || column.startsWith(`${key}.`))).toBe(true);
    }
    expect(columns).toEqual(
      expect.arrayContaining([
        'decidedBy.role',
        'youngPersonObjection.overridden',
        'youngPersonObjection.why',
        'corrections',
      ]),
    );
    expect(rows).toHaveLength(2);
    const policeRow = rows.find((row) => row.includes(police.body.decisionId))!;
    expect(policeRow).toContain('vital_interests');
    expect(policeRow).toContain('caldicott_guardian');
    expect(policeRow).toContain('Not sharing would leave her at risk of significant harm');
    expect(policeRow).toContain('case_worker');
    expect(policeRow).toContain('child; sibling');

    expect((await t.http().get('/audit/information-sharing').set('Authorization', worker)).status).toBe(403);
  });

  it('Given a decision and later corrections of what came before it, When its as-of view is read, Then the case is shown as known then and, beside it, as corrected', async () => {
    const worker = `Bearer ${t.token()}`;
    const auditor = `Bearer ${t.token({ sub: 'audit1', roles: ['auditor'] })}`;
    const post = (path: string, body: object) => t.http().post(path).set('Authorization', worker).send(body);
    const { body: child } = await post('/cases', aContact());
    await post(`/cases/${child.caseId}/consents`, {
      scope: 'information_sharing',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: hoursAgo(10),
    });
    await post(`/cases/${child.caseId}/level-of-need`, {
      level: 'complex',
      reason: 'Needs a coordinated response',
      occurredAt: hoursAgo(9),
    });
    const decided = await post(
      `/cases/${child.caseId}/information-sharing-decisions`,
      aDecision({ occurredAt: hoursAgo(8) }),
    );
    expect(decided.status).toBe(201);
    // After the decision: another consent, and a correction of who gave the one in force.
    await post(`/cases/${child.caseId}/consents`, { scope: 'early_help', givenBy: 'parent_carer', decision: 'given' });
    const events = (await t.http().get(`/cases/${child.caseId}/history`).set('Authorization', worker)).body.events as {
      id: string;
      type: string;
    }[];
    const consentEntry = events.find((event) => event.type === 'ConsentRecorded')!;
    const corrected = await post(`/cases/${child.caseId}/corrections`, {
      correctsEventId: consentEntry.id,
      correctedValues: { givenBy: 'person_with_parental_responsibility' },
      reason: 'It was the grandmother, who holds parental responsibility',
    });
    expect(corrected.status).toBe(201);

    const decisionView = `/audit/information-sharing/cases/${child.caseId}/decisions/${decided.body.decisionId}`;
    const view = await t
      .http()
      .get(`${decisionView}?minPosition=${corrected.body.position}`)
      .set('Authorization', auditor);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      decisionId: decided.body.decisionId,
      knownAtDecision: { level: 'complex', consents: { information_sharing: 'given' } },
    });
    const { asKnown, corrected: correctedView } = view.body.caseAtDecision;
    expect(asKnown).toMatchObject({
      level: 'complex',
      consents: { information_sharing: { decision: 'given', givenBy: 'parent_carer' } },
    });
    expect(asKnown.consents).not.toHaveProperty('early_help');
    expect(correctedView).toMatchObject({
      level: 'complex',
      consents: { information_sharing: { decision: 'given', givenBy: 'person_with_parental_responsibility' } },
    });
    expect(
      (
        await t
          .http()
          .get(`/audit/information-sharing/cases/${child.caseId}/decisions/${child.caseId}`)
          .set('Authorization', auditor)
      ).status,
    ).toBe(404);
    const accessLog = await t.http().get(`/audit/access?caseId=${child.caseId}`).set('Authorization', auditor);
    expect(JSON.stringify(accessLog.body)).toContain('information_sharing_decision');
  });

  it('Given a family’s EHA, When a TAF is convened, a member joins and the lead professional changes, Then each is a sharing decision with the consent in force', async () => {
    const worker = `Bearer ${t.token()}`;
    const auditor = `Bearer ${t.token({ sub: 'audit1', roles: ['auditor'] })}`;
    const post = (path: string, body: object) => t.http().post(path).set('Authorization', worker).send(body);
    const { body: child } = await post('/cases', aContact());
    await post(`/cases/${child.caseId}/consents`, { scope: 'early_help', givenBy: 'parent_carer', decision: 'given' });
    expect(
      (
        await post(`/cases/${child.caseId}/early-help-assessment`, {
          leadProfessional: { name: 'J. Smith', agency: 'Northfield Primary School' },
        })
      ).status,
    ).toBe(201);
    // Convening, adding a member and naming a new lead are the lead professional's or a manager's steps.
    const manager = `Bearer ${t.token({ sub: 'manager1', roles: ['manager'] })}`;
    const byManager = (path: string, body: object) => t.http().post(path).set('Authorization', manager).send(body);
    const convened = await byManager(`/families/${child.familyId}/team-around-the-family`, {
      kind: 'TAF',
      leadProfessional: { name: 'J. Smith', agency: 'Northfield Primary School' },
      members: [{ name: 'K. Lee', agency: 'Health visiting', role: 'Health visitor' }],
    });
    expect(convened.status).toBe(201);
    const joined = await byManager(`/families/${child.familyId}/team-around-the-family/members`, {
      member: { name: 'Y. Osei', agency: 'Youth service' },
    });
    expect(joined.status).toBe(201);
    const changed = await byManager(`/families/${child.familyId}/lead-professional`, {
      leadProfessional: { name: 'P. Patel', agency: 'Family support' },
      reason: 'Moved team',
    });
    expect(changed.status).toBe(201);

    const audit = await t
      .http()
      .get(`/audit/information-sharing?familyId=${child.familyId}&minPosition=${changed.body.position}`)
      .set('Authorization', auditor);
    expect(audit.body.decisions).toEqual([
      expect.objectContaining({
        occasion: 'lead_professional_changed',
        caseId: child.caseId,
        decision: 'share',
        basis: 'consent',
        consentInForce: 'given',
        consentScope: 'early_help',
        recipients: [{ agency: 'Family support', name: 'P. Patel' }],
      }),
      expect.objectContaining({
        occasion: 'team_member_joined',
        consentInForce: 'given',
        recipients: [{ agency: 'Youth service', name: 'Y. Osei' }],
      }),
      expect.objectContaining({
        occasion: 'team_convened',
        consentInForce: 'given',
        recipients: [
          { agency: 'Northfield Primary School', name: 'J. Smith' },
          { agency: 'Health visiting', role: 'Health visitor', name: 'K. Lee' },
        ],
      }),
    ]);
  });

  it('Given a decision stored at v1, When the audit reads it, Then its mixed lawful basis is split and what it did not record is marked', async () => {
    const worker = `Bearer ${t.token()}`;
    const auditor = `Bearer ${t.token({ sub: 'audit1', roles: ['auditor'] })}`;
    const { body: child } = await t.http().post('/cases').set('Authorization', worker).send(aContact());
    const store = t.app.get(EventStore);
    const [written] = await store
      .append(
        streamName.case(child.caseId),
        [
          {
            type: 'InformationSharingDecisionRecorded',
            schemaVersion: 1,
            data: aV1SharingDecisionData({
              lawfulBasis: 'risk_of_significant_harm',
              judgement: 'Seeking consent would place the child at greater risk',
            }),
            metadata: {
              actor: {
                id: 'u1',
                name: 'Alice Smith',
                role: 'case_worker',
                agency: 'Children’s Social Care',
                team: 'north',
              },
              occurredAt: hoursAgo(1),
              correlationId: 'c1',
              causationId: 'c1',
            },
          },
        ],
        { expectedRevision: 'stream_exists' },
      )
      .then((result) => [result]);
    const audit = await t
      .http()
      .get(`/audit/information-sharing?caseId=${child.caseId}&minPosition=${written.position}`)
      .set('Authorization', auditor);
    expect(audit.body.decisions).toEqual([
      expect.objectContaining({
        article6Basis: 'not_recorded',
        confidentialityBasis: 'public_interest',
        publicInterestGround: 'risk_of_significant_harm',
        personTold: null,
        notRecorded: [
          'article6Basis',
          'dataSubjects',
          'specialCategoryData',
          'personInformed',
          'advice',
          'request',
          'knownAtDecision',
        ],
      }),
    ]);
    expect(
      (
        await t
          .http()
          .get(`/audit/information-sharing?caseId=${child.caseId}&told=not_recorded`)
          .set('Authorization', auditor)
      ).body.totals.decisions,
    ).toBe(1);
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
      await t
        .http()
        .post(`/cases/${body.caseId}/level-of-need`)
        .set('Authorization', worker)
        .send({ level: 'complex', reason: 'r' });
      await t
        .http()
        .post(`/cases/${body.caseId}/information-sharing-decisions`)
        .set('Authorization', worker)
        .send(
          aSharingDecision({
            decision: 'not_share',
            consentAnswer: 'refused',
            recipients: [{ agency: `Agency ${i}` }],
          }),
        );
      const [, opened, decided] = (await t.http().get(`/cases/${body.caseId}/history`).set('Authorization', worker))
        .body.events;
      await t
        .http()
        .post(`/cases/${body.caseId}/corrections`)
        .set('Authorization', worker)
        .send({ correctsEventId: decided.id, correctedValues: { reasons: 'corrected' }, reason: 'why' });
      const corrected = await t
        .http()
        .post(`/cases/${body.caseId}/corrections`)
        .set('Authorization', worker)
        .send({ correctsEventId: opened.id, correctedValues: { reason: 'corrected' }, reason: 'why' });
      lastPosition = corrected.body.position;
    }
    const dataSource = t.app.get(DataSource);
    const progress = t.app.get(ProjectionProgress);
    expect(await progress.waitFor(BigInt(lastPosition), 5000)).toBe(true);

    const snapshot = async (table: string) => dataSource.query(`select * from ${table} order by 1`);
    for (const projection of t.app.get<Projection[]>(PROJECTIONS)) {
      const before = await Promise.all(projection.tables.map(snapshot));
      expect(before.flat().length).toBeGreaterThan(0);
      await rebuildProjection(t.app.get(PG_POOL), t.app.get(EventStore), projection);
      expect(await Promise.all(projection.tables.map(snapshot))).toEqual(before);
    }
  });
});
