import { aContact, startTestApp, TestApp, untilTheClockPasses } from '@windscreen/testing';

describe('Chronology and decision history as of any moment', () => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await startTestApp();
    auth = `Bearer ${t.token({ sub: 'jsmith', name: 'J. Smith', agency: 'Early Help' })}`;
  });
  afterAll(async () => {
    await t.close();
  });
  // Reads wait for the last write to reach the read models (read your writes).
  let lastPosition = '0';
  const post = async (path: string, body: object) => {
    const response = await t.http().post(path).set('Authorization', auth).send(body);
    if (response.body.position) lastPosition = response.body.position;
    return response;
  };
  const get = (path: string) => t.http().get(path).set('Authorization', auth).set('X-Min-Position', lastPosition);

  it('Given a case, When its chronology is read, Then each event is one plain line in the order things happened, with corrections beside them', async () => {
    const { body: opened } = await post('/cases', aContact({ occurredAt: '2026-03-02T09:15:00Z' }));
    await post(`/cases/${opened.caseId}/level-of-need`, {
      level: 'complex',
      reason: 'Neglect concerns',
      occurredAt: '2026-03-12T14:05:00Z',
    });
    // Recorded later, but it happened earlier: it takes its place in the chronology.
    await post(`/cases/${opened.caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: '2026-03-10T11:00:00Z',
    });
    const [, assessed] = (await get(`/cases/${opened.caseId}/history`)).body.events;
    await post(`/cases/${opened.caseId}/corrections`, {
      correctsEventId: assessed.id,
      correctedValues: { reason: 'Neglect and missed meals' },
      reason: 'Incomplete',
    });

    const chronology = await get(`/cases/${opened.caseId}/chronology`);
    expect(chronology.status).toBe(200);
    // Each was recorded today, long after it happened: recorded late (R35), said at the end of its line.
    expect(chronology.body.entries.every((entry: { recordedLate: boolean }) => entry.recordedLate)).toBe(true);
    expect(
      chronology.body.entries.map((entry: { line: string }) => entry.line.replace(/ \[recorded late, [^\]]+\]$/, '')),
    ).toEqual([
      '02 Mar 2026 09:15 - Contact received (telephone) from R. Patel (Northfield Primary School), source 2A: Teacher reports a change in behaviour and missed meals by J. Smith (Early Help, Cambridgeshire)',
      '10 Mar 2026 11:00 - Consent to early help given by parent carer by J. Smith (Early Help, Cambridgeshire)',
      '12 Mar 2026 14:05 - Level of need assessed as Complex needs: Neglect concerns by J. Smith (Early Help, Cambridgeshire) [corrected once]',
    ]);
    expect(chronology.body.entries[2].corrections[0]).toMatchObject({
      originalValues: { reason: 'Neglect concerns' },
      correctedValues: { reason: 'Neglect and missed meals' },
      reason: 'Incomplete',
    });

    const csv = await get(`/cases/${opened.caseId}/chronology`).set('Accept', 'text/csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe(
      'occurred_at,recorded_at,recorded_late,type,by,role,agency,entry,corrections',
    );
    expect(csv.text).toContain('Neglect and missed meals');

    const html = await get(`/cases/${opened.caseId}/chronology?format=html`);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('<h1>Chronology: Amira Khan</h1>');
  });

  it('Given a contact typed in days after it was received, When the chronology is read, Then the contact is dated when it was received', async () => {
    // No occurredAt: the contact's own receivedAt (2 March) is when it happened.
    const { body: opened } = await post('/cases', aContact());
    await post(`/cases/${opened.caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: '2026-03-03T10:00:00Z',
    });

    const { body: chronology } = await get(`/cases/${opened.caseId}/chronology`);
    expect(
      chronology.entries.map((entry: { occurredAt: string; type: string }) => [entry.occurredAt, entry.type]),
    ).toEqual([
      ['2026-03-02T09:15:00Z', 'CaseOpened'],
      ['2026-03-03T10:00:00Z', 'ConsentRecorded'],
    ]);
  });

  it('Given a late entry, When an auditor looks asOf a moment and asOccurredBy it, Then they see what was known apart from what was true', async () => {
    const { body: opened } = await post(
      '/cases',
      aContact({
        contact: { ...(aContact().contact as object), receivedAt: '2025-12-01T09:00:00Z' },
        occurredAt: '2025-12-01T09:00:00Z',
      }),
    );
    const first = await post(`/cases/${opened.caseId}/level-of-need`, {
      level: 'emerging',
      reason: 'r',
      occurredAt: '2025-12-02T09:00:00Z',
    });
    const { body: history } = await get(`/cases/${opened.caseId}/history`);
    const knownThen = history.events[1].metadata.recordedAt;
    await untilTheClockPasses(knownThen);
    // A step up that happened in the past but is only recorded now.
    await post(`/cases/${opened.caseId}/level-of-need`, {
      level: 'complex',
      reason: 'Recorded late',
      occurredAt: '2026-01-01T10:00:00Z',
    });
    expect(first.status).toBe(201);

    const known = await get(`/cases/${opened.caseId}?asOf=${encodeURIComponent(knownThen)}`);
    expect(known.body).toMatchObject({ level: 'emerging', eventsApplied: 2, asOf: knownThen });
    const now = await get(`/cases/${opened.caseId}`);
    expect(now.body.level).toBe('complex');
    // What was true: by February the step up (recorded only now) had happened; in mid-December it had not.
    expect((await get(`/cases/${opened.caseId}?asOccurredBy=2026-02-01T00:00:00Z`)).body).toMatchObject({
      eventsApplied: 3,
      level: 'complex',
    });
    expect((await get(`/cases/${opened.caseId}?asOccurredBy=2025-12-15T00:00:00Z`)).body).toMatchObject({
      eventsApplied: 2,
      level: 'emerging',
    });

    const chronologyThen = await get(`/cases/${opened.caseId}/chronology?asOf=${encodeURIComponent(knownThen)}`);
    expect(chronologyThen.body.entries).toHaveLength(2);
    expect((await get(`/cases/${opened.caseId}?asOf=2000-01-01T00:00:00Z`)).status).toBe(404);
    expect((await get(`/cases/${opened.caseId}?asOf=yesterday`)).status).toBe(400);
  });
});

describe('Who looked at what', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('Given reads of a case by different people and views, When an auditor asks, Then each read is listed with who, role, when and which view; nobody else may ask', async () => {
    const worker = `Bearer ${t.token({ sub: 'alice', name: 'Alice Smith', team: 'north' })}`;
    const manager = `Bearer ${t.token({ sub: 'bob', name: 'Bob Jones', roles: ['manager'], team: 'north' })}`;
    const auditor = `Bearer ${t.token({ sub: 'carol', name: 'Carol Auditor', roles: ['auditor'] })}`;
    const { body: opened } = await t.http().post('/cases').set('Authorization', worker).send(aContact());
    await t.http().get(`/cases/${opened.caseId}?minPosition=${opened.position}`).set('Authorization', worker);
    await t.http().get(`/cases/${opened.caseId}/chronology`).set('Authorization', manager);
    await t.http().get(`/cases/${opened.caseId}/history`).set('Authorization', auditor);

    const log = await t.http().get(`/audit/access?caseId=${opened.caseId}`).set('Authorization', auditor);
    expect(log.status).toBe(200);
    expect(
      log.body.entries.map((e: { actor: { id: string; role: string }; view: string }) => [
        e.actor.id,
        e.actor.role,
        e.view,
      ]),
    ).toEqual([
      ['carol', 'auditor', 'history'],
      ['bob', 'manager', 'chronology'],
      ['alice', 'case_worker', 'summary'],
    ]);
    expect((await t.http().get(`/audit/access?caseId=${opened.caseId}`).set('Authorization', worker)).status).toBe(403);
  });
});
