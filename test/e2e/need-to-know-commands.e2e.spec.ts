import { Client } from 'pg';
import { aContact, aSharingDecision, startTestApp, TestApp, TestUser } from '@windscreen/testing';
import { Api, discoverApi, Endpoint, pathOf, recordOneOfEach, validCommand } from './openapi-endpoints';

/**
 * Need-to-know on writes, for every command endpoint of the OpenAPI document (a new one is covered
 * by itself): an actor who may not see the case or family gets the 404 a read gets, before any
 * rule, and nothing is recorded; one who may see it gets past need-to-know to the rules. Then the
 * separation of duties, row by row of the README's table, and the access log of list reads.
 */
const holder: TestUser = { sub: 'nadia', name: 'Nadia North', roles: ['case_worker'], team: 'north' };
/** Of the holding team, a manager and of the MASH: no duty ever refuses them, so only need-to-know decides. */
const insider: TestUser = { sub: 'mo', name: 'Mo North', roles: ['manager', 'mash'], team: 'north' };
const outsiders: Record<string, TestUser> = {
  'case worker of another team': { sub: 'sam', name: 'Sam South', roles: ['case_worker'], team: 'south' },
  'manager and MASH of another team': { sub: 'sue', name: 'Sue South', roles: ['manager', 'mash'], team: 'south' },
};

describe('Need-to-know on every command', () => {
  let t: TestApp;
  let api: Api;
  let events: Client;
  let existing: Record<string, string>;
  const countEvents = async () => Number((await events.query('select count(*) from events')).rows[0].count);
  const bearer = (user: TestUser) => `Bearer ${t.token(user)}`;
  /** POST /cases reaches another team's family only through `familyId`. */
  const bodyFor = (endpoint: Endpoint) =>
    endpoint.name === 'POST /cases' ? aContact({ familyId: existing.familyId }) : validCommand(endpoint, api);
  const send = (endpoint: Endpoint, user: TestUser) =>
    t.http().post(pathOf(endpoint, existing)).set('Authorization', bearer(user)).send(bodyFor(endpoint));

  beforeAll(async () => {
    t = await startTestApp();
    events = new Client({ connectionString: t.database.url });
    await events.connect();
    api = await discoverApi(t);
    existing = await recordOneOfEach(t, bearer(holder));
  });
  afterAll(async () => {
    await events?.end();
    await t?.close();
  });

  it('Given the OpenAPI document, Then every command endpoint is in the matrix below', () => {
    expect(api.commands.length).toBeGreaterThanOrEqual(39);
  });

  describe.each(Object.keys(outsiders))('%s', (who) => {
    it('Given a case and family of team north, When every command is sent on them, Then each is the 404 a read gets and nothing is recorded', async () => {
      const read = await t.http().get(`/cases/${existing.caseId}`).set('Authorization', bearer(outsiders[who]));
      expect(read.status).toBe(404);
      const outcomes: Array<{ endpoint: string; status: number; detail: string; recorded: number }> = [];
      for (const endpoint of api.commands) {
        const before = await countEvents();
        const response = await send(endpoint, outsiders[who]);
        outcomes.push({
          endpoint: endpoint.name,
          status: response.status,
          detail: response.body.detail,
          recorded: (await countEvents()) - before,
        });
      }
      const onTheFamily = (endpoint: string) => endpoint.startsWith('POST /families/') || endpoint === 'POST /cases';
      const onTheChild = (endpoint: string) => endpoint.startsWith('POST /children/');
      const childRead = await t
        .http()
        .get(`/children/${existing.childId}`)
        .set('Authorization', bearer(outsiders[who]));
      expect(childRead.status).toBe(404);
      expect(outcomes).toEqual(
        outcomes.map(({ endpoint }) => ({
          endpoint,
          status: 404,
          // Word for word what a read says: nothing about what the case or family holds.
          detail: onTheFamily(endpoint)
            ? `Family ${existing.familyId} was not found`
            : onTheChild(endpoint)
              ? childRead.body.detail
              : read.body.detail,
          recorded: 0,
        })),
      );
    });
  });

  it('Given a closed case of team north, When another team records on it, Then the answer is the 404, not the rule that would say it is closed', async () => {
    const opened = await t.http().post('/cases').set('Authorization', bearer(holder)).send(aContact());
    expect(
      (
        await t
          .http()
          .post(`/cases/${opened.body.caseId}/closure`)
          .set('Authorization', bearer(holder))
          .send({ reason: 'RC7', summary: 'No longer in need' })
      ).status,
    ).toBe(201);
    const response = await t
      .http()
      .post(`/cases/${opened.body.caseId}/level-of-need`)
      .set('Authorization', bearer(outsiders['case worker of another team']))
      .send({ level: 'emerging', reason: 'Trying' });
    expect(response.status).toBe(404);
    expect(response.body).not.toHaveProperty('rule');
    expect(response.body.detail).toBe(`Case ${opened.body.caseId} was not found`);
  });

  it('Given the same case, When a manager of the holding team sends every command, Then none is refused by need-to-know: each is recorded or answered by its rules', async () => {
    const outcomes: Array<{ endpoint: string; status: number; code?: string }> = [];
    for (const endpoint of api.commands) {
      const response = await send(endpoint, insider);
      outcomes.push({ endpoint: endpoint.name, status: response.status, code: response.body.code });
    }
    // A rule may refuse (409) or not find what the body names (an entry to correct): never the case or family itself.
    const passed = outcomes.filter(
      ({ status, code }) =>
        status === 201 ||
        ([404, 409].includes(status) && code !== undefined && !['CASE.NOT_FOUND', 'FAMILY.NOT_FOUND'].includes(code)),
    );
    expect(outcomes.filter((outcome) => !passed.includes(outcome))).toEqual([]);
    // Most commands are valid on a new case: the matrix is not passing on refusals alone.
    expect(passed.filter(({ status }) => status === 201).length).toBeGreaterThanOrEqual(10);
  });
});

describe('Separation of duties, one test per row of the README table', () => {
  let t: TestApp;
  const bearer = (user: TestUser) => `Bearer ${t.token(user)}`;
  const post = (user: TestUser, path: string, body: object) =>
    t.http().post(path).set('Authorization', bearer(user)).send(body);
  const lena: TestUser = { sub: 'lena', name: 'Lena Lead', roles: ['case_worker'], team: 'north' };
  const mia: TestUser = { sub: 'mia', name: 'Mia Mash', roles: ['case_worker', 'mash'], team: 'north' };
  const max: TestUser = { sub: 'max', name: 'Max Hub', roles: ['case_worker'], team: 'mash' };
  const allTeams: TestUser = { sub: 'ada', name: 'Ada All', roles: ['manager'], team: 'south', allTeams: true };
  const newCase = async (user = holder) =>
    (await post(user, '/cases', aContact())).body as { caseId: string; familyId: string };
  const refusedAs = async (response: { status: number; body: { code?: string } }, code: string) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code });
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('Allocation: a case worker is refused; a manager of the holding team allocates, to configured teams only; an all-teams manager moves it to another team', async () => {
    const { caseId } = await newCase();
    const allocation = (team: string) => ({ worker: { id: 'nadia', name: 'Nadia North' }, team, reason: 'Caseload' });
    const before = await t.countEvents();
    await refusedAs(await post(holder, `/cases/${caseId}/allocation`, allocation('north')), 'DUTY.ALLOCATION');
    expect(
      (await post(outsiders['manager and MASH of another team'], `/cases/${caseId}/allocation`, allocation('south')))
        .status,
    ).toBe(404);
    expect(await t.countEvents()).toBe(before);
    expect((await post(insider, `/cases/${caseId}/allocation`, allocation('north'))).status).toBe(201);
    const unknownTeam = await post(insider, `/cases/${caseId}/allocation`, allocation('atlantis'));
    expect({ status: unknownTeam.status, code: unknownTeam.body.code }).toEqual({
      status: 409,
      code: 'ALLOCATION.UNKNOWN_TEAM',
    });
    const moved = await post(allTeams, `/cases/${caseId}/allocation`, {
      ...allocation('south'),
      worker: { id: 'sam', name: 'Sam South' },
    });
    expect(moved.status).toBe(201);
    // Need-to-know follows the case: read after the move, its old team no longer sees it.
    expect(
      (await t.http().get(`/cases/${caseId}?minPosition=${moved.body.position}`).set('Authorization', bearer(holder)))
        .status,
    ).toBe(404);
    expect(
      (
        await post(holder, `/cases/${caseId}/consents`, {
          scope: 'early_help',
          givenBy: 'parent_carer',
          decision: 'given',
        })
      ).status,
    ).toBe(404);
  });

  it('Lead professional and TAF: a worker who is not the lead is refused; the lead convenes the TAF and adds a member; a manager names a new lead', async () => {
    const { caseId, familyId } = await newCase();
    await post(holder, `/cases/${caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'given',
    });
    const lead = { name: 'Lena Lead', agency: 'Early Help', userId: 'lena' };
    expect((await post(holder, `/cases/${caseId}/early-help-assessment`, { leadProfessional: lead })).status).toBe(201);
    const taf = {
      kind: 'TAF',
      leadProfessional: lead,
      members: [{ name: 'Nadia North', agency: 'Early Help', userId: 'nadia' }],
    };
    const before = await t.countEvents();
    await refusedAs(await post(holder, `/families/${familyId}/team-around-the-family`, taf), 'DUTY.LEAD_PROFESSIONAL');
    expect(await t.countEvents()).toBe(before);
    expect((await post(lena, `/families/${familyId}/team-around-the-family`, taf)).status).toBe(201);
    const member = { member: { name: 'Yusuf Youth', agency: 'Youth service', userId: 'yusuf' } };
    await refusedAs(
      await post(holder, `/families/${familyId}/team-around-the-family/members`, member),
      'DUTY.LEAD_PROFESSIONAL',
    );
    expect((await post(lena, `/families/${familyId}/team-around-the-family/members`, member)).status).toBe(201);
    const newLead = {
      leadProfessional: { name: 'Nadia North', agency: 'Early Help', userId: 'nadia' },
      reason: 'Lena moves team',
    };
    await refusedAs(await post(holder, `/families/${familyId}/lead-professional`, newLead), 'DUTY.LEAD_PROFESSIONAL');
    expect((await post(insider, `/families/${familyId}/lead-professional`, newLead)).status).toBe(201);
  });

  it('Front door: a case worker is refused the BRAG rating, the MASH decision and telling the referrer; the `mash` role and a MASH team member may', async () => {
    const { caseId } = await newCase();
    // Passing to the Early Help Hub needs early help consent (R11).
    await post(holder, `/cases/${caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'given',
    });
    const before = await t.countEvents();
    await refusedAs(
      await post(holder, `/cases/${caseId}/mash/brag-rating`, { rating: 'amber', rationale: 'Neglect' }),
      'DUTY.MASH',
    );
    await refusedAs(
      await post(holder, `/cases/${caseId}/mash/decision`, { outcome: 'early_help_hub', rationale: 'Early help' }),
      'DUTY.MASH',
    );
    await refusedAs(await post(holder, `/cases/${caseId}/mash/referrer-notified`, { how: 'Phone' }), 'DUTY.MASH');
    expect(await t.countEvents()).toBe(before);
    expect(
      (await post(mia, `/cases/${caseId}/mash/brag-rating`, { rating: 'amber', rationale: 'Neglect' })).status,
    ).toBe(201);
    expect(
      (await post(mia, `/cases/${caseId}/mash/decision`, { outcome: 'early_help_hub', rationale: 'Early help' }))
        .status,
    ).toBe(201);
    expect((await post(mia, `/cases/${caseId}/mash/referrer-notified`, { how: 'Phone' })).status).toBe(201);
    // A member of a team in MASH_TEAMS (default `mash`) needs no `mash` role; the case is theirs while the MASH holds it.
    const atTheFrontDoor = await newCase(max);
    expect(
      (await post(max, `/cases/${atTheFrontDoor.caseId}/mash/brag-rating`, { rating: 'green', rationale: 'Low-level' }))
        .status,
    ).toBe(201);
  });

  it('Closure at specialist level: a case worker is refused, a manager closes; below specialist the worker closes', async () => {
    const specialist = await newCase();
    const stepUp = {
      level: 'specialist',
      reason: 'Disclosure',
      immediateRisk: { justification: 'Disclosure of assault' },
      parentsInformed: true,
    };
    expect((await post(holder, `/cases/${specialist.caseId}/level-of-need`, stepUp)).status).toBe(201);
    const closure = { reason: 'RC7', summary: 'Services no longer needed' };
    const before = await t.countEvents();
    await refusedAs(await post(holder, `/cases/${specialist.caseId}/closure`, closure), 'DUTY.SPECIALIST_CLOSURE');
    await refusedAs(
      await post(mia, `/cases/${specialist.caseId}/mash/decision`, {
        outcome: 'advice_and_close',
        rationale: 'Advice',
      }),
      'DUTY.SPECIALIST_CLOSURE',
    );
    expect(await t.countEvents()).toBe(before);
    expect((await post(insider, `/cases/${specialist.caseId}/closure`, closure)).status).toBe(201);
    const complex = await newCase();
    expect(
      (await post(holder, `/cases/${complex.caseId}/level-of-need`, { level: 'complex', reason: 'Needs' })).status,
    ).toBe(201);
    expect((await post(holder, `/cases/${complex.caseId}/closure`, closure)).status).toBe(201);
  });
});

describe('List reads in the access log', () => {
  let t: TestApp;
  let db: Client;
  const auditor: TestUser = { sub: 'audrey', roles: ['auditor'], team: 'audit' };
  const get = (user: TestUser, path: string, position: string) =>
    t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${t.token(user)}`)
      .set('X-Min-Position', position);

  beforeAll(async () => {
    t = await startTestApp();
    db = new Client({ connectionString: t.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('Given cases shown by the caseload, what is due and the information-sharing audit (JSON and CSV), Then each request is one access log row naming every case it showed, found by the auditor per case', async () => {
    const auth = `Bearer ${t.token(holder)}`;
    // Two different children: a contact about a child like one already recorded would also log the likely matches it showed (R42).
    const children = [
      { givenName: 'Amira', familyName: 'Khan', dateOfBirth: '2015-04-02', sex: 'female', disabilities: ['NONE'] },
      { givenName: 'Tomasz', familyName: 'Nowak', dateOfBirth: '2012-11-20', sex: 'male', disabilities: ['NONE'] },
    ];
    const opened = await Promise.all(
      children.map(
        async (child) => (await t.http().post('/cases').set('Authorization', auth).send(aContact({ child }))).body,
      ),
    );
    const shared = await t
      .http()
      .post(`/cases/${opened[0].caseId}/information-sharing-decisions`)
      .set('Authorization', auth)
      .send(aSharingDecision());
    expect(shared.status).toBe(201);
    const position = shared.body.position;
    const reads: Array<[TestUser, string, string]> = [
      [holder, '/cases', 'caseload'],
      [holder, '/timeliness', 'timeliness'],
      [auditor, '/audit/information-sharing', 'information-sharing-audit'],
      [auditor, '/audit/information-sharing?format=csv', 'information-sharing-audit'],
    ];
    for (const [user, path, view] of reads) {
      const correlationId = `list-read-${reads.findIndex((read) => read[1] === path)}`;
      const response = await get(user, path, position).set('X-Correlation-Id', correlationId);
      expect(response.status).toBe(200);
      const { rows } = await db.query(
        'select case_id, case_ids, view, actor_id from access_log where correlation_id = $1',
        [correlationId],
      );
      const expectedCases = path.startsWith('/audit') ? [opened[0].caseId] : opened.map((entry) => entry.caseId);
      expect(rows).toEqual([
        { case_id: null, case_ids: expect.arrayContaining(expectedCases), view, actor_id: user.sub },
      ]);
    }
    const log = await get(auditor, `/audit/access?caseId=${opened[1].caseId}`, position);
    expect(
      log.body.entries.map((entry: { view: string; actor: { id: string }; casesShown?: number }) => [
        entry.view,
        entry.actor.id,
        entry.casesShown,
      ]),
    ).toEqual([
      ['timeliness', 'nadia', 2],
      ['caseload', 'nadia', 2],
    ]);
  });
});
