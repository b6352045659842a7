import { aContact, startTestApp, TestApp, TestUser } from '@windscreen/testing';

/**
 * Need-to-know (000: records "will be accessed only by staff who need to see them in order to do
 * their jobs"): each role against each view of one case, table-driven.
 */
describe('Need-to-know access to a case', () => {
  let t: TestApp;
  let caseId: string;
  let familyId: string;
  let lastPosition = '0';

  const users: Record<string, TestUser> = {
    'case worker of the holding team': { sub: 'alice', roles: ['case_worker'], team: 'north' },
    'case worker of another team': { sub: 'carol', roles: ['case_worker'], team: 'south' },
    'allocated worker of another team': { sub: 'bob', roles: ['case_worker'], team: 'east' },
    'lead professional of the family': { sub: 'lp', roles: ['case_worker'], team: 'west' },
    'TAF member of the family': { sub: 'tm', roles: ['case_worker'], team: 'west' },
    'manager of the holding team': { sub: 'mary', roles: ['manager'], team: 'north' },
    'manager of another team': { sub: 'mike', roles: ['manager'], team: 'south' },
    'manager with the all-teams claim': { sub: 'maud', roles: ['manager'], team: 'south', allTeams: true },
    auditor: { sub: 'audrey', roles: ['auditor'], team: 'audit' },
    admin: { sub: 'adam', roles: ['admin'], team: 'north' },
  };
  type Access = 'sees' | 'not found' | 'forbidden';
  const expected: Record<string, Access> = {
    'case worker of the holding team': 'sees',
    'case worker of another team': 'not found',
    'allocated worker of another team': 'sees',
    'lead professional of the family': 'sees',
    'TAF member of the family': 'sees',
    'manager of the holding team': 'sees',
    'manager of another team': 'not found',
    'manager with the all-teams claim': 'sees',
    auditor: 'sees',
    admin: 'forbidden',
  };
  const singleCaseViews = [
    ['summary', () => `/cases/${caseId}`],
    ['summary as of now', () => `/cases/${caseId}?asOf=${encodeURIComponent(new Date().toISOString())}`],
    ['chronology', () => `/cases/${caseId}/chronology`],
    ['history', () => `/cases/${caseId}/history`],
  ] as const;
  const statusOf: Record<Access, number> = { sees: 200, 'not found': 404, forbidden: 403 };

  beforeAll(async () => {
    t = await startTestApp();
    const alice = `Bearer ${t.token(users['case worker of the holding team'])}`;
    // Naming a TAF's members and allocating are a manager's (separation of duties).
    const mary = `Bearer ${t.token(users['manager of the holding team'])}`;
    const post = async (
      path: string,
      body: object,
      as = /team-around-the-family$|allocation$/.test(path) ? mary : alice,
    ) => {
      const response = await t.http().post(path).set('Authorization', as).send(body);
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      lastPosition = response.body.position;
      return response.body;
    };
    const opened = await post('/cases', aContact());
    caseId = opened.caseId;
    familyId = opened.familyId;
    await post(`/cases/${caseId}/consents`, { scope: 'early_help', givenBy: 'parent_carer', decision: 'given' });
    const lead = { name: 'L. Professional', agency: 'Northfield Primary School', userId: 'lp' };
    await post(`/cases/${caseId}/early-help-assessment`, { leadProfessional: lead });
    await post(`/families/${opened.familyId}/team-around-the-family`, {
      kind: 'TAF',
      leadProfessional: lead,
      members: [{ name: 'T. Member', agency: 'Health visiting', userId: 'tm' }],
    });
    // The next review is the family's own item with a timescale (no case of its own).
    await post(`/families/${opened.familyId}/team-around-the-family/reviews`, {
      heldOn: '2026-03-20',
      attendees: ['L. Professional', 'T. Member'],
      progress: 'Attendance improving',
      nextReviewDate: '2026-05-13',
    });
    await post(`/cases/${caseId}/allocation`, {
      worker: { id: 'bob', name: 'Bob Brown' },
      team: 'north',
      reason: 'Bob knows the family',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const read = (user: TestUser, path: string) =>
    t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${t.token(user)}`)
      .set('X-Min-Position', lastPosition);

  describe.each(Object.keys(users))('%s', (who) => {
    it.each(singleCaseViews)(`reads the %s: ${expected[who]}`, async (_view, path) => {
      const response = await read(users[who], path());
      expect(response.status).toBe(statusOf[expected[who]]);
      if (expected[who] === 'not found')
        expect(response.body).toMatchObject({ status: 404, detail: `Case ${caseId} was not found` });
    });

    it(`finds the case in the caseload and in what is due: ${expected[who]}`, async () => {
      const caseload = await read(users[who], '/cases?limit=500');
      const due = await read(users[who], '/timeliness?limit=1000');
      if (expected[who] === 'forbidden') {
        expect([caseload.status, due.status]).toEqual([403, 403]);
        return;
      }
      const listed = [
        caseload.body.cases.some((entry: { caseId: string }) => entry.caseId === caseId),
        due.body.items.some((item: { caseId: string | null }) => item.caseId === caseId),
        // The family's own item (the TAF review), seen through the child's case.
        due.body.items.some(
          (item: { caseId: string | null; familyId: string; rule: string }) =>
            item.caseId === null && item.familyId === familyId,
        ),
      ];
      expect(listed).toEqual(expected[who] === 'sees' ? [true, true, true] : [false, false, false]);
    });
  });

  it('Given a worker of another team, When refused, Then nothing about the case is written to the access log', async () => {
    await read(users['case worker of another team'], `/cases/${caseId}`);
    const log = await read(users.auditor, `/audit/access?caseId=${caseId}`);
    expect(log.status).toBe(200);
    const readers = new Set(log.body.entries.map((entry: { actor: { id: string } }) => entry.actor.id));
    expect(readers.has('alice')).toBe(true);
    expect(readers.has('carol')).toBe(false);
  });

  it('Given an auditor who may read every case, When they try to record, Then they are refused (read-only)', async () => {
    const response = await t
      .http()
      .post(`/cases/${caseId}/consents`)
      .set('Authorization', `Bearer ${t.token(users.auditor)}`)
      .send({ scope: 'information_sharing', givenBy: 'parent_carer', decision: 'given' });
    expect(response.status).toBe(403);
  });
});
