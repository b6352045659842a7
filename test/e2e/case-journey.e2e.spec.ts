import { aContact, startTestApp, TestApp } from '@windscreen/testing';

describe('The case journey through HTTP', () => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await startTestApp();
    auth = `Bearer ${t.token({ sub: 'jsmith', name: 'J. Smith', agency: 'Early Help', team: 'north' })}`;
  });
  afterAll(async () => {
    await t.close();
  });

  /** The front door's decisions are the MASH's; convening a TAF without a lead professional is a manager's (separation of duties). */
  const tokenFor = (path: string) =>
    /\/mash\/(brag-rating|decision|referrer-notified)$/.test(path)
      ? t.token({ sub: 'mona', name: 'Mona Ash', agency: 'MASH', roles: ['case_worker', 'mash'], team: 'north' })
      : undefined;
  const post = (path: string, body: object) =>
    t
      .http()
      .post(path)
      .set('Authorization', tokenFor(path) ? `Bearer ${tokenFor(path)}` : auth)
      .send(body);
  const lead = {
    name: 'J. Smith',
    agency: 'Northfield Primary School',
    role: 'DSL',
    contact: 'jsmith@northfield.example',
    userId: 'jsmith',
  };

  it('walks one child from contact to EHA, TAF, step up, MASH Red, s47, CP plan, step down to early help and closure', async () => {
    const { body: opened } = await post('/cases', aContact());
    const c = `/cases/${opened.caseId}`;
    const expectCreated = async (path: string, body: object) => {
      const response = await post(path, body);
      expect({ path, status: response.status, body: response.body }).toMatchObject({ status: 201 });
      return response;
    };

    await expectCreated(`${c}/level-of-need`, { level: 'emerging', reason: 'Attendance dropping' });
    await expectCreated(`${c}/consents`, { scope: 'early_help', givenBy: 'parent_carer', decision: 'given' });
    const eha = await expectCreated(`${c}/early-help-assessment`, { leadProfessional: lead });
    expect(eha.body).toMatchObject({ ehaId: expect.any(String), familyId: opened.familyId });
    await expectCreated(`/families/${opened.familyId}/team-around-the-family`, {
      kind: 'TAF',
      leadProfessional: lead,
      members: [{ name: 'K. Lee', agency: 'Health visiting', role: 'Health visitor' }],
    });
    await expectCreated(`${c}/level-of-need`, { level: 'complex', reason: 'Neglect concerns growing' });
    await expectCreated(`${c}/mash/brag-rating`, { rating: 'red', rationale: 'Disclosure of physical abuse' });
    const s47 = await expectCreated(`${c}/section-47-enquiry`, {
      reasonableCause: 'Disclosure corroborated by injuries',
    });
    await expectCreated(`${c}/section-47-enquiry/conclusion`, {
      concernsSubstantiated: true,
      icpcNeeded: true,
      icpcDate: '2026-03-20',
      outcome: 'ICPC convened',
    });
    await expectCreated(`${c}/section-47-enquiry/initial-conference`, {
      decision: 'child_protection_plan',
      category: 'PHY',
    });
    await expectCreated(`${c}/child-protection-plan`, { category: 'PHY' });
    const atSpecialist = await t.http().get(`${c}?minPosition=${s47.body.position}`).set('Authorization', auth);
    expect(atSpecialist.body.level).toBe('specialist');
    await expectCreated(`${c}/child-protection-plan/end`, { reason: 'Risk reduced; plan ended at review conference' });
    await expectCreated(`${c}/level-of-need`, {
      level: 'complex',
      reason: 'Statutory work ended',
      whatChanged: 'CP plan ended; TAF continues',
    });
    const closed = await expectCreated(`${c}/closure`, {
      reason: 'RC7',
      summary: 'Closed to social care, early help continues',
    });

    const history = await t.http().get(`${c}/history`).set('Authorization', auth);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'CaseOpened',
      'LevelOfNeedAssessed',
      'ConsentRecorded',
      'SteppedUp',
      'BragRatingApplied',
      'SteppedUp',
      'ReferralRecorded',
      'Section47EnquiryOpened',
      'Section47EnquiryConcluded',
      'InitialChildProtectionConferenceHeld',
      'ChildProtectionPlanStarted',
      'ChildProtectionPlanEnded',
      'SteppedDown',
      'CaseClosed',
    ]);
    const summary = await t.http().get(`${c}?minPosition=${closed.body.position}`).set('Authorization', auth);
    expect(summary.body).toMatchObject({ status: 'closed', level: 'complex' });

    const refused = await post(`${c}/level-of-need`, { level: 'emerging', reason: 'x' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ rule: 'R21', code: 'CASE.CLOSED' });
    const reopened = await expectCreated(`${c}/reopening`, { reason: 'New contact from school' });
    const last = await t.http().get(`${c}/history?cursor=14`).set('Authorization', auth);
    expect(last.body.events[0]).toMatchObject({ type: 'CaseReopened', data: { reReferral: true } });
    expect(reopened.body.revision).toBe('14');
  });

  it('R6: through HTTP, a step up to specialist without early help or immediate risk is refused with the rule and what would satisfy it', async () => {
    const { body: opened } = await post('/cases', aContact());
    await post(`/cases/${opened.caseId}/level-of-need`, { level: 'complex', reason: 'r' });
    const before = await t.countEvents();
    const response = await post(`/cases/${opened.caseId}/level-of-need`, {
      level: 'specialist',
      reason: 'Worried',
      parentsInformed: true,
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      rule: 'R6',
      code: 'REFERRAL.NO_EARLY_HELP',
      howToResolve: expect.any(String),
    });
    expect(await t.countEvents()).toBe(before);
  });

  it('R1: through HTTP, an EHA without consent is refused', async () => {
    const { body: opened } = await post('/cases', aContact());
    const response = await post(`/cases/${opened.caseId}/early-help-assessment`, { leadProfessional: lead });
    expect(response.status).toBe(409);
    expect(response.body.rule).toBe('R1');
  });

  it('R3: through HTTP, a TAF without an open EHA is refused', async () => {
    const { body: opened } = await post('/cases', aContact());
    const manager = `Bearer ${t.token({ sub: 'mary', name: 'Mary Manager', roles: ['manager'], team: 'north' })}`;
    const response = await t
      .http()
      .post(`/families/${opened.familyId}/team-around-the-family`)
      .set('Authorization', manager)
      .send({ kind: 'TAC', leadProfessional: lead, members: [] });
    expect(response.status).toBe(409);
    expect(response.body.rule).toBe('R3');
  });

  it('R2: two practitioners racing to start an EHA for one family end with exactly one EHA; the other is told whose it is', async () => {
    const { body: first } = await post('/cases', aContact());
    const { body: second } = await post('/cases', aContact({ familyId: first.familyId }));
    for (const child of [first, second]) {
      await post(`/cases/${child.caseId}/consents`, {
        scope: 'early_help',
        givenBy: 'parent_carer',
        decision: 'given',
      });
    }
    const [a, b] = await Promise.all([
      post(`/cases/${first.caseId}/early-help-assessment`, { leadProfessional: lead }),
      post(`/cases/${second.caseId}/early-help-assessment`, {
        leadProfessional: { name: 'P. Jones', agency: 'Health visiting', contact: '01234 000000' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refusal = a.status === 409 ? a : b;
    expect(refusal.body).toMatchObject({
      rule: 'R2',
      code: 'EHA.ALREADY_OPEN_FOR_FAMILY',
      existingEha: { leadProfessional: expect.any(Object) },
    });
    expect(refusal.body.howToResolve).toMatch(/contact/);
  });

  it('validates new commands: unknown codes are 400 naming the field', async () => {
    const { body: opened } = await post('/cases', aContact());
    const rating = await post(`/cases/${opened.caseId}/mash/brag-rating`, { rating: 'purple', rationale: 'r' });
    expect(rating.status).toBe(400);
    expect(rating.body.errors[0].field).toBe('rating');
    const closure = await post(`/cases/${opened.caseId}/closure`, { reason: 'RC10', summary: 's' });
    expect(closure.body.errors[0].field).toBe('reason');
  });
});
