import { DataSource } from 'typeorm';
import { EventStore } from '@windscreen/event-store';
import { Projection, PROJECTIONS, ProjectionProgress, rebuildProjection } from '@windscreen/projections';
import { aContact, startTestApp, TestApp, TestUser } from '@windscreen/testing';
import { PG_POOL } from '@windscreen/database';

/**
 * A small known history, recorded through the API with backdated `occurredAt` (all at 10:00 UTC,
 * so the UK day is the date written):
 *
 * A (Amira, cambridgeshire, team north): opened 6 Jan 2025; complex 10 Jan; up to specialist 10 Feb;
 *   down to complex 12 Mar (category corrected afterwards to needs_met); up to specialist 12 May; closed 11 Jun.
 * B (Zara, peterborough, north): opened 20 Jan; emerging 20 Jan; up to complex 19 Feb (no category);
 *   down to universal 20 Apr; closed 20 May; reopened 1 Sep. Family: EHA 22 Jan, TAF 28 Jan,
 *   EHA completed 5 Feb, Hub: district early help 6 Feb, Keep in Touch 1 Oct.
 * C (Leo, cambridgeshire, opened by team south): specialist 3 Feb; down to emerging 28 Feb;
 *   allocated to team east 1 Mar; up to specialist 15 Sep.
 * D: Amira again, a new case in A's family on 1 Jul (a re-referral); E: her sister, same day (not one).
 * F (Noah, opened in cambridgeshire on 3 Nov, area corrected to peterborough).
 */
describe('Managers’ trend reports (/reports/...)', () => {
  let t: TestApp;
  let recorded = 0n;
  const users = {
    alice: { sub: 'alice', roles: ['case_worker'], team: 'north', agency: 'Early Help' },
    priya: { sub: 'priya', roles: ['case_worker'], team: 'north', agency: 'Social Care' },
    bob: { sub: 'bob', roles: ['case_worker'], team: 'south', agency: 'Police' },
    erin: { sub: 'erin', roles: ['case_worker'], team: 'east', agency: 'Social Care' },
    // Managers, for the steps that are theirs (separation of duties): a TAF led by someone else, an allocation, a closure at specialist.
    nell: { sub: 'nell', roles: ['manager'], team: 'north', agency: 'Social Care' },
    sid: { sub: 'sid', roles: ['manager'], team: 'south', agency: 'Police' },
  } satisfies Record<string, TestUser>;
  let auditor: string;
  const year = 'from=2025-01-01&to=2025-12-31';

  const at = (day: string) => `${day}T10:00:00Z`;
  async function post(user: TestUser, path: string, body: object): Promise<Record<string, string>> {
    const response = await t
      .http()
      .post(path)
      .set('Authorization', `Bearer ${t.token(user)}`)
      .send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    if (BigInt(response.body.position) > recorded) recorded = BigInt(response.body.position);
    return response.body;
  }
  const open = (user: TestUser, day: string, overrides: Record<string, unknown> = {}) =>
    post(user, '/cases', {
      ...aContact({
        ...overrides,
        contact: { ...(aContact().contact as object), route: 'written', receivedAt: at(day) },
      }),
      occurredAt: at(day),
    });
  const level = (user: TestUser, caseId: string, day: string, to: string, reasonCategory?: string) =>
    post(user, `/cases/${caseId}/level-of-need`, {
      level: to,
      reason: `to ${to}`,
      occurredAt: at(day),
      ...(reasonCategory && { reasonCategory }),
      ...(to === 'specialist' && {
        immediateRisk: { justification: 'Injuries seen at school' },
        parentsInformed: true,
      }),
    });
  const close = (user: TestUser, caseId: string, day: string) =>
    post(user, `/cases/${caseId}/closure`, { reason: 'RC7', summary: 'Needs met', occurredAt: at(day) });
  async function eventOf(user: TestUser, caseId: string, type: string): Promise<string> {
    const history = await t
      .http()
      .get(`/cases/${caseId}/history`)
      .set('Authorization', `Bearer ${t.token(user)}`);
    return history.body.events.find((event: { type: string }) => event.type === type).id;
  }
  const get = (path: string, token = auditor) => t.http().get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startTestApp({ teams: ['north', 'south', 'east'] });
    auditor = t.token({ sub: 'ines', roles: ['auditor'], team: 'audit' });
    const { alice, priya, bob, erin, nell, sid } = users;
    const amira = {
      givenName: 'Amira',
      familyName: 'Khan',
      dateOfBirth: '2015-04-02',
      sex: 'female',
      disabilities: ['NONE'],
    };

    const a = await open(alice, '2025-01-06', { child: amira });
    const b = await open(alice, '2025-01-20', {
      area: 'peterborough',
      child: { ...amira, givenName: 'Zara', familyName: 'Jones' },
    });
    const c = await open(bob, '2025-02-03', { child: { ...amira, givenName: 'Leo', familyName: 'Brown' } });

    await level(alice, a.caseId, '2025-01-10', 'complex', 'new_information');
    await level(alice, b.caseId, '2025-01-20', 'emerging');
    await post(alice, `/cases/${b.caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: at('2025-01-21'),
    });
    const lead = { name: 'J. Smith', agency: 'Early Help' };
    await post(alice, `/cases/${b.caseId}/early-help-assessment`, {
      leadProfessional: lead,
      occurredAt: at('2025-01-22'),
    });
    await post(alice, `/families/${b.familyId}/early-help-assessment/need-and-strength`, {
      need: 'high',
      strength: 'low',
      rationale: 'r',
      occurredAt: at('2025-01-25'),
    });
    await post(nell, `/families/${b.familyId}/team-around-the-family`, {
      kind: 'TAF',
      leadProfessional: lead,
      members: [],
      occurredAt: at('2025-01-28'),
    });
    await level(bob, c.caseId, '2025-02-03', 'specialist', 'risk_of_significant_harm');
    await post(alice, `/families/${b.familyId}/early-help-assessment/completion`, {
      summary: 's',
      occurredAt: at('2025-02-05'),
    });
    await post(alice, `/families/${b.familyId}/early-help-hub-decision`, {
      decision: 'district_early_help_service',
      rationale: 'r',
      occurredAt: at('2025-02-06'),
    });
    await level(priya, a.caseId, '2025-02-10', 'specialist', 'risk_of_significant_harm');
    await level(alice, b.caseId, '2025-02-19', 'complex');
    await level(bob, c.caseId, '2025-02-28', 'emerging', 'needs_met');
    await post(sid, `/cases/${c.caseId}/allocation`, {
      worker: { id: 'erin', name: 'Erin' },
      team: 'east',
      reason: 'Moved',
      occurredAt: at('2025-03-01'),
    });
    await level(priya, a.caseId, '2025-03-12', 'complex', 'statutory_work_ended');
    await level(alice, b.caseId, '2025-04-20', 'universal', 'needs_met');
    await level(priya, a.caseId, '2025-05-12', 'specialist', 'needs_escalated');
    await close(alice, b.caseId, '2025-05-20');
    // R22: a correction re-files the step down (before the case closes: a closed case takes no corrections).
    await post(priya, `/cases/${a.caseId}/corrections`, {
      correctsEventId: await eventOf(priya, a.caseId, 'SteppedDown'),
      correctedValues: { reasonCategory: 'needs_met' },
      reason: 'Statutory work had not ended; the needs were met',
    });
    await close(nell, a.caseId, '2025-06-11');
    await open(alice, '2025-07-01', { familyId: a.familyId, child: amira });
    await open(alice, '2025-07-01', {
      familyId: a.familyId,
      child: { ...amira, givenName: 'Maya', dateOfBirth: '2017-06-01' },
    });
    await post(alice, `/cases/${b.caseId}/reopening`, {
      reason: 'New concerns from school',
      occurredAt: at('2025-09-01'),
    });
    await level(erin, c.caseId, '2025-09-15', 'specialist', 'new_information');
    await post(alice, `/families/${b.familyId}/keep-in-touch`, {
      reason: 'family_chose_not_to_engage',
      notAtRiskOfSignificantHarm: true,
      plan: 'Termly call',
      occurredAt: at('2025-10-01'),
    });
    const f = await open(alice, '2025-11-03', { child: { ...amira, givenName: 'Noah', familyName: 'Smith' } });

    // R22: a corrected area moves what was counted.
    await post(alice, `/cases/${f.caseId}/corrections`, {
      correctsEventId: await eventOf(alice, f.caseId, 'CaseOpened'),
      correctedValues: { area: 'peterborough' },
      reason: 'The family lives in Peterborough',
    });
    // Until the read models hold everything recorded (the position of the last command).
    expect(await t.app.get(ProjectionProgress).waitFor(recorded, 10000)).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  const zeroMonths = (keys: Record<string, number>) =>
    Object.fromEntries(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => [
        `2025-${m}`,
        { period: `2025-${m}`, ...keys },
      ]),
    );
  const monthly = (zero: Record<string, number>, nonZero: Record<string, Record<string, number>>) =>
    Object.values({
      ...zeroMonths(zero),
      ...Object.fromEntries(Object.entries(nonZero).map(([period, row]) => [period, { period, ...zero, ...row }])),
    });

  it('Given the history, When an auditor reads transitions by month, Then every month of the year appears with its steps up and down', async () => {
    const response = await get(`/reports/transitions?${year}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      report: 'transitions',
      filters: { from: '2025-01-01', to: '2025-12-31', interval: 'month', area: null, team: null },
      columns: [
        { key: 'period', label: 'Month' },
        { key: 'stepUps', label: 'Step-ups' },
        { key: 'stepDowns', label: 'Step-downs' },
      ],
      rows: monthly(
        { stepUps: 0, stepDowns: 0 },
        {
          '2025-02': { stepUps: 2, stepDowns: 1 },
          '2025-03': { stepDowns: 1 },
          '2025-04': { stepDowns: 1 },
          '2025-05': { stepUps: 1 },
          '2025-09': { stepUps: 1 },
        },
      ),
    });
  });

  it('Given the history, When transitions are read by quarter and by ISO week, Then the periods are labelled 2025-Q1 and 2025-W07', async () => {
    expect((await get(`/reports/transitions?${year}&interval=quarter`)).body.rows).toEqual([
      { period: '2025-Q1', stepUps: 2, stepDowns: 2 },
      { period: '2025-Q2', stepUps: 1, stepDowns: 1 },
      { period: '2025-Q3', stepUps: 1, stepDowns: 0 },
      { period: '2025-Q4', stepUps: 0, stepDowns: 0 },
    ]);
    const weeks = await get('/reports/transitions?from=2025-02-10&to=2025-02-28&interval=week');
    expect(weeks.body.columns[0]).toEqual({ key: 'period', label: 'Week' });
    expect(weeks.body.rows).toEqual([
      { period: '2025-W07', stepUps: 1, stepDowns: 0 },
      { period: '2025-W08', stepUps: 1, stepDowns: 0 },
      { period: '2025-W09', stepUps: 0, stepDowns: 1 },
    ]);
  });

  it('Given the history, When transitions are filtered by area or team, Then only those steps count; the team is the one holding the case at the time', async () => {
    expect((await get(`/reports/transitions?${year}&interval=quarter&area=peterborough`)).body.rows).toEqual([
      { period: '2025-Q1', stepUps: 1, stepDowns: 0 },
      { period: '2025-Q2', stepUps: 0, stepDowns: 1 },
      { period: '2025-Q3', stepUps: 0, stepDowns: 0 },
      { period: '2025-Q4', stepUps: 0, stepDowns: 0 },
    ]);
    const south = await get(`/reports/transitions?${year}&interval=quarter&team=south`);
    expect(south.body.filters.team).toBe('south');
    expect(south.body.rows.map((row: { stepUps: number; stepDowns: number }) => [row.stepUps, row.stepDowns])).toEqual([
      [0, 1],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const east = await get(`/reports/transitions?${year}&interval=quarter&team=east`);
    expect(east.body.rows.map((row: { stepUps: number; stepDowns: number }) => [row.stepUps, row.stepDowns])).toEqual([
      [0, 0],
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
  });

  it('Given the history, When the transitions detail is read, Then each step is filed by levels, area, team, stepping agency and reason category (corrected, or not_recorded)', async () => {
    const response = await get(`/reports/transitions/detail?${year}`);
    expect(response.body.columns.map((column: { key: string }) => column.key)).toEqual([
      'period',
      'from',
      'to',
      'direction',
      'area',
      'team',
      'agency',
      'reasonCategory',
      'count',
    ]);
    expect(response.body.rows).toEqual([
      {
        period: '2025-02',
        from: 'emerging',
        to: 'complex',
        direction: 'up',
        area: 'peterborough',
        team: 'north',
        agency: 'Early Help',
        reasonCategory: 'not_recorded',
        count: 1,
      },
      {
        period: '2025-02',
        from: 'complex',
        to: 'specialist',
        direction: 'up',
        area: 'cambridgeshire',
        team: 'north',
        agency: 'Social Care',
        reasonCategory: 'risk_of_significant_harm',
        count: 1,
      },
      {
        period: '2025-02',
        from: 'specialist',
        to: 'emerging',
        direction: 'down',
        area: 'cambridgeshire',
        team: 'south',
        agency: 'Police',
        reasonCategory: 'needs_met',
        count: 1,
      },
      {
        period: '2025-03',
        from: 'specialist',
        to: 'complex',
        direction: 'down',
        area: 'cambridgeshire',
        team: 'north',
        agency: 'Social Care',
        reasonCategory: 'needs_met',
        count: 1,
      },
      {
        period: '2025-04',
        from: 'complex',
        to: 'universal',
        direction: 'down',
        area: 'peterborough',
        team: 'north',
        agency: 'Early Help',
        reasonCategory: 'needs_met',
        count: 1,
      },
      {
        period: '2025-05',
        from: 'complex',
        to: 'specialist',
        direction: 'up',
        area: 'cambridgeshire',
        team: 'north',
        agency: 'Social Care',
        reasonCategory: 'needs_escalated',
        count: 1,
      },
      {
        period: '2025-09',
        from: 'emerging',
        to: 'specialist',
        direction: 'up',
        area: 'cambridgeshire',
        team: 'east',
        agency: 'Social Care',
        reasonCategory: 'new_information',
        count: 1,
      },
    ]);
  });

  it('Given the history, When the flow is read, Then each child is counted once per move, from a new contact to closure', async () => {
    const response = await get(`/reports/flow?${year}`);
    expect(response.body.rows).toEqual([
      { from: 'new_contact', to: 'emerging', children: 1 },
      { from: 'new_contact', to: 'complex', children: 1 },
      { from: 'new_contact', to: 'specialist', children: 1 },
      { from: 'universal', to: 'closed', children: 1 },
      { from: 'emerging', to: 'complex', children: 1 },
      { from: 'emerging', to: 'specialist', children: 1 },
      { from: 'complex', to: 'universal', children: 1 },
      { from: 'complex', to: 'specialist', children: 1 }, // A, twice
      { from: 'specialist', to: 'emerging', children: 1 },
      { from: 'specialist', to: 'complex', children: 1 },
      { from: 'specialist', to: 'closed', children: 1 },
    ]);
    const north = await get(`/reports/flow?${year}&team=north`);
    expect(north.body.rows).toHaveLength(8);
  });

  it('Given the history, When time at level is read, Then each level has its exits, median and 90th percentile days', async () => {
    const response = await get(`/reports/time-at-level?${year}`);
    expect(response.body.rows).toEqual([
      { level: 'universal', exits: 1, medianDays: 30, p90Days: 30 },
      { level: 'emerging', exits: 2, medianDays: 114.5, p90Days: 182.1 }, // 30 (B) and 199 (C)
      { level: 'complex', exits: 3, medianDays: 60, p90Days: 60.8 }, // 31, 60, 61
      { level: 'specialist', exits: 3, medianDays: 30, p90Days: 30 }, // 25, 30, 30
    ]);
    expect((await get(`/reports/time-at-level?${year}&team=north`)).body.rows[1]).toEqual({
      level: 'emerging',
      exits: 1,
      medianDays: 30,
      p90Days: 30,
    });
    expect((await get('/reports/time-at-level?from=2024-01-01&to=2024-12-31')).body.rows[0]).toEqual({
      level: 'universal',
      exits: 0,
      medianDays: null,
      p90Days: null,
    });
  });

  it('Given steps down from specialist, When durability is read, Then each is counted in its month with whether the child came back up within 3, 6 and 12 months', async () => {
    const response = await get(`/reports/step-down-durability?${year}`);
    const zero = { steppedDown: 0, backUpWithin3Months: 0, backUpWithin6Months: 0, backUpWithin12Months: 0 };
    expect(response.body.rows).toEqual(
      monthly(zero, {
        '2025-02': { steppedDown: 1, backUpWithin12Months: 1 }, // C: back up after six and a half months
        '2025-03': { steppedDown: 1, backUpWithin3Months: 1, backUpWithin6Months: 1, backUpWithin12Months: 1 }, // A: two months
      }),
    );
  });

  it('Given contacts, reopenings and moves to specialist, When re-referrals are read, Then only referrals count, each within 12 months of a previous one of the same child a re-referral (R28)', async () => {
    const response = await get(`/reports/re-referrals?${year}`);
    const zero = { referrals: 0, reReferrals: 0, rate: 0 };
    // Contacts (A, B, C, D, E, F) and B's reopening are not referrals; moves to specialist are.
    expect(response.body.rows).toEqual(
      monthly(zero, {
        '2025-02': { referrals: 2 }, // C assessed at specialist, A stepped up
        '2025-05': { referrals: 1, reReferrals: 1, rate: 1 }, // A back at specialist after its step down in March
        '2025-09': { referrals: 1, reReferrals: 1, rate: 1 }, // C back at specialist, 7 months after its first referral
      }),
    );
    const cambridgeshire = await get(`/reports/re-referrals?${year}&area=cambridgeshire&interval=quarter`);
    expect(cambridgeshire.body.rows).toEqual([
      { period: '2025-Q1', referrals: 2, reReferrals: 0, rate: 0 },
      { period: '2025-Q2', referrals: 1, reReferrals: 1, rate: 1 },
      { period: '2025-Q3', referrals: 1, reReferrals: 1, rate: 1 },
      { period: '2025-Q4', referrals: 0, reReferrals: 0, rate: 0 },
    ]);
    const peterborough = await get(`/reports/re-referrals?${year}&area=peterborough&interval=quarter`);
    expect(peterborough.body.rows.every((row: { referrals: number }) => row.referrals === 0)).toBe(true);
  });

  it('Given a family’s early help, When the early help report is read, Then EHAs, TAF, Hub decision and Keep in Touch count in their months', async () => {
    const response = await get(`/reports/early-help?${year}&team=north`);
    const zero = {
      ehasStarted: 0,
      ehasCompleted: 0,
      tafsConvened: 0,
      tacsConvened: 0,
      hubEscalatedToMash: 0,
      hubDistrictEarlyHelp: 0,
      hubSignposted: 0,
      hubAdviceAndInformation: 0,
      keepInTouchStarted: 0,
    };
    expect(response.body.rows).toEqual(
      monthly(zero, {
        '2025-01': { ehasStarted: 1, tafsConvened: 1 },
        '2025-02': { ehasCompleted: 1, hubDistrictEarlyHelp: 1 },
        '2025-10': { keepInTouchStarted: 1 },
      }),
    );
    const quarters = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];
    expect((await get(`/reports/early-help?${year}&area=cambridgeshire&interval=quarter`)).body.rows).toEqual(
      quarters.map((period) => ({ period, ...zero })),
    );
    expect((await get(`/reports/early-help?${year}&team=south&interval=quarter`)).body.rows).toEqual(
      quarters.map((period) => ({ period, ...zero })),
    );
  });

  it('Given a report, When it is asked for as CSV, Then the same columns and rows come with the labels as header', async () => {
    const csv = await get(`/reports/transitions?${year}&interval=quarter&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="transitions.csv"');
    expect(csv.text).toBe(
      'Quarter,Step-ups,Step-downs\r\n2025-Q1,2,2\r\n2025-Q2,1,1\r\n2025-Q3,1,0\r\n2025-Q4,0,0\r\n',
    );
    const accepted = await get(`/reports/time-at-level?${year}`).set('Accept', 'text/csv');
    expect(accepted.text.split('\r\n').slice(0, 2)).toEqual([
      'Level,Exits,Median days,90th percentile days',
      'universal,1,30,30',
    ]);
    const empty = await get('/reports/time-at-level?from=2024-01-01&to=2024-12-31&format=csv');
    expect(empty.text.split('\r\n')[1]).toBe('universal,0,,');
  });

  it('Given a manager without the all-teams claim, When they read a report, Then they see their own team only and another team is refused', async () => {
    const manager = t.token({ sub: 'mo', roles: ['manager'], team: 'north' });
    const own = await get(`/reports/transitions?${year}&interval=quarter`, manager);
    expect(own.status).toBe(200);
    expect(own.body.filters.team).toBe('north');
    expect(own.body.rows[0]).toEqual({ period: '2025-Q1', stepUps: 2, stepDowns: 1 }); // not C's step down (south)
    expect((await get(`/reports/transitions?${year}&team=north`, manager)).status).toBe(200);
    const other = await get(`/reports/transitions?${year}&team=south`, manager);
    expect(other.status).toBe(403);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('Given a manager with the all-teams claim, When they read a report, Then they see every team unless they filter', async () => {
    const manager = t.token({ sub: 'head', roles: ['manager'], team: 'north', allTeams: true });
    const all = await get(`/reports/transitions?${year}&interval=quarter`, manager);
    expect(all.body.filters.team).toBeNull();
    expect(all.body.rows[0]).toEqual({ period: '2025-Q1', stepUps: 2, stepDowns: 2 });
    expect((await get(`/reports/transitions?${year}&interval=quarter&team=south`, manager)).body.rows[0]).toEqual({
      period: '2025-Q1',
      stepUps: 0,
      stepDowns: 1,
    });
  });

  it.each([['case_worker'], ['admin']] as const)(
    'Given a %s, When they ask for any report, Then it is refused (403)',
    async (role) => {
      const token = t.token({ sub: 'someone', roles: [role], team: 'north' });
      for (const name of [
        'transitions',
        'transitions/detail',
        'flow',
        'time-at-level',
        'step-down-durability',
        're-referrals',
        'timeliness',
        'early-help',
      ]) {
        expect((await get(`/reports/${name}`, token)).status).toBe(403);
      }
      expect((await t.http().get('/reports/transitions')).status).toBe(401);
    },
  );

  it.each([
    ['interval=day', 'interval'],
    ['from=2025-02-30', 'from'],
    ['from=2025-1-01', 'from'],
    ['to=yesterday', 'to'],
    ['from=2025-12-01&to=2025-01-01', 'from'],
    ['from=2000-01-01&to=2025-01-01', 'from'],
    ['area=london', 'area'],
    ['team=', 'team'],
    ['format=xml', 'format'],
    ['colour=red', 'colour'],
  ])('Given the filter %s, When a report is asked for, Then it is a 400 naming %s', async (filter, field) => {
    const response = await get(`/reports/flow?${filter}`);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
  });

  it('Given no dates, When a report is asked for, Then it covers the 12 months ending today (UK)', async () => {
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    const [y, m, d] = today.split('-').map(Number);
    const sameDayLastYear = Date.UTC(y - 1, m - 1, Math.min(d, new Date(Date.UTC(y - 1, m, 0)).getUTCDate()));
    const yearBefore = new Date(sameDayLastYear + 86_400_000).toISOString().slice(0, 10);
    const response = await get('/reports/re-referrals');
    expect(response.body.filters).toEqual({ from: yearBefore, to: today, interval: 'month', area: null, team: null });
    expect(response.body.rows[0].period).toBe(yearBefore.slice(0, 7));
    expect(response.body.rows.at(-1).period).toBe(today.slice(0, 7));
  });

  it('Given the history, When the reports projection is rebuilt from position 0, Then its tables and answers are the same', async () => {
    const dataSource = t.app.get(DataSource);
    const projection = t.app.get<Projection[]>(PROJECTIONS).find((candidate) => candidate.name === 'reports')!;
    const snapshot = () =>
      Promise.all(projection.tables.map((table) => dataSource.query(`select * from ${table} t order by t::text`)));
    const answers = () =>
      Promise.all(
        ['transitions/detail', 'flow', 'time-at-level', 'step-down-durability', 're-referrals', 'early-help'].map(
          async (name) => (await get(`/reports/${name}?${year}`)).body,
        ),
      );
    const [tablesBefore, answersBefore] = [await snapshot(), await answers()];
    expect(tablesBefore.every((rows) => rows.length > 0)).toBe(true);
    await rebuildProjection(t.app.get(PG_POOL), t.app.get(EventStore), projection);
    expect(await snapshot()).toEqual(tablesBefore);
    expect(await answers()).toEqual(answersBefore);
  });
});

/**
 * Timeliness reads the timeliness read model. In March 2025 (team north), three telephone contacts:
 * T1 followed up in writing within 24 hours, rated red and decided within 4 hours, referrer told
 * within a working day; T2 followed up late, rated amber and decided late, referrer never told;
 * T3 never followed up, rated green and never decided. T4 is a telephone contact received now;
 * T5 and T6 were received a day ago, so their written follow-ups fall due a minute ago and in a minute.
 */
describe('Managers’ trend reports: timeliness', () => {
  let t: TestApp;
  let recorded = 0n;
  const worker: TestUser = { sub: 'alice', roles: ['case_worker', 'mash'], team: 'north', agency: 'MASH' };
  async function post(path: string, body: object): Promise<Record<string, string>> {
    const response = await t
      .http()
      .post(path)
      .set('Authorization', `Bearer ${t.token(worker)}`)
      .send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    if (BigInt(response.body.position) > recorded) recorded = BigInt(response.body.position);
    return response.body;
  }
  const telephone = (at: string) =>
    post('/cases', {
      ...aContact({ contact: { ...(aContact().contact as object), route: 'telephone', receivedAt: at } }),
      occurredAt: at,
    });
  const mash = (caseId: string, step: string, at: string, body: object = {}) =>
    post(`/cases/${caseId}/mash/${step}`, { ...body, occurredAt: at });

  beforeAll(async () => {
    t = await startTestApp();
    const t1 = await telephone('2025-03-03T09:00:00Z');
    await mash(t1.caseId, 'written-follow-up', '2025-03-03T15:00:00Z');
    await mash(t1.caseId, 'brag-rating', '2025-03-03T10:00:00Z', { rating: 'red', rationale: 'Injury' });
    await post(`/cases/${t1.caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: '2025-03-03T11:00:00Z',
    });
    await mash(t1.caseId, 'decision', '2025-03-03T12:00:00Z', { outcome: 'early_help_hub', rationale: 'r' });
    await mash(t1.caseId, 'referrer-notified', '2025-03-04T10:00:00Z', { how: 'Telephone' });
    const t2 = await telephone('2025-03-10T09:00:00Z');
    await mash(t2.caseId, 'written-follow-up', '2025-03-12T09:00:00Z');
    await mash(t2.caseId, 'brag-rating', '2025-03-10T10:00:00Z', { rating: 'amber', rationale: 'Concerns' });
    await post(`/cases/${t2.caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: '2025-03-10T17:00:00Z',
    });
    await mash(t2.caseId, 'decision', '2025-03-10T18:00:00Z', { outcome: 'early_help_hub', rationale: 'r' });
    const t3 = await telephone('2025-03-20T09:00:00Z');
    await mash(t3.caseId, 'brag-rating', '2025-03-20T10:00:00Z', { rating: 'green', rationale: 'Wellbeing' });
    await telephone(new Date().toISOString());
    await telephone(new Date(Date.now() - 24 * 3_600_000 - 60_000).toISOString());
    await telephone(new Date(Date.now() - 24 * 3_600_000 + 60_000).toISOString());
    // Until the read models hold everything recorded (the position of the last command).
    expect(await t.app.get(ProjectionProgress).waitFor(recorded, 10000)).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  const auditor = () => `Bearer ${t.token({ sub: 'ines', roles: ['auditor'], team: 'audit' })}`;

  it('Given items due in March, When timeliness is read by month, Then each rule has its items due, on time, late (done late or overdue) and its on-time rate', async () => {
    const response = await t
      .http()
      .get('/reports/timeliness?from=2025-03-01&to=2025-03-31')
      .set('Authorization', auditor());
    expect(response.status).toBe(200);
    expect(response.body.columns.map((column: { key: string }) => column.key)).toEqual([
      'period',
      'rule',
      'due',
      'onTime',
      'late',
      'outstanding',
      'onTimeRate',
    ]);
    const none = { due: 0, onTime: 0, late: 0, outstanding: 0, onTimeRate: null };
    expect(response.body.rows).toEqual([
      { period: '2025-03', rule: 'R10', due: 3, onTime: 1, late: 2, outstanding: 0, onTimeRate: 0.333 },
      { period: '2025-03', rule: 'R11-red', due: 1, onTime: 1, late: 0, outstanding: 0, onTimeRate: 1 },
      { period: '2025-03', rule: 'R11-amber', due: 1, onTime: 0, late: 1, outstanding: 0, onTimeRate: 0 },
      { period: '2025-03', rule: 'R11-green', due: 1, onTime: 0, late: 1, outstanding: 0, onTimeRate: 0 },
      { period: '2025-03', rule: 'R13', due: 2, onTime: 1, late: 1, outstanding: 0, onTimeRate: 0.5 },
      { period: '2025-03', rule: 'R33', ...none },
      { period: '2025-03', rule: 'S17', ...none },
      { period: '2025-03', rule: 'ICPC', ...none },
      { period: '2025-03', rule: 'core-group', ...none },
      { period: '2025-03', rule: 'RCPC', ...none },
      { period: '2025-03', rule: 'CIN-review', ...none },
      { period: '2025-03', rule: 'TAF-review', ...none },
      // R35: every entry of March was recorded today, more than 2 working days later.
      { period: '2025-03', rule: 'recorded-late', due: 13, onTime: 0, late: 13, outstanding: 0, onTimeRate: 0 },
    ]);
  });

  const ukDay = (at: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(at);
  const writtenFollowUps = async (from: string, to: string) => {
    const response = await t
      .http()
      .get(`/reports/timeliness?from=${from}&to=${to}&interval=week`)
      .set('Authorization', auditor());
    expect(response.status).toBe(200);
    const r10 = response.body.rows.filter((row: { rule: string }) => row.rule === 'R10');
    const total = (key: 'due' | 'late' | 'outstanding') =>
      r10.reduce((sum: number, row: Record<string, number>) => sum + row[key], 0);
    return { due: total('due'), late: total('late'), outstanding: total('outstanding') };
  };

  it('Given follow-ups due a minute ago, in a minute and tomorrow, When timeliness is read for the coming days, Then the first is late and the others outstanding', async () => {
    const aMinuteAgo = ukDay(new Date(Date.now() - 60_000));
    const inTwoDays = ukDay(new Date(Date.now() + 2 * 86_400_000));
    expect(await writtenFollowUps(aMinuteAgo, inTwoDays)).toEqual({ due: 3, late: 1, outstanding: 2 });
  });

  it('Given follow-ups due a minute either side of now, When timeliness is read for today alone, Then the one past due is late and the other outstanding', async () => {
    const today = ukDay(new Date());
    // Both fall due today unless the test runs within a minute of midnight in London.
    if (ukDay(new Date(Date.now() - 60_000)) !== today || ukDay(new Date(Date.now() + 60_000)) !== today) {
      console.log(
        'timeliness for today alone not checked: within a minute of midnight in London, the two follow-ups fall on different days',
      );
      return;
    }
    expect(await writtenFollowUps(today, today)).toEqual({ due: 2, late: 1, outstanding: 1 });
  });

  it('Given the items of team north, When a manager of another team reads timeliness, Then they see none of them; filtered by area, the same', async () => {
    const south = `Bearer ${t.token({ sub: 'sam', roles: ['manager'], team: 'south' })}`;
    const theirs = await t
      .http()
      .get('/reports/timeliness?from=2025-03-01&to=2025-03-31&format=csv')
      .set('Authorization', south);
    expect(theirs.text.split('\r\n')).toEqual([
      'Month,Rule,Due,On time,Late,Outstanding,On-time rate',
      ...[
        'R10',
        'R11-red',
        'R11-amber',
        'R11-green',
        'R13',
        'R33',
        'S17',
        'ICPC',
        'core-group',
        'RCPC',
        'CIN-review',
        'TAF-review',
        'recorded-late',
      ].map((rule) => `2025-03,${rule},0,0,0,0,`),
      '',
    ]);
    const peterborough = await t
      .http()
      .get('/reports/timeliness?from=2025-03-01&to=2025-03-31&area=peterborough')
      .set('Authorization', auditor());
    expect(peterborough.body.rows.every((row: { due: number }) => row.due === 0)).toBe(true);
  });
});

/** The reports projection rebuilt from the log has the same tables as kept live. */
async function expectReportsRebuildUnchanged(t: TestApp): Promise<void> {
  const dataSource = t.app.get(DataSource);
  const projection = t.app.get<Projection[]>(PROJECTIONS).find((candidate) => candidate.name === 'reports')!;
  const snapshot = () =>
    Promise.all(projection.tables.map((table) => dataSource.query(`select * from ${table} t order by t::text`)));
  const before = await snapshot();
  await rebuildProjection(t.app.get(PG_POOL), t.app.get(EventStore), projection);
  expect(await snapshot()).toEqual(before);
}

describe('Managers’ trend reports: a corrected area (R22)', () => {
  let t: TestApp;
  let recorded = 0n;
  const worker: TestUser = { sub: 'alice', roles: ['case_worker'], team: 'north', agency: 'Early Help' };
  async function post(path: string, body: object): Promise<Record<string, string>> {
    const response = await t
      .http()
      .post(path)
      .set('Authorization', `Bearer ${t.token(worker)}`)
      .send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    if (BigInt(response.body.position) > recorded) recorded = BigInt(response.body.position);
    return response.body;
  }
  const at = (day: string) => `${day}T10:00:00Z`;
  const specialist = { immediateRisk: { justification: 'Injuries' }, parentsInformed: true };
  const rows = async (report: string, area: string) =>
    (
      await t
        .http()
        .get(`/reports/${report}?from=2025-01-01&to=2025-03-31&interval=quarter&area=${area}`)
        .set('Authorization', `Bearer ${t.token({ sub: 'ines', roles: ['auditor'] })}`)
    ).body.rows;

  beforeAll(async () => {
    t = await startTestApp();
    const x = await post('/cases', {
      ...aContact({ contact: { ...(aContact().contact as object), route: 'written', receivedAt: at('2025-01-06') } }),
      occurredAt: at('2025-01-06'),
    });
    await post(`/cases/${x.caseId}/level-of-need`, {
      level: 'specialist',
      reason: 'r',
      ...specialist,
      occurredAt: at('2025-01-07'),
    });
    await post(`/cases/${x.caseId}/level-of-need`, {
      level: 'complex',
      reason: 'r',
      reasonCategory: 'statutory_work_ended',
      occurredAt: at('2025-02-03'),
    });
    await post(`/cases/${x.caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: at('2025-02-04'),
    });
    await post(`/cases/${x.caseId}/early-help-assessment`, {
      leadProfessional: { name: 'J. Smith', agency: 'Early Help' },
      occurredAt: at('2025-02-04'),
    });
    await post(`/cases/${x.caseId}/level-of-need`, {
      level: 'specialist',
      reason: 'r',
      ...specialist,
      occurredAt: at('2025-03-03'),
    });
    const history = await t
      .http()
      .get(`/cases/${x.caseId}/history`)
      .set('Authorization', `Bearer ${t.token(worker)}`);
    const opened = history.body.events.find((event: { type: string }) => event.type === 'CaseOpened');
    await post(`/cases/${x.caseId}/corrections`, {
      correctsEventId: opened.id,
      correctedValues: { area: 'peterborough' },
      reason: 'The family lives in Peterborough',
    });
    // Until the read models hold everything recorded (the position of the last command).
    expect(await t.app.get(ProjectionProgress).waitFor(recorded, 10000)).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('Given a case whose area is corrected after its steps, When reports are filtered by area, Then everything it counted has moved to the corrected area', async () => {
    expect(await rows('transitions', 'peterborough')).toEqual([{ period: '2025-Q1', stepUps: 1, stepDowns: 1 }]);
    expect(await rows('transitions', 'cambridgeshire')).toEqual([{ period: '2025-Q1', stepUps: 0, stepDowns: 0 }]);
    expect(await rows('step-down-durability', 'peterborough')).toEqual([
      { period: '2025-Q1', steppedDown: 1, backUpWithin3Months: 1, backUpWithin6Months: 1, backUpWithin12Months: 1 },
    ]);
    expect((await rows('step-down-durability', 'cambridgeshire'))[0].steppedDown).toBe(0);
    expect(await rows('flow', 'peterborough')).toEqual([
      { from: 'new_contact', to: 'specialist', children: 1 },
      { from: 'complex', to: 'specialist', children: 1 },
      { from: 'specialist', to: 'complex', children: 1 },
    ]);
    expect(await rows('flow', 'cambridgeshire')).toEqual([]);
    expect((await rows('early-help', 'peterborough'))[0].ehasStarted).toBe(1);
    expect((await rows('early-help', 'cambridgeshire'))[0].ehasStarted).toBe(0);
    expect((await rows('re-referrals', 'peterborough'))[0]).toMatchObject({ referrals: 2, reReferrals: 1 });
    expect((await rows('re-referrals', 'cambridgeshire'))[0].referrals).toBe(0);
    expect((await rows('time-at-level', 'peterborough')).filter((row: { exits: number }) => row.exits > 0)).toEqual([
      { level: 'complex', exits: 1, medianDays: 28, p90Days: 28 },
      { level: 'specialist', exits: 1, medianDays: 27, p90Days: 27 },
    ]);
    expect(
      (await rows('transitions/detail', 'peterborough')).map((row: { reasonCategory: string }) => row.reasonCategory),
    ).toEqual(['not_recorded', 'statutory_work_ended']);
  });

  it('Given the correction, When the reports projection is rebuilt, Then its tables are the same', async () => {
    await expectReportsRebuildUnchanged(t);
  });
});

describe('Managers’ trend reports: a corrected level (R22, R36)', () => {
  let t: TestApp;
  let recorded = 0n;
  const worker: TestUser = { sub: 'alice', roles: ['case_worker'], team: 'north', agency: 'Early Help' };
  const auth = () => `Bearer ${t.token(worker)}`;
  async function post(path: string, body: object): Promise<Record<string, string>> {
    const response = await t.http().post(path).set('Authorization', auth()).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    if (BigInt(response.body.position) > recorded) recorded = BigInt(response.body.position);
    return response.body;
  }
  const at = (day: string) => `${day}T10:00:00Z`;
  const rows = async (report: string) => {
    expect(await t.app.get(ProjectionProgress).waitFor(recorded, 10000)).toBe(true);
    return (
      await t
        .http()
        .get(`/reports/${report}?from=2025-01-01&to=2025-03-31&interval=quarter`)
        .set('Authorization', `Bearer ${t.token({ sub: 'ines', roles: ['auditor'] })}`)
    ).body.rows;
  };
  const eventOf = async (caseId: string, type: string) =>
    (await t.http().get(`/cases/${caseId}/history`).set('Authorization', auth())).body.events
      .filter((event: { type: string }) => event.type === type)
      .at(-1).id;
  const open = (day: string) =>
    post('/cases', {
      ...aContact({ contact: { ...(aContact().contact as object), route: 'written', receivedAt: at(day) } }),
      occurredAt: at(day),
    });
  let x: Record<string, string>;
  let y: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    x = await open('2025-01-06');
    await post(`/cases/${x.caseId}/level-of-need`, { level: 'emerging', reason: 'r', occurredAt: at('2025-01-07') });
    await post(`/cases/${x.caseId}/level-of-need`, {
      level: 'complex',
      reason: 'Keyed on the wrong child',
      occurredAt: at('2025-01-14'),
    });
    y = await open('2025-02-03');
    await post(`/cases/${y.caseId}/level-of-need`, { level: 'complex', reason: 'r', occurredAt: at('2025-02-04') });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('Given a mis-keyed step up and a mis-keyed assessment, When their levels are corrected, Then the reports re-file them and count no step that never happened', async () => {
    expect(await rows('transitions')).toEqual([{ period: '2025-Q1', stepUps: 1, stepDowns: 0 }]);
    expect(await rows('flow')).toEqual([
      { from: 'new_contact', to: 'emerging', children: 1 },
      { from: 'new_contact', to: 'complex', children: 1 },
      { from: 'emerging', to: 'complex', children: 1 },
    ]);

    await post(`/cases/${x.caseId}/corrections`, {
      correctsEventId: await eventOf(x.caseId, 'SteppedUp'),
      correctedValues: { to: 'emerging' },
      reason: 'The step up was keyed on the wrong child',
    });
    await post(`/cases/${y.caseId}/corrections`, {
      correctsEventId: await eventOf(y.caseId, 'LevelOfNeedAssessed'),
      correctedValues: { level: 'emerging' },
      reason: 'Assessed as emerging needs',
    });

    expect(await rows('transitions')).toEqual([{ period: '2025-Q1', stepUps: 0, stepDowns: 0 }]);
    expect(await rows('transitions/detail')).toEqual([]);
    expect(await rows('flow')).toEqual([{ from: 'new_contact', to: 'emerging', children: 2 }]);
    // The summary shows the corrected level; the chronology keeps both, the correction beside the entry.
    const summary = await t.http().get(`/cases/${x.caseId}?minPosition=${recorded}`).set('Authorization', auth());
    expect(summary.body.level).toBe('emerging');
    const chronology = await t.http().get(`/cases/${x.caseId}/chronology`).set('Authorization', auth());
    const step = chronology.body.entries.find((entry: { type: string }) => entry.type === 'SteppedUp');
    expect(step.corrections[0]).toMatchObject({
      originalValues: { to: 'complex' },
      correctedValues: { to: 'emerging' },
    });
  });

  it('Given the corrections, When the reports projection is rebuilt, Then its tables are the same', async () => {
    expect(await t.app.get(ProjectionProgress).waitFor(recorded, 10000)).toBe(true);
    await expectReportsRebuildUnchanged(t);
  });
});
