import { aContact, startTestApp, TestApp } from '@windscreen/testing';

describe('First slice: a contact becomes a case and its level of need changes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('Given a contact, When a case worker opens a case, Then the case is recorded and readable', async () => {
    const opened = await t.http().post('/cases').set('Authorization', `Bearer ${t.token()}`).send(aContact());
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({
      caseId: expect.any(String),
      familyId: expect.any(String),
      childId: expect.any(String),
      laChildId: expect.stringMatching(/^C[0-9A-F]{12}$/),
      likelyMatches: [],
      likelyMatchesNotShown: 0,
      revision: '0',
      position: expect.stringMatching(/^\d+$/),
    });

    const summary = await t
      .http()
      .get(`/cases/${opened.body.caseId}?minPosition=${opened.body.position}`)
      .set('Authorization', `Bearer ${t.token()}`);
    expect(summary.status).toBe(200);
    expect(summary.headers['x-read-model-stale']).toBe('false');
    expect(summary.body).toMatchObject({
      caseId: opened.body.caseId,
      familyId: opened.body.familyId,
      status: 'open',
      level: null,
    });
  });

  it('Given a minPosition past anything recorded, When a case is read with it, Then 400 at once rather than a wait that can only time out', async () => {
    const opened = await t.http().post('/cases').set('Authorization', `Bearer ${t.token()}`).send(aContact());
    const beyond = (BigInt(opened.body.position) + 1_000_000_000n).toString();
    const started = Date.now();

    const summary = await t
      .http()
      .get(`/cases/${opened.body.caseId}?minPosition=${beyond}`)
      .set('Authorization', `Bearer ${t.token()}`);

    expect(summary.status).toBe(400);
    expect(summary.body.errors).toEqual([
      { field: 'minPosition', reasons: [expect.stringMatching(/minPosition is past the last recorded event/)] },
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('Given an open case, When its level is assessed, stepped up and stepped down, Then each is the right event', async () => {
    const auth = `Bearer ${t.token()}`;
    const { body: opened } = await t.http().post('/cases').set('Authorization', auth).send(aContact());
    const change = (level: string, reason: string) =>
      t.http().post(`/cases/${opened.caseId}/level-of-need`).set('Authorization', auth).send({ level, reason });

    expect((await change('emerging', 'Needs support alongside school')).status).toBe(201);
    expect((await change('complex', 'Needs are escalating')).body.revision).toBe('2');
    const down = await change('universal', 'Needs met by universal services');
    expect(down.status).toBe(201);

    const history = await t.http().get(`/cases/${opened.caseId}/history`).set('Authorization', auth);
    expect(history.status).toBe(200);
    expect(history.body.next).toBeNull();
    expect(history.body.events.map((event: { type: string }) => event.type)).toEqual([
      'CaseOpened',
      'LevelOfNeedAssessed',
      'SteppedUp',
      'SteppedDown',
    ]);
    expect(history.body.events[2].data).toEqual({ from: 'emerging', to: 'complex', reason: 'Needs are escalating' });
    expect(history.body.events[3].metadata).toMatchObject({
      actor: { id: 'alice', name: 'Alice Smith', role: 'case_worker', agency: 'Early Help', team: 'north' },
      occurredAt: expect.any(String),
      recordedAt: expect.any(String),
      correlationId: expect.any(String),
      causationId: expect.any(String),
    });

    const summary = await t
      .http()
      .get(`/cases/${opened.caseId}?minPosition=${down.body.position}`)
      .set('Authorization', auth);
    expect(summary.body).toMatchObject({
      level: 'universal',
      levelSetBy: { id: 'alice', name: 'Alice Smith', role: 'case_worker' },
    });
  });

  it('Given a case at a level, When the same level is recorded again, Then it is refused with 409 and nothing is recorded', async () => {
    const auth = `Bearer ${t.token()}`;
    const { body: opened } = await t.http().post('/cases').set('Authorization', auth).send(aContact());
    await t
      .http()
      .post(`/cases/${opened.caseId}/level-of-need`)
      .set('Authorization', auth)
      .send({ level: 'emerging', reason: 'a' });
    const again = await t
      .http()
      .post(`/cases/${opened.caseId}/level-of-need`)
      .set('Authorization', auth)
      .send({ level: 'emerging', reason: 'b' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, code: 'LEVEL_OF_NEED.UNCHANGED' });
    const history = await t.http().get(`/cases/${opened.caseId}/history`).set('Authorization', auth);
    expect(history.body.events).toHaveLength(2);
  });

  it('Given an occurredAt in the past, When recorded, Then the event keeps when it happened apart from when it was recorded', async () => {
    const auth = `Bearer ${t.token()}`;
    const { body: opened } = await t.http().post('/cases').set('Authorization', auth).send(aContact());
    await t
      .http()
      .post(`/cases/${opened.caseId}/level-of-need`)
      .set('Authorization', auth)
      .send({ level: 'complex', reason: 'Recorded late', occurredAt: '2026-03-05T10:00:00Z' });
    const history = await t.http().get(`/cases/${opened.caseId}/history`).set('Authorization', auth);
    const assessed = history.body.events[1];
    expect(assessed.metadata.occurredAt).toBe('2026-03-05T10:00:00Z');
    expect(Date.parse(assessed.metadata.recordedAt)).toBeGreaterThan(Date.parse('2026-03-05T10:00:00Z'));
  });

  it('Given a second child, When the case names the first child’s family, Then both cases share the family', async () => {
    const auth = `Bearer ${t.token()}`;
    const { body: first } = await t.http().post('/cases').set('Authorization', auth).send(aContact());
    const second = await t
      .http()
      .post('/cases')
      .set('Authorization', auth)
      .send(aContact({ familyId: first.familyId, child: { ...(aContact().child as object), givenName: 'Yusuf' } }));
    expect(second.status).toBe(201);
    expect(second.body.familyId).toBe(first.familyId);
  });

  it('Given a family id that does not exist, When a case names it, Then 404 and no case is opened', async () => {
    const response = await t
      .http()
      .post('/cases')
      .set('Authorization', `Bearer ${t.token()}`)
      .send(aContact({ familyId: '5b0e8a55-0000-4000-8000-000000000000' }));
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('FAMILY.NOT_FOUND');
  });
});
