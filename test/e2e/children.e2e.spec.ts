import { Client } from 'pg';
import { EventStore } from '@windscreen/event-store';
import { DEFAULT_LA_CHILD_ID_FORMAT, formatLaChildId, streamName } from '@windscreen/case-journey/domain';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';

/** A contact about a child born on `dateOfBirth`: each test has its own date, so matches are its own. */
const aContactAbout = (
  dateOfBirth: string,
  child: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
) => {
  const contact = aContact(overrides);
  return { ...contact, child: { ...(contact.child as object), dateOfBirth, ...child } };
};

describe('The child as a person: identity, one open case per child, likely matches, search', () => {
  let t: TestApp;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    t = await startTestApp({ laChildIdFormat: 'PB{digits:10}' });
    alice = `Bearer ${t.token()}`;
    bob = `Bearer ${t.token({ sub: 'bob', name: 'Bob Jones', team: 'south' })}`;
  });
  afterAll(async () => {
    await t.close();
  });

  const open = (auth: string, body: Record<string, unknown>) =>
    t.http().post('/cases').set('Authorization', auth).send(body);
  const close = (auth: string, caseId: string) =>
    t
      .http()
      .post(`/cases/${caseId}/closure`)
      .set('Authorization', auth)
      .send({ reason: 'RC7', summary: 'Services ceased' });
  const child = (auth: string, childId: string, minPosition: string) =>
    t.http().get(`/children/${childId}?minPosition=${minPosition}`).set('Authorization', auth);

  it('Given a contact about a new child, When the case is opened, Then the child is registered with an LA child id in the configured format and can be read', async () => {
    const opened = await open(alice, aContactAbout('2014-01-01', { upnUnknownReason: 'UN2', gender: 'female' }));
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      childId: expect.any(String),
      laChildId: expect.stringMatching(/^PB\d{10}$/),
      likelyMatches: [],
      likelyMatchesNotShown: 0,
    });
    expect(opened.body.childId).not.toBe(opened.body.caseId);
    const given = await open(alice, { ...aContactAbout('2014-01-10'), laChildId: 'LA-0001' });
    expect(given.body.laChildId).toBe('LA-0001');
    // The check reads the children read model: wait until it holds the first child.
    expect((await child(alice, given.body.childId, given.body.position)).status).toBe(200);
    const before = await t.countEvents();
    const taken = await open(alice, { ...aContactAbout('2014-01-11'), laChildId: 'LA-0001' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ rule: 'R41', code: 'CHILD.LA_CHILD_ID_TAKEN' });
    expect(await t.countEvents()).toBe(before);

    const read = await child(alice, opened.body.childId, opened.body.position);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      childId: opened.body.childId,
      laChildId: opened.body.laChildId,
      familyId: opened.body.familyId,
      givenName: 'Amira',
      details: { dateOfBirth: '2014-01-01', upnUnknownReason: 'UN2', gender: 'female' },
      parentsAndCarers: [],
      cases: [{ caseId: opened.body.caseId, status: 'open' }],
      casesNotShown: 0,
    });
  });

  it('R40: Given a child with an open case, When a second contact names the child, Then 409 naming R40 and the open case, and nothing is recorded', async () => {
    const first = await open(alice, aContactAbout('2014-01-02'));
    const before = await t.countEvents();

    const second = await open(alice, { ...aContactAbout('2014-01-02'), childId: first.body.childId, child: undefined });

    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ rule: 'R40', code: 'CHILD.CASE_ALREADY_OPEN' });
    expect(second.body.detail).toContain(first.body.caseId);
    expect(second.body.openCaseId).toBe(first.body.caseId);
    expect(await t.countEvents()).toBe(before);
  });

  it('Given a child whose case closed, When a second contact names the child, Then a case opens in the child’s family and the child has both', async () => {
    const first = await open(alice, aContactAbout('2014-01-03'));
    expect((await close(alice, first.body.caseId)).status).toBe(201);

    const second = await open(alice, {
      ...aContactAbout('2014-01-03'),
      childId: first.body.childId,
      child: undefined,
      contact: { ...(aContact().contact as object), receivedAt: '2026-03-05T10:00:00Z' },
    });

    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      childId: first.body.childId,
      laChildId: first.body.laChildId,
      familyId: first.body.familyId,
    });
    const read = await child(alice, first.body.childId, second.body.position);
    expect(read.body.cases.map((entry: { caseId: string; status: string }) => [entry.caseId, entry.status])).toEqual([
      [first.body.caseId, 'closed'],
      [second.body.caseId, 'open'],
    ]);
    const summary = await t
      .http()
      .get(`/cases/${second.body.caseId}?minPosition=${second.body.position}`)
      .set('Authorization', alice);
    expect(summary.body).toMatchObject({
      familyId: first.body.familyId,
      child: { givenName: 'Amira', dateOfBirth: '2014-01-03' },
    });

    const reopened = await t
      .http()
      .post(`/cases/${first.body.caseId}/reopening`)
      .set('Authorization', alice)
      .send({ reason: 'New contact' });
    expect(reopened.status).toBe(409);
    expect(reopened.body).toMatchObject({ rule: 'R40', openCaseId: second.body.caseId });
  });

  it('R40: Given a child whose case closed, When two contacts name the child at once, Then one case opens and the other is refused under R40', async () => {
    const first = await open(alice, aContactAbout('2014-01-04'));
    await close(alice, first.body.caseId);
    const again = {
      ...aContactAbout('2014-01-04'),
      childId: first.body.childId,
      child: undefined,
      contact: { ...(aContact().contact as object), receivedAt: '2026-03-05T10:00:00Z' },
    };

    const answers = await Promise.all([open(alice, again), open(alice, again), open(alice, again)]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((answer) => answer.status === 409))
      expect(refused.body).toMatchObject({ rule: 'R40' });
  });

  it('R42: Given a child recorded, When a contact about a similar name and the same date of birth comes in, Then the answer offers the child; another team’s worker is told only that there is one', async () => {
    const first = await open(alice, aContactAbout('2014-01-05', { givenName: 'Zoë', familyName: 'Smith-Jones' }));
    await close(alice, first.body.caseId);

    const mine = await t
      .http()
      .get(`/children/matches?minPosition=${first.body.position}`)
      .query({ givenName: 'zoe', familyName: 'Smith Jones', born: '2014-01-05' })
      .set('Authorization', alice);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      likelyMatches: [
        expect.objectContaining({
          childId: first.body.childId,
          laChildId: first.body.laChildId,
          reasons: ['date_of_birth', 'given_name', 'family_name'],
        }),
      ],
      likelyMatchesNotShown: 0,
    });

    const theirs = await open(bob, aContactAbout('2014-01-05', { givenName: 'Zoe', familyName: 'Smith' }));
    expect(theirs.status).toBe(201);
    expect(theirs.body).toMatchObject({ likelyMatches: [], likelyMatchesNotShown: 1 });

    const another = await t
      .http()
      .get(`/children/matches?minPosition=${theirs.body.position}`)
      .query({ givenName: 'Zoey', familyName: 'Smith-Jones', born: '2014-01-05' })
      .set('Authorization', alice);
    expect(another.body.likelyMatches.map((match: { childId: string }) => match.childId)).toEqual([first.body.childId]);
    expect(another.body.likelyMatchesNotShown).toBe(1);

    // A contact whose answer names a likely match is a look at that child's cases; one that names none is not.
    const named = await open(alice, aContactAbout('2014-01-05', { givenName: 'Zoe', familyName: 'Smith-Jones' }));
    expect(named.body.likelyMatches.map((match: { childId: string }) => match.childId)).toContain(first.body.childId);
    const db = new Client({ connectionString: t.database.url });
    await db.connect();
    try {
      const { rows } = await db.query(
        `select actor_id, case_ids from access_log where view = 'contact-likely-matches' order by id`,
      );
      expect(rows).toEqual([{ actor_id: 'alice', case_ids: expect.arrayContaining([first.body.caseId]) }]);
    } finally {
      await db.end();
    }
  });

  it('Given children of two teams, When each team searches by name, date of birth or LA child id, Then each finds only the children it may know, and the look is logged', async () => {
    const north = await open(alice, aContactAbout('2014-01-06', { givenName: 'Élodie', familyName: 'Martin' }));
    const south = await open(bob, aContactAbout('2014-01-06', { givenName: 'Elodie', familyName: 'Martin' }));
    const at = BigInt(south.body.position) > BigInt(north.body.position) ? south.body.position : north.body.position;
    const search = (auth: string, query: string) =>
      t.http().get(`/children?${query}&minPosition=${at}`).set('Authorization', auth);

    const byName = await search(alice, 'name=elodie%20MARTIN');
    expect(byName.status).toBe(200);
    expect(byName.body.children.map((entry: { childId: string }) => entry.childId)).toEqual([north.body.childId]);
    expect(byName.body.children[0]).toMatchObject({ openCaseId: north.body.caseId, caseIds: [north.body.caseId] });
    expect(
      (await search(bob, 'dateOfBirth=2014-01-06')).body.children.map((entry: { childId: string }) => entry.childId),
    ).toEqual([south.body.childId]);
    expect((await search(bob, `laChildId=${north.body.laChildId}`)).body.children).toEqual([]);
    expect(
      (await search(`Bearer ${t.token({ sub: 'aud', roles: ['auditor'] })}`, 'dateOfBirth=2014-01-06')).body.children,
    ).toHaveLength(2);
    expect((await child(bob, north.body.childId, at)).status).toBe(404);
    const all = await t.http().get(`/children?minPosition=${at}`).set('Authorization', bob);
    expect(all.body.children.map((entry: { childId: string }) => entry.childId)).toContain(south.body.childId);
    expect(all.body.children.map((entry: { childId: string }) => entry.childId)).not.toContain(north.body.childId);

    const db = new Client({ connectionString: t.database.url });
    await db.connect();
    try {
      const { rows } = await db.query(
        `select actor_id, case_ids from access_log where view = 'children' and query like '%elodie%'`,
      );
      expect(rows).toEqual([{ actor_id: 'alice', case_ids: [north.body.caseId] }]);
    } finally {
      await db.end();
    }
  });

  it('Given a child, When details are corrected, a parent with parental responsibility recorded and corrected, and a death recorded, Then the child shows them; another team cannot', async () => {
    const opened = await open(alice, aContactAbout('2014-01-07'));
    const on = (auth: string, path: string, body: object) =>
      t.http().post(`/children/${opened.body.childId}/${path}`).set('Authorization', auth).send(body);

    expect(
      (await on(alice, 'corrections', { changes: { dateOfBirth: '2014-01-08' }, reason: 'Birth certificate seen' }))
        .status,
    ).toBe(201);
    expect((await on(alice, 'corrections', { changes: { dateOfBirth: '2014-01-08' } })).status).toBe(400);
    expect((await on(alice, 'corrections', { changes: { givenName: 'Amira' }, reason: 'same' })).body).toMatchObject({
      rule: 'R22',
    });
    const parent = await on(alice, 'parents-and-carers', {
      name: 'Sara Khan',
      relationship: 'mother',
      parentalResponsibility: true,
      contact: '07700 900123',
    });
    expect(parent.status).toBe(201);
    expect(
      (
        await on(alice, `parents-and-carers/${parent.body.personId}/corrections`, {
          changes: { contact: null },
          reason: 'Number no longer in use',
        })
      ).status,
    ).toBe(201);
    expect((await on(bob, 'death', { dateOfDeath: '2026-02-01' })).status).toBe(404);
    const died = await on(alice, 'death', { dateOfDeath: '2026-02-01' });
    expect(died.status).toBe(201);

    const read = await child(alice, opened.body.childId, died.body.position);
    expect(read.body).toMatchObject({
      dateOfBirth: '2014-01-08',
      dateOfDeath: '2026-02-01',
      parentsAndCarers: [
        { personId: parent.body.personId, name: 'Sara Khan', relationship: 'mother', parentalResponsibility: true },
      ],
    });
    expect(read.body.parentsAndCarers[0]).not.toHaveProperty('contact');
  });

  it('Given a case opened before children had records (CaseOpened v1), When it is read and a new contact names its child, Then the child is the case’s, with its derived LA child id, and R40 holds', async () => {
    const caseId = '5d1c3b2a-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
    const familyId = '6e2d4c3b-0f9a-4b8c-9d7e-6f5a4b3c2d1e';
    const store = t.app.get(EventStore);
    const metadata = {
      actor: { id: 'alice', name: 'Alice Smith', role: 'case_worker', agency: 'Early Help', team: 'north' },
      occurredAt: '2026-03-02T09:15:00Z',
      correlationId: 'c1',
      causationId: 'c1',
    };
    const v1 = aContactAbout('2014-01-09') as { child: object; area: string; contact: object; concerns: string };
    await store.append(
      streamName.family(familyId),
      [
        {
          type: 'FamilyRegistered',
          schemaVersion: 1,
          data: { familyId, area: v1.area, firstCaseId: caseId },
          metadata,
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const written = await store.append(
      streamName.case(caseId),
      [
        {
          type: 'CaseOpened',
          schemaVersion: 1,
          data: { caseId, familyId, child: v1.child, area: v1.area, contact: v1.contact, concerns: v1.concerns },
          metadata,
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const laChildId = formatLaChildId(DEFAULT_LA_CHILD_ID_FORMAT, caseId);

    const history = await t.http().get(`/cases/${caseId}/history`).set('Authorization', alice);
    expect(history.body.events[0]).toMatchObject({ type: 'CaseOpened', schemaVersion: 1 });
    expect(history.body.events[0].data).not.toHaveProperty('childId');
    const read = await child(alice, caseId, written.position.toString());
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ childId: caseId, laChildId, familyId, cases: [{ caseId, status: 'open' }] });
    const found = await t
      .http()
      .get(`/children?laChildId=${laChildId}&minPosition=${written.position}`)
      .set('Authorization', alice);
    expect(found.body.children.map((entry: { childId: string }) => entry.childId)).toEqual([caseId]);

    const before = await t.countEvents();
    const refused = await open(alice, { ...aContactAbout('2014-01-09'), childId: caseId, child: undefined });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ rule: 'R40', openCaseId: caseId });
    expect(await t.countEvents()).toBe(before);

    await close(alice, caseId);
    const again = {
      ...aContactAbout('2014-01-09'),
      childId: caseId,
      child: undefined,
      contact: { ...(aContact().contact as object), receivedAt: '2026-03-05T10:00:00Z' },
    };
    const linked = await t
      .http()
      .post('/cases')
      .set('Authorization', alice)
      .set('Idempotency-Key', 'link-to-a-v1-child')
      .send(again);
    expect(linked.status).toBe(201);
    // The child's registration and the new case's link are one decision: a retry finds both recorded.
    const retried = await t
      .http()
      .post('/cases')
      .set('Authorization', alice)
      .set('Idempotency-Key', 'link-to-a-v1-child')
      .send(again);
    expect(retried.body).toEqual(linked.body);
    expect(linked.body).toMatchObject({ childId: caseId, laChildId, familyId });
    const both = await child(alice, caseId, linked.body.position);
    expect(both.body.cases.map((entry: { caseId: string }) => entry.caseId)).toEqual([caseId, linked.body.caseId]);
  });
});
