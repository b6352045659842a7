import type { Actor } from '../domain/actor';
import type { CommandContext } from '../domain/command';
import { EventEnvelope } from '../domain/decider';
import { RuleViolation } from '../domain/domain-error';
import { caseDecider, CaseCommand } from './case.decider';
import type { CaseEvent } from './case.events';
import type { CaseState } from './case.state';
import type { ChangeLevelOfNeed } from './change-level-of-need/change-level-of-need.decide';
import type { ConsentRecord } from './consent/consent.decide';

const actor: Actor = { id: 'sw1', name: 'J. Smith', role: 'case_worker', roles: ['case_worker'], agency: 'Children’s Social Care', team: 'north', allTeams: false };
const caseId = '33333333-3333-4333-8333-333333333333';
const at = (occurredAt: string): CommandContext => ({ actor, occurredAt, now: '2027-06-01T00:00:00Z', correlationId: 'c', causationId: 'c' });
const ctx = at('2026-03-02T10:00:00Z');

const opened: CaseCommand = {
  type: 'OpenCase',
  context: ctx,
  data: {
    caseId,
    familyId: '44444444-4444-4444-8444-444444444444',
    area: 'peterborough',
    concerns: 'c',
    child: { givenName: 'A', familyName: 'B', dateOfBirth: '2014-01-01', sex: 'male', disabilities: ['NONE'] },
    contact: { receivedAt: '2026-03-02T09:00:00Z', route: 'written', source: '3A', referrer: { name: 'Dr X', anonymous: false } },
  },
};
const level = (to: ChangeLevelOfNeed['data']['level'], extra: Partial<ChangeLevelOfNeed['data']> = {}): CaseCommand => ({
  type: 'ChangeLevelOfNeed',
  context: ctx,
  data: { caseId, level: to, reason: `to ${to}`, familyHasEarlyHelpAssessment: false, ...extra },
});
const consent = (record: Partial<ConsentRecord>): CaseCommand => ({
  type: 'RecordConsent',
  context: ctx,
  data: { caseId, scope: 'early_help', givenBy: 'parent_carer', gillickCompetent: false, decision: 'given', ...record },
});

function given(...commands: CaseCommand[]): CaseState {
  let state = caseDecider.initialState();
  for (const command of commands) {
    for (const event of caseDecider.decide(command, state)) {
      state = caseDecider.evolve(state, { ...event, metadata: { occurredAt: command.context.occurredAt, actor } } as EventEnvelope<CaseEvent>);
    }
  }
  return state;
}

/** Like given(), but each event gets an id, as the store gives it, so corrections can name it. */
function givenWithIds(...commands: CaseCommand[]): CaseState {
  let state = caseDecider.initialState();
  let n = 0;
  for (const command of commands) {
    for (const event of caseDecider.decide(command, state)) {
      state = caseDecider.evolve(state, { ...event, id: `event-${n++}`, metadata: { occurredAt: command.context.occurredAt, actor } } as EventEnvelope<CaseEvent>);
    }
  }
  return state;
}

function refused(command: CaseCommand, state: CaseState): RuleViolation {
  try {
    caseDecider.decide(command, state);
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the command was accepted');
}

describe('Consent (R1, R7, R15, R19)', () => {
  it('R1: a young person who is not Gillick competent cannot decide on early help consent alone', () => {
    const error = refused(consent({ givenBy: 'young_person', gillickCompetent: false }), given(opened));
    expect(error.rule).toBe('R1');
  });

  it('R1: a Gillick competent young person may give consent', () => {
    expect(given(opened, consent({ givenBy: 'young_person', gillickCompetent: true })).consents.early_help?.decision).toBe('given');
  });

  it('Given consent in force, When it is withdrawn, Then it is withdrawn from then on', () => {
    const state = given(opened, consent({}), consent({ decision: 'withdrawn' }));
    expect(state.consents.early_help).toMatchObject({ decision: 'withdrawn' });
  });

  it('Given no consent in force, When withdrawal is recorded, Then it is refused', () => {
    expect(refused(consent({ decision: 'withdrawn' }), given(opened)).code).toBe('CONSENT.NOTHING_TO_WITHDRAW');
  });
});

describe('Referral to Children’s Social Care: a move to specialist (R6, R7, R8)', () => {
  const atComplex = () => given(opened, level('complex'));

  it('R6: step up to specialist without early help is refused unless immediate risk is recorded', () => {
    const error = refused(level('specialist', { parentsInformed: true }), atComplex());
    expect(error).toMatchObject({ rule: 'R6', code: 'REFERRAL.NO_EARLY_HELP' });
  });

  it('R6: with an EHA on record the summary of early help is required', () => {
    expect(refused(level('specialist', { parentsInformed: true, familyHasEarlyHelpAssessment: true }), atComplex()).rule).toBe('R6');
  });

  it('R6: with an EHA on record and its summary, the step up is accepted and keeps its basis', () => {
    const [event] = caseDecider.decide(
      level('specialist', { parentsInformed: true, familyHasEarlyHelpAssessment: true, earlyHelpSummary: 'TAF for 6 months; attendance up; neglect persists' }),
      atComplex(),
    );
    expect(event).toMatchObject({ type: 'SteppedUp', data: { from: 'complex', to: 'specialist', basis: { earlyHelpSummary: expect.any(String), parentsInformed: true } } });
  });

  it('R6: an immediate risk of significant harm with its justification allows a referral without early help', () => {
    const [event] = caseDecider.decide(level('specialist', { immediateRisk: { justification: 'Disclosure of assault' }, parentsInformed: true }), atComplex());
    expect(event.type).toBe('SteppedUp');
  });

  it('R6: a first assessment straight at specialist is a referral too', () => {
    expect(refused(level('specialist', { parentsInformed: true }), given(opened)).rule).toBe('R6');
  });

  it('R7: a referral needs consent, or the parents informed, or the recorded exception', () => {
    const risk = { immediateRisk: { justification: 'Disclosure' } };
    expect(refused(level('specialist', risk), atComplex()).rule).toBe('R7');
    expect(caseDecider.decide(level('specialist', { ...risk, parentsInformed: true }), atComplex())).toHaveLength(1);
    expect(
      caseDecider.decide(level('specialist', { ...risk, consentException: { reason: 'risk_of_significant_harm', justification: 'Father is the alleged abuser' } }), atComplex()),
    ).toHaveLength(1);
    const withConsent = given(opened, level('complex'), consent({ scope: 'csc_referral' }));
    expect(caseDecider.decide(level('specialist', risk), withConsent)).toHaveLength(1);
  });

  it('R8: after early help was refused, a referral must record significant harm', () => {
    const state = given(opened, level('complex'), consent({ decision: 'refused' }));
    const error = refused(level('specialist', { parentsInformed: true, familyHasEarlyHelpAssessment: true, earlyHelpSummary: 'Offered' }), state);
    expect(error).toMatchObject({ rule: 'R8', code: 'REFERRAL.REFUSAL_ALONE' });
  });

  it('R8: after refused early help the intention to refer must have been discussed with the parent', () => {
    const state = given(opened, level('complex'), consent({ decision: 'refused' }));
    const risk = { immediateRisk: { justification: 'Injuries seen' }, parentsInformed: true };
    expect(refused(level('specialist', risk), state).code).toBe('REFERRAL.NOT_DISCUSSED');
    expect(caseDecider.decide(level('specialist', { ...risk, intentionDiscussedWithParent: true }), state)).toHaveLength(1);
  });

  it('A step down records what changed', () => {
    const state = given(opened, level('complex'));
    expect(caseDecider.decide(level('emerging', { whatChanged: 'School attendance back to 96%' }), state)).toEqual([
      { type: 'SteppedDown', schemaVersion: 1, data: { from: 'complex', to: 'emerging', reason: 'to emerging', whatChanged: 'School attendance back to 96%' } },
    ]);
  });
});

describe('MASH BRAG rating (R11)', () => {
  const rate = (rating: 'red' | 'amber' | 'green' | 'blue', occurredAt = '2026-03-02T10:00:00.000Z'): CaseCommand => ({
    type: 'ApplyBragRating',
    context: at(occurredAt),
    data: { caseId, rating, rationale: 'r' },
  });

  it.each([
    ['red', '2026-03-02T14:00:00.000Z', true],
    ['amber', '2026-03-02T16:00:00.000Z', true],
    ['green', '2026-03-03T10:00:00.000Z', false],
    ['blue', null, false],
  ] as const)('R11: %s carries MASH information due %s; referral to CSC: %s', (rating, due, referral) => {
    const [event] = caseDecider.decide(rate(rating), given(opened));
    expect(event).toMatchObject({ type: 'BragRatingApplied', data: { rating, mashInformationDueBy: due, referralToChildrensSocialCare: referral } });
  });

  it('R11: a change of rating is recorded with the previous one; the same rating again is refused', () => {
    const state = given(opened, rate('green'));
    expect(caseDecider.decide(rate('red'), state)[0]).toMatchObject({ data: { rating: 'red', previousRating: 'green' } });
    expect(refused(rate('green'), state).rule).toBe('R11');
  });
});

describe('Section 47 and child protection (R16)', () => {
  const s47: CaseCommand = { type: 'OpenSection47Enquiry', context: ctx, data: { caseId, reasonableCause: 'Bruising explained inconsistently' } };

  it('R16: opening a s47 enquiry on a case below specialist steps it up first, as its own SteppedUp; consent is not required', () => {
    const events = caseDecider.decide(s47, given(opened, level('complex')));
    expect(events.map((e) => e.type)).toEqual(['SteppedUp', 'Section47EnquiryOpened']);
    expect(events[0].data).toMatchObject({ from: 'complex', to: 'specialist' });
  });

  it('R16: at specialist already, only the enquiry is recorded; a second open enquiry is refused', () => {
    const atSpecialist = given(opened, level('complex'), s47);
    expect(atSpecialist.level).toBe('specialist');
    expect(refused(s47, atSpecialist).code).toBe('S47.ALREADY_OPEN');
  });

  it('R16: concluding with an ICPC needed requires its date', () => {
    const state = given(opened, s47);
    const conclude = (icpcDate?: string): CaseCommand => ({
      type: 'ConcludeSection47Enquiry',
      context: ctx,
      data: { caseId, concernsSubstantiated: true, icpcNeeded: true, outcome: 'o', ...(icpcDate && { icpcDate }) },
    });
    expect(refused(conclude(), state).code).toBe('S47.ICPC_DATE_MISSING');
    expect(caseDecider.decide(conclude('2026-03-20'), state)[0].data).toMatchObject({ icpcDate: '2026-03-20' });
  });

  it('A child protection plan needs the case at specialist', () => {
    const plan: CaseCommand = { type: 'StartChildProtectionPlan', context: ctx, data: { caseId, category: 'NEG' } };
    expect(refused(plan, given(opened, level('complex'))).code).toBe('CP_PLAN.NOT_SPECIALIST');
    expect(given(opened, s47, plan).childProtectionPlan).toMatchObject({ category: 'NEG' });
  });
});

describe('Closure and reopening (R21)', () => {
  const close = (occurredAt = '2026-04-01T10:00:00Z'): CaseCommand => ({ type: 'CloseCase', context: at(occurredAt), data: { caseId, reason: 'RC7', summary: 's' } });
  const reopen = (occurredAt: string): CaseCommand => ({ type: 'ReopenCase', context: at(occurredAt), data: { caseId, reason: 'New contact' } });

  it('R21: a closed case refuses every command but reopening', () => {
    expect(refused(level('complex'), given(opened, close())).code).toBe('CASE.CLOSED');
  });

  it('R21: a case with an open s47 enquiry cannot be closed', () => {
    const s47: CaseCommand = { type: 'OpenSection47Enquiry', context: ctx, data: { caseId, reasonableCause: 'c' } };
    expect(refused(close(), given(opened, s47)).rule).toBe('R21');
  });

  it.each([
    ['2027-03-31T10:00:00Z', true],
    ['2027-04-01T10:00:00Z', true],
    ['2027-04-02T10:00:00Z', false],
  ])('R21: reopened at %s after closing on 2026-04-01, re-referral is %s', (when, reReferral) => {
    const [event] = caseDecider.decide(reopen(when), given(opened, close()));
    expect(event).toMatchObject({ type: 'CaseReopened', data: { reReferral, closedAt: '2026-04-01T10:00:00Z' } });
  });

  it('R21: an open case cannot be reopened', () => {
    expect(refused(reopen('2026-05-01T00:00:00Z'), given(opened)).code).toBe('CASE.NOT_CLOSED');
  });
});

describe('MASH front door (R10, R12, R13)', () => {
  const telephone: CaseCommand = {
    ...opened,
    data: { ...(opened.data as object), contact: { receivedAt: '2026-03-06T09:00:00Z', route: 'telephone', source: '2A', referrer: { name: 'R. Patel', anonymous: false } } },
  } as CaseCommand;
  const followUp = (occurredAt: string): CaseCommand => ({ type: 'RecordWrittenFollowUp', context: at(occurredAt), data: { caseId } });
  const rate: CaseCommand = { type: 'ApplyBragRating', context: at('2026-03-06T10:00:00Z'), data: { caseId, rating: 'amber', rationale: 'r' } };
  const decideMash = (outcome: 'section_47_first_response' | 'section_17_single_assessment' | 'early_help_hub' | 'specific_provision' | 'advice_and_close', provisionName?: string): CaseCommand => ({
    type: 'RecordMashDecision',
    context: at('2026-03-06T15:00:00.000Z'),
    data: { caseId, outcome, rationale: 'Injuries and disclosure', ...(provisionName && { provisionName }) },
  });

  it('R10: a telephone contact followed up in writing after 24 hours is recorded as late; within, as on time', () => {
    expect(caseDecider.decide(followUp('2026-03-07T08:59:00Z'), given(telephone))[0].data).toMatchObject({ late: false, dueBy: '2026-03-07T09:00:00.000Z' });
    expect(caseDecider.decide(followUp('2026-03-07T09:01:00Z'), given(telephone))[0].data).toMatchObject({ late: true });
  });

  it('R10: a written contact needs no written follow-up', () => {
    expect(refused(followUp('2026-03-03T09:00:00Z'), given(opened)).rule).toBe('R10');
  });

  it('R12: the MASH decides after rating; passing to s47 opens the enquiry (stepping the case up) in the same decision', () => {
    expect(refused(decideMash('early_help_hub'), given(opened)).rule).toBe('R12');
    const events = caseDecider.decide(decideMash('section_47_first_response'), given(opened, rate));
    expect(events.map((e) => e.type)).toEqual(['MashDecisionRecorded', 'SteppedUp', 'Section47EnquiryOpened']);
  });

  it('R12: advice and information closes the case; a specific provision must be named', () => {
    expect(caseDecider.decide(decideMash('advice_and_close'), given(opened, rate)).map((e) => e.type)).toEqual(['MashDecisionRecorded', 'CaseClosed']);
    expect(refused(decideMash('specific_provision'), given(opened, rate)).code).toBe('MASH.PROVISION_UNNAMED');
    expect(caseDecider.decide(decideMash('specific_provision', 'Disability services'), given(opened, rate))[0].data).toMatchObject({ provisionName: 'Disability services' });
  });

  it('R12/R15: passing to s17 without section 17 consent is refused as a whole', () => {
    expect(refused(decideMash('section_17_single_assessment'), given(opened, rate)).rule).toBe('R15');
  });

  it('R13: the referrer is due to hear within one working day of the decision (Friday -> Monday)', () => {
    const [decision] = caseDecider.decide(decideMash('early_help_hub'), given(opened, rate));
    expect(decision.data).toMatchObject({ referrerNotificationDueBy: '2026-03-09T15:00:00.000Z' });
    const state = given(opened, rate, decideMash('early_help_hub'));
    const notify = (occurredAt: string): CaseCommand => ({ type: 'RecordReferrerNotified', context: at(occurredAt), data: { caseId, how: 'phone' } });
    expect(caseDecider.decide(notify('2026-03-09T14:00:00Z'), state)[0].data).toMatchObject({ late: false });
    expect(caseDecider.decide(notify('2026-03-10T09:00:00Z'), state)[0].data).toMatchObject({ late: true });
    expect(refused(notify('2026-03-06T16:00:00Z'), given(opened)).rule).toBe('R13');
  });
});

describe('Statutory work (R15, R17, R18)', () => {
  const s47: CaseCommand = { type: 'OpenSection47Enquiry', context: ctx, data: { caseId, reasonableCause: 'c' } };
  const openS17: CaseCommand = { type: 'OpenSection17Assessment', context: at('2026-03-02T10:00:00.000Z'), data: { caseId } };

  it('R15: a s17 assessment needs section 17 consent and the case at specialist; it is due 45 working days on', () => {
    expect(refused(openS17, given(opened, s47)).code).toBe('S17.NO_CONSENT');
    expect(refused(openS17, given(opened, consent({ scope: 'section_17' }))).code).toBe('S17.NOT_SPECIALIST');
    const [event] = caseDecider.decide(openS17, given(opened, s47, consent({ scope: 'section_17' })));
    // 45 working days from Monday 2 March 2026, skipping Good Friday and Easter Monday: Thursday 7 May.
    expect(event).toMatchObject({ type: 'Section17AssessmentOpened', data: { dueBy: '2026-05-07T10:00:00.000Z' } });
  });

  const dob = (dateOfBirth: string): CaseCommand => ({ ...opened, data: { ...(opened.data as object), child: { givenName: 'A', familyName: 'B', dateOfBirth, sex: 'male', disabilities: ['NONE'] } } }) as CaseCommand;
  const accommodate = (occurredAt: string): CaseCommand => ({ type: 'StartSection20Accommodation', context: at(occurredAt), data: { caseId, placement: 'Foster care' } });

  it('R17: s20 needs the consent of a person with parental responsibility', () => {
    expect(refused(accommodate('2026-03-02T10:00:00Z'), given(dob('2014-01-01'))).rule).toBe('R17');
    const state = given(dob('2014-01-01'), consent({ scope: 'section_20', givenBy: 'person_with_parental_responsibility' }));
    expect(caseDecider.decide(accommodate('2026-03-02T10:00:00Z'), state)[0].data).toMatchObject({ consentGivenBy: 'person_with_parental_responsibility' });
  });

  it('R17: a young person’s own consent suffices at 16 or 17, checked against the date of birth on the day', () => {
    const state = given(dob('2010-03-05'), consent({ scope: 'section_20', givenBy: 'young_person' }));
    expect(refused(accommodate('2026-03-04T10:00:00Z'), state).code).toBe('S20.NO_CONSENT'); // 15 the day before the birthday
    expect(caseDecider.decide(accommodate('2026-03-05T10:00:00Z'), state)[0].data).toMatchObject({ consentGivenBy: 'young_person', ageAtStart: 16 });
  });

  const step = (s: 'applied' | 'granted' | 'refused' | 'discharged', courtReference = 'PE26C00123'): CaseCommand => ({
    type: 'RecordCareOrderStep',
    context: ctx,
    data: { caseId, step: s, courtReference },
  });

  it('R18: the local authority applies; only the court grants, refuses or discharges, each with its court reference', () => {
    expect(refused(step('granted'), given(opened)).code).toBe('S31.OUT_OF_ORDER');
    expect(refused(step('applied', ' '), given(opened)).code).toBe('S31.NO_COURT_REFERENCE');
    expect(given(opened, step('applied'), step('granted'), step('discharged')).careOrder).toMatchObject({ step: 'discharged' });
    expect(refused(step('discharged'), given(opened, step('applied'))).rule).toBe('R18');
  });
});

describe('Information sharing (R19)', () => {
  const decisionId = '55555555-5555-4555-8555-555555555555';
  const decision = (overrides: Record<string, unknown>, context = ctx): CaseCommand =>
    ({
      type: 'RecordInformationSharingDecision',
      context,
      data: {
        caseId,
        decisionId,
        decision: 'share',
        information: 'Chronology of injuries',
        recipients: [{ agency: 'Police' }],
        purpose: 'Strategy discussion',
        basis: 'consent',
        consentSought: false,
        dataSubjects: ['child'],
        article6Basis: 'public_task',
        specialCategoryData: false,
        confidentialityBasis: 'consent',
        personInformed: { told: true },
        advice: { sought: false },
        request: null,
        reasons: 'Needed to protect the child',
        ...overrides,
      },
    }) as CaseCommand;
  const withoutConsent = {
    basis: 'without_consent',
    confidentialityBasis: 'public_interest',
    publicInterestGround: 'risk_of_significant_harm',
    judgement: 'Seeking consent would alert the alleged abuser',
    personInformed: { told: false, notToldReason: 'would_place_child_at_increased_risk' },
  };

  it('R19: sharing on the basis of consent needs consent in force or given when sought', () => {
    expect(refused(decision({}), given(opened)).code).toBe('SHARING.NO_CONSENT');
    expect(caseDecider.decide(decision({}), given(opened, consent({ scope: 'information_sharing' })))[0].data).toMatchObject({ consentInForce: 'given' });
    expect(caseDecider.decide(decision({ consentSought: true, consentAnswer: 'given' }), given(opened))).toHaveLength(1);
  });

  it('R19: sharing without consent needs the judgement behind it, and a public interest needs its ground', () => {
    expect(refused(decision({ ...withoutConsent, judgement: undefined }), given(opened)).code).toBe('SHARING.NO_LAWFUL_BASIS');
    expect(refused(decision({ ...withoutConsent, publicInterestGround: undefined }), given(opened)).code).toBe('SHARING.NO_LAWFUL_BASIS');
    const [event] = caseDecider.decide(decision(withoutConsent), given(opened));
    expect(event).toMatchObject({ schemaVersion: 2, data: { basis: 'without_consent', confidentialityBasis: 'public_interest', consentInForce: null } });
  });

  it.each([
    ['consent as the confidentiality basis', { confidentialityBasis: 'consent' }],
    ['Article 6 consent', { article6Basis: 'consent' }],
    ['Article 9 explicit consent', { specialCategoryData: true, article9Condition: 'explicit_consent' }],
  ])('R19: a decision without consent cannot rest on %s', (_, legal) => {
    expect(refused(decision({ ...withoutConsent, ...legal }), given(opened)).code).toBe('SHARING.CONSENT_BASIS_WITHOUT_CONSENT');
  });

  it('R19: special-category data needs an Article 9 condition, and substantial public interest its Schedule 1 condition', () => {
    const special = { ...withoutConsent, specialCategoryData: true };
    expect(refused(decision(special), given(opened)).code).toBe('SHARING.SPECIAL_CATEGORY_NEEDS_CONDITION');
    expect(refused(decision({ ...special, article9Condition: 'substantial_public_interest' }), given(opened)).code).toBe('SHARING.SCHEDULE_1_CONDITION_NEEDED');
    expect(
      refused(decision({ ...special, article9Condition: 'substantial_public_interest', schedule1Condition: 'para_2_health_or_social_care' }), given(opened)).code,
    ).toBe('SHARING.SCHEDULE_1_CONDITION_NEEDED');
    const para18 = { ...special, article9Condition: 'substantial_public_interest', schedule1Condition: 'para_18_safeguarding_of_children_and_individuals_at_risk' };
    expect(caseDecider.decide(decision(para18), given(opened))[0].data).toMatchObject({ schedule1Condition: 'para_18_safeguarding_of_children_and_individuals_at_risk' });
    expect(caseDecider.decide(decision({ ...special, article9Condition: 'vital_interests' }), given(opened))).toHaveLength(1);
  });

  it('R19 (golden rules 2, 3): not telling the person needs a reason; advice sought names its source', () => {
    expect(refused(decision({ ...withoutConsent, personInformed: { told: false } }), given(opened)).code).toBe('SHARING.NOT_TOLD_WITHOUT_REASON');
    expect(refused(decision({ ...withoutConsent, advice: { sought: true } }), given(opened)).code).toBe('SHARING.ADVICE_SOURCE_MISSING');
  });

  it('R19: the request answered cannot arrive after the decision', () => {
    const request = { from: 'Police', receivedAt: '2026-03-02T11:00:00Z' };
    expect(refused(decision({ ...withoutConsent, request }), given(opened)).code).toBe('SHARING.REQUEST_AFTER_DECISION');
  });

  it('R19: a competent young person’s objection to sharing with parents is overridden only for significant harm', () => {
    const overridden = { ...withoutConsent, youngPersonObjection: { overridden: true, why: 'w' } };
    expect(refused(decision({ ...overridden, publicInterestGround: 'prevention_or_detection_of_crime' }), given(opened)).code).toBe('SHARING.OBJECTION_OVERRIDDEN');
    expect(caseDecider.decide(decision(overridden), given(opened))).toHaveLength(1);
  });

  it('R19: a decision not to share is recorded with its reasons too', () => {
    expect(caseDecider.decide(decision({ decision: 'not_share', basis: 'without_consent', confidentialityBasis: 'not_confidential', recipients: [] }), given(opened))[0].type).toBe(
      'InformationSharingDecisionRecorded',
    );
  });

  it('R19: the decision records what the case record said at that moment', () => {
    const state = given(opened, consent({ scope: 'information_sharing' }), level('complex'));
    expect(caseDecider.decide(decision({}), state)[0].data).toMatchObject({
      knownAtDecision: { level: 'complex', bragRating: null, section47Open: false, childProtectionPlan: null, consents: { information_sharing: 'given' } },
    });
  });

  describe('information sent (golden rule 6)', () => {
    const sent = (overrides: Record<string, unknown>): CaseCommand =>
      ({
        type: 'RecordInformationSent',
        context: at('2026-03-02T12:00:00Z'),
        data: { caseId, decisionId, sentAt: '2026-03-02T12:00:00Z', method: 'secure_email', recipients: [{ agency: 'Police' }], information: 'Chronology', ...overrides },
      }) as CaseCommand;

    it('Given a decision to share, When what was sent is recorded, Then it names the decision', () => {
      expect(caseDecider.decide(sent({}), given(opened, decision(withoutConsent)))[0]).toMatchObject({ type: 'InformationSent', data: { decisionId } });
    });

    it('Given no such decision, or a decision not to share, When sending is recorded, Then it is refused', () => {
      expect(() => caseDecider.decide(sent({}), given(opened))).toThrow(/not part of this case/);
      const notShared = given(opened, decision({ decision: 'not_share', basis: 'without_consent', confidentialityBasis: 'not_confidential' }));
      expect(refused(sent({}), notShared).code).toBe('SHARING.NOT_A_SHARE');
    });

    it('Sending before the decision, or insecurely without a reason, is refused', () => {
      const state = given(opened, decision(withoutConsent));
      expect(refused(sent({ sentAt: '2026-03-02T09:59:00Z' }), state).code).toBe('SHARING.SENT_BEFORE_DECISION');
      expect(refused(sent({ method: 'unsecured_email' }), state).code).toBe('SHARING.INSECURE_WITHOUT_REASON');
      expect(caseDecider.decide(sent({ method: 'unsecured_email', insecureMethodReason: 'Secure email was down; the child was at risk that day' }), state)).toHaveLength(1);
    });
  });

  describe('a corrected decision (R22) obeys R19', () => {
    const correct = (correctedValues: Record<string, unknown>): CaseCommand =>
      ({ type: 'CorrectEntry', context: ctx, data: { caseId, correctsEventId: 'event-1', correctedValues, reason: 'Wrong basis recorded' } }) as CaseCommand;

    it('Given a lawful decision, When corrected to a combination the law does not allow, Then it is refused', () => {
      const state = givenWithIds(opened, decision(withoutConsent));
      expect(refused(correct({ confidentialityBasis: 'consent' }), state).code).toBe('SHARING.CONSENT_BASIS_WITHOUT_CONSENT');
      expect(refused(correct({ article6Basis: 'whim' }), state).code).toBe('CORRECTION.INVALID_VALUES');
      expect(refused(correct({ decisionId: 'another' }), state).code).toBe('CORRECTION.STRUCTURAL_FIELD');
      expect(caseDecider.decide(correct({ article6Basis: 'vital_interests' }), state)[0].data).toMatchObject({
        originalValues: { article6Basis: 'public_task' },
        correctedValues: { article6Basis: 'vital_interests' },
      });
    });
  });
});

describe('Escalation (R20)', () => {
  const escalationId = 'e1';
  const raise = (route: 'professional' | 'mash_decision' = 'professional', startsAt = 'practitioner'): CaseCommand =>
    ({ type: 'RaiseEscalation', context: ctx, data: { caseId, escalationId, route, concern: 'No home visit', otherAgency: 'Health', startsAt } }) as CaseCommand;
  const escalate = (to: string): CaseCommand => ({ type: 'EscalateFurther', context: ctx, data: { caseId, escalationId, to, why: 'No agreement' } }) as CaseCommand;

  it('R20: escalation goes step by step: practitioner, line manager, senior manager, Independent Chair', () => {
    expect(refused(escalate('senior_manager'), given(opened, raise())).code).toBe('ESCALATION.OUT_OF_ORDER');
    const state = given(opened, raise(), escalate('line_manager'), escalate('senior_manager'), escalate('independent_chair'));
    expect(state.escalations[escalationId]).toMatchObject({ level: 'independent_chair', status: 'open' });
    expect(refused(escalate('independent_chair'), state).code).toBe('ESCALATION.OUT_OF_ORDER');
  });

  it('R20: a MASH decision dispute goes to the MASH Group Manager, then the Head of Service Integrated Front Door', () => {
    const state = given(opened, raise('mash_decision'), escalate('mash_group_manager'), escalate('head_of_service_integrated_front_door'));
    expect(state.escalations[escalationId].level).toBe('head_of_service_integrated_front_door');
    expect(refused(raise('mash_decision', 'senior_manager'), given(opened)).code).toBe('ESCALATION.WRONG_ROUTE');
  });

  it('R20: it ends resolved with the agreement, or withdrawn, and then takes no more steps', () => {
    const resolve: CaseCommand = { type: 'ResolveEscalation', context: ctx, data: { caseId, escalationId, agreement: 'Visit booked' } };
    const state = given(opened, raise(), resolve);
    expect(state.escalations[escalationId].status).toBe('resolved');
    expect(refused(escalate('line_manager'), state).code).toBe('ESCALATION.ENDED');
  });
});

describe('Corrections (R22)', () => {
  const correct = (correctsEventId: string, correctedValues: Record<string, unknown>): CaseCommand => ({
    type: 'CorrectEntry',
    context: ctx,
    data: { caseId, correctsEventId, correctedValues, reason: 'Typed in the wrong case' },
  });

  it('R22: a correction names the entry, keeps its original values and gives the corrected ones and why', () => {
    const state = givenWithIds(opened, level('complex'));
    expect(caseDecider.decide(correct('event-1', { reason: 'Neglect concerns' }), state)).toEqual([
      {
        type: 'EntryCorrected',
        schemaVersion: 1,
        data: { correctsEventId: 'event-1', correctsType: 'LevelOfNeedAssessed', originalValues: { reason: 'to complex' }, correctedValues: { reason: 'Neglect concerns' }, reason: 'Typed in the wrong case' },
      },
    ]);
  });

  it('R22: a correction may only name fields the entry has, and not correct a correction', () => {
    const state = givenWithIds(opened, level('complex'));
    expect(refused(correct('event-1', { colour: 'red' }), state).code).toBe('CORRECTION.UNKNOWN_FIELDS');
    const corrected = givenWithIds(opened, level('complex'), correct('event-1', { reason: 'x' }));
    expect(refused(correct('event-2', { reason: 'y' }), corrected).code).toBe('CORRECTION.OF_CORRECTION');
  });
});

describe('Corrections of the contact (R22)', () => {
  const correct = (correctedValues: Record<string, unknown>): CaseCommand => ({
    type: 'CorrectEntry',
    context: ctx,
    data: { caseId, correctsEventId: 'event-0', correctedValues, reason: 'Date of birth mistyped' },
  });

  it('R22: a corrected date of birth is what the case knows from then on (and what R17 checks)', () => {
    const state = givenWithIds(opened, correct({ child: { dateOfBirth: '2010-05-01' } }));
    expect(state.child).toMatchObject({ dateOfBirth: '2010-05-01', givenName: 'A' });
  });

  it('R22: corrected child details must use the national codes and real dates', () => {
    expect(refused(correct({ child: { sex: 'x', dateOfBirth: 'yesterday' } }), givenWithIds(opened))).toMatchObject({
      code: 'CORRECTION.INVALID_VALUES',
      message: expect.stringContaining('child.sex, child.dateOfBirth'),
    });
  });

  it('R22: the structure of the record is not corrected in place: a wrong level is put right by a step', () => {
    const state = givenWithIds(opened, level('complex'));
    const wrongLevel: CaseCommand = { type: 'CorrectEntry', context: ctx, data: { caseId, correctsEventId: 'event-1', correctedValues: { level: 'emerging' }, reason: 'r' } };
    expect(refused(wrongLevel, state).code).toBe('CORRECTION.STRUCTURAL_FIELD');
  });
});
