import { aContact, aSharingDecision, startTestApp, TestApp } from '@windscreen/testing';

/** At least one end-to-end test per threshold rule, through HTTP against the real app. */
describe('Threshold rules through HTTP', () => {
  let t: TestApp;
  let auth: string;
  /** The front door's decisions are the MASH's (separation of duties). */
  let mash: string;
  beforeAll(async () => {
    t = await startTestApp();
    auth = `Bearer ${t.token()}`;
    mash = `Bearer ${t.token({ sub: 'mona', name: 'Mona Ash', agency: 'MASH', roles: ['case_worker', 'mash'], team: 'north' })}`;
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: object) =>
    t
      .http()
      .post(path)
      .set('Authorization', /\/mash\/(brag-rating|decision|referrer-notified)$/.test(path) ? mash : auth)
      .send(body);
  const history = async (caseId: string) =>
    (await t.http().get(`/cases/${caseId}/history`).set('Authorization', auth)).body.events as {
      id: string;
      type: string;
      data: Record<string, unknown>;
    }[];
  const newCase = async (overrides: Record<string, unknown> = {}) =>
    (await post('/cases', aContact(overrides))).body as { caseId: string; familyId: string };
  const lead = { name: 'J. Smith', agency: 'School', contact: '01234 567890' };
  const expectRule = (response: { status: number; body: { rule?: string } }, rule: string) => {
    expect({ status: response.status, rule: response.body.rule }).toEqual({ status: 409, rule });
  };
  async function withOpenEha() {
    const child = await newCase();
    await post(`/cases/${child.caseId}/consents`, { scope: 'early_help', givenBy: 'parent_carer', decision: 'given' });
    await post(`/cases/${child.caseId}/early-help-assessment`, { leadProfessional: lead });
    return child;
  }

  it('R4: an EHA cannot be completed before need x strength is recorded', async () => {
    const child = await withOpenEha();
    expectRule(await post(`/families/${child.familyId}/early-help-assessment/completion`, { summary: 's' }), 'R4');
    expect(
      (
        await post(`/families/${child.familyId}/early-help-assessment/need-and-strength`, {
          need: 'high',
          strength: 'low',
          rationale: 'r',
        })
      ).status,
    ).toBe(201);
    expect((await post(`/families/${child.familyId}/early-help-assessment/completion`, { summary: 's' })).status).toBe(
      201,
    );
  });

  it('R5: Keep in Touch is refused for a child judged at risk of significant harm', async () => {
    const child = await newCase();
    const body = { reason: 'family_chose_not_to_engage', plan: 'Termly call' };
    expectRule(
      await post(`/families/${child.familyId}/keep-in-touch`, { ...body, notAtRiskOfSignificantHarm: false }),
      'R5',
    );
    expect(
      (await post(`/families/${child.familyId}/keep-in-touch`, { ...body, notAtRiskOfSignificantHarm: true })).status,
    ).toBe(201);
  });

  it('R6: a family that has had an EHA may refer a child to Specialist with a summary of the early help, which is what a referral without one is asked for', async () => {
    const child = await withOpenEha();
    const body = { level: 'specialist', reason: 'Neglect persists', parentsInformed: true };
    const withoutSummary = await post(`/cases/${child.caseId}/level-of-need`, body);
    expectRule(withoutSummary, 'R6');
    expect(withoutSummary.body.detail).toContain('needs a summary of the early help');
    const withSummary = await post(`/cases/${child.caseId}/level-of-need`, {
      ...body,
      earlyHelpSummary: 'TAF for 6 months; attendance up; neglect persists',
    });
    expect(withSummary.status).toBe(201);
  });

  it('R7: a referral with immediate risk but no consent, parents not informed and no exception is refused', async () => {
    const child = await newCase();
    const body = {
      level: 'specialist',
      reason: 'Disclosure',
      immediateRisk: { justification: 'Disclosure of assault' },
    };
    expectRule(await post(`/cases/${child.caseId}/level-of-need`, body), 'R7');
    const accepted = await post(`/cases/${child.caseId}/level-of-need`, {
      ...body,
      consentException: {
        reason: 'risk_of_significant_harm',
        justification: 'Informing the father would put the child at risk',
      },
    });
    expect(accepted.status).toBe(201);
  });

  it('R8: after early help was refused, a referral without significant harm is refused', async () => {
    const child = await newCase();
    await post(`/cases/${child.caseId}/consents`, {
      scope: 'early_help',
      givenBy: 'parent_carer',
      decision: 'refused',
    });
    expectRule(
      await post(`/cases/${child.caseId}/level-of-need`, {
        level: 'specialist',
        reason: 'Refused help',
        parentsInformed: true,
      }),
      'R8',
    );
    expectRule(
      await post(`/cases/${child.caseId}/level-of-need`, {
        level: 'specialist',
        reason: 'r',
        parentsInformed: true,
        immediateRisk: { justification: 'j' },
      }),
      'R8',
    );
  });

  it('R10: a telephone contact’s written follow-up is recorded with its 24-hour due time', async () => {
    const child = await newCase();
    const response = await post(`/cases/${child.caseId}/mash/written-follow-up`, {
      occurredAt: '2026-03-03T10:00:00Z',
    });
    expect(response.status).toBe(201);
    const events = await history(child.caseId);
    expect(events[0].data.writtenFollowUpDueBy).toBe('2026-03-03T09:15:00.000Z');
    expect(events[1]).toMatchObject({ type: 'WrittenFollowUpReceived', data: { late: true } });
    expectRule(await post(`/cases/${child.caseId}/mash/written-follow-up`, {}), 'R10');
  });

  it('R11: a Red rating carries MASH information due in 4 hours and makes the contact a referral', async () => {
    const child = await newCase();
    await post(`/cases/${child.caseId}/mash/brag-rating`, {
      rating: 'red',
      rationale: 'r',
      occurredAt: '2026-03-02T10:00:00Z',
    });
    const [, rated] = await history(child.caseId);
    expect(rated.data).toMatchObject({
      rating: 'red',
      mashInformationDueBy: '2026-03-02T14:00:00.000Z',
      referralToChildrensSocialCare: true,
    });
    expectRule(await post(`/cases/${child.caseId}/mash/brag-rating`, { rating: 'red', rationale: 'again' }), 'R11');
  });

  it('R12, R13: the MASH decision opens its next step and sets when the referrer must hear', async () => {
    const child = await newCase();
    expectRule(
      await post(`/cases/${child.caseId}/mash/decision`, { outcome: 'advice_and_close', rationale: 'r' }),
      'R12',
    );
    await post(`/cases/${child.caseId}/mash/brag-rating`, { rating: 'amber', rationale: 'r' });
    expect(
      (
        await post(`/cases/${child.caseId}/mash/decision`, {
          outcome: 'section_47_first_response',
          rationale: 'Injuries',
        })
      ).status,
    ).toBe(201);
    expect((await history(child.caseId)).map((e) => e.type).slice(-4)).toEqual([
      'MashDecisionRecorded',
      'ReferralRecorded',
      'LevelOfNeedAssessed',
      'Section47EnquiryOpened',
    ]);
    expect((await post(`/cases/${child.caseId}/mash/referrer-notified`, { how: 'Phone call to the DSL' })).status).toBe(
      201,
    );
    expectRule(await post(`/cases/${child.caseId}/mash/referrer-notified`, { how: 'again' }), 'R13');
  });

  it('R14: the Early Help Hub decides on a completed EHA', async () => {
    const child = await withOpenEha();
    expectRule(
      await post(`/families/${child.familyId}/early-help-hub-decision`, { decision: 'signpost', rationale: 'r' }),
      'R14',
    );
  });

  it('R15: a section 17 assessment without section 17 consent is refused', async () => {
    const child = await newCase();
    await post(`/cases/${child.caseId}/section-47-enquiry`, { reasonableCause: 'c' });
    expectRule(await post(`/cases/${child.caseId}/section-17-assessment`, {}), 'R15');
    await post(`/cases/${child.caseId}/consents`, { scope: 'section_17', givenBy: 'parent_carer', decision: 'given' });
    expect((await post(`/cases/${child.caseId}/section-17-assessment`, {})).status).toBe(201);
    const completed = await post(`/cases/${child.caseId}/section-17-assessment/completion`, {
      primaryNeed: 'N1',
      factors: ['3A', '16A'],
      outcome: 'cin_plan',
      summary: 'Child in need',
    });
    expect(completed.status).toBe(201);
  });

  it('R29, R24: a strategy discussion says whether s47 enquiries start; a CP plan waits for the conference that decides on one', async () => {
    const child = await newCase();
    const none = await post(`/cases/${child.caseId}/strategy-discussions`, {
      attendees: ['Police'],
      decision: 'No enquiry',
      section47: false,
    });
    expect(none.status).toBe(201);
    expect((await history(child.caseId)).at(-1)?.data).toMatchObject({ section47: false, icpcDueBy: null });
    expect(
      (
        await post(`/cases/${child.caseId}/strategy-discussions`, {
          attendees: ['Police'],
          decision: 'd',
          section47: 'yes',
        })
      ).status,
    ).toBe(400);
    expect((await post(`/cases/${child.caseId}/section-47-enquiry`, { reasonableCause: 'Disclosure' })).status).toBe(
      201,
    );
    expectRule(await post(`/cases/${child.caseId}/child-protection-plan`, { category: 'NEG' }), 'R24');
    expect(
      (
        await post(`/cases/${child.caseId}/section-47-enquiry/initial-conference`, {
          decision: 'child_protection_plan',
          category: 'NEG',
        })
      ).status,
    ).toBe(201);
    expect((await post(`/cases/${child.caseId}/child-protection-plan`, { category: 'NEG' })).status).toBe(201);
  });

  it('R16: opening a s47 enquiry needs no consent and steps the case up as its own SteppedUp', async () => {
    const child = await newCase();
    await post(`/cases/${child.caseId}/level-of-need`, { level: 'emerging', reason: 'r' });
    expect((await post(`/cases/${child.caseId}/section-47-enquiry`, { reasonableCause: 'Disclosure' })).status).toBe(
      201,
    );
    expect((await history(child.caseId)).slice(-3).map((e) => [e.type, e.data.to])).toEqual([
      ['SteppedUp', 'specialist'],
      ['ReferralRecorded', undefined],
      ['Section47EnquiryOpened', undefined],
    ]);
  });

  it('R17: s20 accommodation without the consent of a person with parental responsibility is refused', async () => {
    const child = await newCase();
    expectRule(await post(`/cases/${child.caseId}/section-20-accommodation`, { placement: 'Foster care' }), 'R17');
    await post(`/cases/${child.caseId}/consents`, {
      scope: 'section_20',
      givenBy: 'person_with_parental_responsibility',
      decision: 'given',
    });
    expect((await post(`/cases/${child.caseId}/section-20-accommodation`, { placement: 'Foster care' })).status).toBe(
      201,
    );
  });

  it('R18: a care order cannot be granted before the application, and every step needs its court reference', async () => {
    const child = await newCase();
    expectRule(
      await post(`/cases/${child.caseId}/care-order-proceedings`, { step: 'granted', courtReference: 'PE26C1' }),
      'R18',
    );
    expect((await post(`/cases/${child.caseId}/care-order-proceedings`, { step: 'applied' })).status).toBe(400);
    expect(
      (await post(`/cases/${child.caseId}/care-order-proceedings`, { step: 'applied', courtReference: 'PE26C1' }))
        .status,
    ).toBe(201);
  });

  it('R19: a share without recipients is a 400; without consent resting on consent, or special-category data without a condition, a 409', async () => {
    const child = await newCase();
    const share = aSharingDecision({
      basis: 'without_consent',
      consentSought: false,
      consentAnswer: undefined,
      recipients: undefined,
      personInformed: { told: false, notToldReason: 'would_place_child_at_increased_risk' },
      advice: { sought: true, from: 'caldicott_guardian' },
      judgement: 'Seeking consent would alert the alleged abuser',
    });
    const missing = await post(`/cases/${child.caseId}/information-sharing-decisions`, share);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('recipients');
    const recipients = [{ agency: 'Police', role: 'CAIU', name: 'DS Brown' }];
    expectRule(await post(`/cases/${child.caseId}/information-sharing-decisions`, { ...share, recipients }), 'R19');
    const publicInterest = {
      ...share,
      recipients,
      confidentialityBasis: 'public_interest',
      publicInterestGround: 'risk_of_significant_harm',
    };
    const special = await post(`/cases/${child.caseId}/information-sharing-decisions`, {
      ...publicInterest,
      specialCategoryData: true,
    });
    expectRule(special, 'R19');
    expect(special.body.code).toBe('SHARING.SPECIAL_CATEGORY_NEEDS_CONDITION');
    const lawful = await post(`/cases/${child.caseId}/information-sharing-decisions`, {
      ...publicInterest,
      specialCategoryData: true,
      article9Condition: 'substantial_public_interest',
      schedule1Condition: 'para_18_safeguarding_of_children_and_individuals_at_risk',
    });
    expect(lawful.status).toBe(201);
    expect(lawful.body.decisionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('R20: an escalation cannot skip a step', async () => {
    const child = await newCase();
    const raised = await post(`/cases/${child.caseId}/escalations`, {
      route: 'professional',
      concern: 'No visit',
      otherAgency: 'Health',
      startsAt: 'practitioner',
    });
    const e = `/cases/${child.caseId}/escalations/${raised.body.escalationId}`;
    expectRule(await post(`${e}/next-level`, { to: 'senior_manager', why: 'w' }), 'R20');
    expect((await post(`${e}/next-level`, { to: 'line_manager', why: 'w' })).status).toBe(201);
    expect((await post(`${e}/discussions`, { discussion: 'Met', agreements: 'Visit this week' })).status).toBe(201);
    expect((await post(`${e}/resolution`, { agreement: 'Visit done' })).status).toBe(201);
  });

  it('R22: a correction names the entry it corrects; the original stays in the history', async () => {
    const child = await newCase();
    await post(`/cases/${child.caseId}/level-of-need`, { level: 'complex', reason: 'Wrong child' });
    const [, assessed] = await history(child.caseId);
    const response = await post(`/cases/${child.caseId}/corrections`, {
      correctsEventId: assessed.id,
      correctedValues: { reason: 'Neglect concerns' },
      reason: 'Reason typed for the sibling',
    });
    expect(response.status).toBe(201);
    const events = await history(child.caseId);
    expect(events[1].data.reason).toBe('Wrong child');
    expect(events[2]).toMatchObject({
      type: 'EntryCorrected',
      data: { originalValues: { reason: 'Wrong child' }, correctedValues: { reason: 'Neglect concerns' } },
    });
  });

  it('R22: a corrected name shows in the case summary while the history keeps what was first recorded', async () => {
    const child = await newCase();
    const [opened] = await history(child.caseId);
    const corrected = await post(`/cases/${child.caseId}/corrections`, {
      correctsEventId: opened.id,
      correctedValues: { child: { familyName: 'Khan-Ali' } },
      reason: 'Surname misspelt on the contact form',
    });
    expect(corrected.status).toBe(201);
    const summary = await t
      .http()
      .get(`/cases/${child.caseId}?minPosition=${corrected.body.position}`)
      .set('Authorization', auth);
    expect(summary.body.child).toMatchObject({ givenName: 'Amira', familyName: 'Khan-Ali' });
    expect((await history(child.caseId))[0].data.child).toMatchObject({ familyName: 'Khan' });
    const invalid = await post(`/cases/${child.caseId}/corrections`, {
      correctsEventId: opened.id,
      correctedValues: { child: { sex: 'x' } },
      reason: 'r',
    });
    expectRule(invalid, 'R22');
  });
});
