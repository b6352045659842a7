import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../domain/command';
import { EventEnvelope } from '../domain/decider';
import { RuleViolation } from '../domain/domain-error';
import { caseDecider, CaseCommand } from './case.decider';
import type { CaseEvent } from './case.events';
import type { CaseState } from './case.state';
import type { ChangeLevelOfNeed } from './change-level-of-need/change-level-of-need.decide';
import type { ConsentRecord } from './consent/consent.decide';
import type { CorrectedEntry } from './correction/correction.decide';
import { timelinessChanges, TimelinessItem } from './timeliness/timeliness-items';

const actor: Actor = {
  id: 'sw1',
  name: 'J. Smith',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Children’s Social Care',
  team: 'north',
  allTeams: false,
};
const caseId = '33333333-3333-4333-8333-333333333333';
const at = (occurredAt: string): CommandContext => ({
  actor,
  occurredAt,
  now: '2027-06-01T00:00:00Z',
  correlationId: 'c',
  causationId: 'c',
});
const ctx = at('2026-03-02T10:00:00Z');

const opened: CaseCommand = {
  type: 'OpenCase',
  context: ctx,
  data: {
    caseId,
    childId: caseId,
    laChildId: 'C0000000001',
    familyId: '44444444-4444-4444-8444-444444444444',
    area: 'peterborough',
    concerns: 'c',
    child: { givenName: 'A', familyName: 'B', dateOfBirth: '2014-01-01', sex: 'male', disabilities: ['NONE'] },
    contact: {
      receivedAt: '2026-03-02T09:00:00Z',
      route: 'written',
      source: '3A',
      referrer: { name: 'Dr X', anonymous: false },
    },
  },
};
const level = (
  to: ChangeLevelOfNeed['data']['level'],
  extra: Partial<ChangeLevelOfNeed['data']> = {},
): CaseCommand => ({
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
    for (const event of decide(command, state)) {
      state = caseDecider.evolve(state, {
        ...event,
        metadata: { occurredAt: command.context.occurredAt, actor },
      });
    }
  }
  return state;
}

/** The entries the last givenWithIds() recorded, by id: the stream the correction's handler reads its entry from. */
let recordedEntries = new Map<string, CorrectedEntry>();

/** A command as its handler passes it on: a correction with the entry it names, read from the stream (R22). */
function asHandled(command: CaseCommand): CaseCommand {
  if (command.type !== 'CorrectEntry') return command;
  return { ...command, data: { ...command.data, entry: recordedEntries.get(command.data.correctsEventId) } };
}

const decide = (command: CaseCommand, state: CaseState) => caseDecider.decide(asHandled(command), state);

/** Like given(), but each event gets an id, as the store gives it, so corrections can name it. */
function givenWithIds(...commands: CaseCommand[]): CaseState {
  let state = caseDecider.initialState();
  let n = 0;
  recordedEntries = new Map();
  for (const command of commands) {
    for (const event of decide(command, state)) {
      const id = `event-${n++}`;
      recordedEntries.set(id, { type: event.type, data: event.data as Record<string, unknown> });
      state = caseDecider.evolve(state, {
        ...event,
        id,
        metadata: { occurredAt: command.context.occurredAt, actor },
      });
    }
  }
  return state;
}

function refused(command: CaseCommand, state: CaseState): RuleViolation {
  try {
    decide(command, state);
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
    expect(
      given(opened, consent({ givenBy: 'young_person', gillickCompetent: true })).consents.early_help?.decision,
    ).toBe('given');
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
    expect(
      refused(level('specialist', { parentsInformed: true, familyHasEarlyHelpAssessment: true }), atComplex()).rule,
    ).toBe('R6');
  });

  it('R6: with an EHA on record and its summary, the step up is accepted and keeps its basis', () => {
    const [event] = decide(
      level('specialist', {
        parentsInformed: true,
        familyHasEarlyHelpAssessment: true,
        earlyHelpSummary: 'TAF for 6 months; attendance up; neglect persists',
      }),
      atComplex(),
    );
    expect(event).toMatchObject({
      type: 'SteppedUp',
      data: {
        from: 'complex',
        to: 'specialist',
        basis: { earlyHelpSummary: expect.any(String), parentsInformed: true },
      },
    });
  });

  it('R6: an immediate risk of significant harm with its justification allows a referral without early help', () => {
    const [event] = decide(
      level('specialist', { immediateRisk: { justification: 'Disclosure of assault' }, parentsInformed: true }),
      atComplex(),
    );
    expect(event.type).toBe('SteppedUp');
  });

  it('R6: a first assessment straight at specialist is a referral too', () => {
    expect(refused(level('specialist', { parentsInformed: true }), given(opened)).rule).toBe('R6');
  });

  it('R7: a referral needs consent, or the parents informed, or the recorded exception', () => {
    const risk = { immediateRisk: { justification: 'Disclosure' } };
    expect(refused(level('specialist', risk), atComplex()).rule).toBe('R7');
    expect(decide(level('specialist', { ...risk, parentsInformed: true }), atComplex())[0].type).toBe('SteppedUp');
    expect(
      decide(
        level('specialist', {
          ...risk,
          consentException: { reason: 'risk_of_significant_harm', justification: 'Father is the alleged abuser' },
        }),
        atComplex(),
      )[0].type,
    ).toBe('SteppedUp');
    const withConsent = given(opened, level('complex'), consent({ scope: 'csc_referral' }));
    expect(decide(level('specialist', risk), withConsent)[0].type).toBe('SteppedUp');
  });

  it('R8: after early help was refused, a referral must record significant harm', () => {
    const state = given(opened, level('complex'), consent({ decision: 'refused' }));
    const error = refused(
      level('specialist', { parentsInformed: true, familyHasEarlyHelpAssessment: true, earlyHelpSummary: 'Offered' }),
      state,
    );
    expect(error).toMatchObject({ rule: 'R8', code: 'REFERRAL.REFUSAL_ALONE' });
  });

  it('R8: after refused early help the intention to refer must have been discussed with the parent', () => {
    const state = given(opened, level('complex'), consent({ decision: 'refused' }));
    const risk = { immediateRisk: { justification: 'Injuries seen' }, parentsInformed: true };
    expect(refused(level('specialist', risk), state).code).toBe('REFERRAL.NOT_DISCUSSED');
    expect(decide(level('specialist', { ...risk, intentionDiscussedWithParent: true }), state)[0].type).toBe(
      'SteppedUp',
    );
  });

  it('A step down records what changed', () => {
    const state = given(opened, level('complex'));
    expect(decide(level('emerging', { whatChanged: 'School attendance back to 96%' }), state)).toEqual([
      {
        type: 'SteppedDown',
        schemaVersion: 1,
        data: { from: 'complex', to: 'emerging', reason: 'to emerging', whatChanged: 'School attendance back to 96%' },
      },
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
    const [event] = decide(rate(rating), given(opened));
    expect(event).toMatchObject({
      type: 'BragRatingApplied',
      data: { rating, mashInformationDueBy: due, referralToChildrensSocialCare: referral },
    });
  });

  it('R11: a change of rating is recorded with the previous one; the same rating again is refused', () => {
    const state = given(opened, rate('green'));
    expect(decide(rate('red'), state)[0]).toMatchObject({ data: { rating: 'red', previousRating: 'green' } });
    expect(refused(rate('green'), state).rule).toBe('R11');
  });
});

describe('Section 47 and child protection (R16)', () => {
  const s47: CaseCommand = {
    type: 'OpenSection47Enquiry',
    context: ctx,
    data: { caseId, reasonableCause: 'Bruising explained inconsistently' },
  };

  it('R16: opening a s47 enquiry on a case below specialist steps it up first, as its own SteppedUp; consent is not required', () => {
    const events = decide(s47, given(opened, level('complex')));
    expect(events.map((e) => e.type)).toEqual(['SteppedUp', 'ReferralRecorded', 'Section47EnquiryOpened']);
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
    expect(decide(conclude('2026-03-20'), state)[0].data).toMatchObject({ icpcDate: '2026-03-20' });
  });

  it('A child protection plan needs the case at specialist', () => {
    const plan: CaseCommand = { type: 'StartChildProtectionPlan', context: ctx, data: { caseId, category: 'NEG' } };
    const conclude: CaseCommand = {
      type: 'ConcludeSection47Enquiry',
      context: ctx,
      data: { caseId, concernsSubstantiated: true, icpcNeeded: true, icpcDate: '2026-03-10', outcome: 'o' },
    };
    const conference: CaseCommand = {
      type: 'RecordInitialChildProtectionConference',
      context: ctx,
      data: { caseId, decision: 'child_protection_plan', category: 'NEG' },
    };
    expect(refused(plan, given(opened, level('complex'))).code).toBe('CP_PLAN.NOT_SPECIALIST');
    expect(given(opened, s47, conclude, conference, plan).childProtectionPlan).toMatchObject({ category: 'NEG' });
  });
});

describe('Closure and reopening (R21)', () => {
  const close = (occurredAt = '2026-04-01T10:00:00Z'): CaseCommand => ({
    type: 'CloseCase',
    context: at(occurredAt),
    data: { caseId, reason: 'RC7', summary: 's' },
  });
  const reopen = (occurredAt: string): CaseCommand => ({
    type: 'ReopenCase',
    context: at(occurredAt),
    data: { caseId, reason: 'New contact' },
  });

  it('R21: a closed case refuses every command but reopening', () => {
    expect(refused(level('complex'), given(opened, close())).code).toBe('CASE.CLOSED');
  });

  it('R25: a case with an open s47 enquiry cannot be closed', () => {
    const s47: CaseCommand = { type: 'OpenSection47Enquiry', context: ctx, data: { caseId, reasonableCause: 'c' } };
    expect(refused(close(), given(opened, s47)).rule).toBe('R25');
  });

  it.each([
    ['2027-03-01T10:00:00Z', true],
    ['2027-03-02T10:00:00Z', true],
    ['2027-03-02T10:01:00Z', false],
  ])(
    'R21/R28: reopened at %s, after a referral on 2026-03-02 and closure on 2026-04-01, re-referral is %s',
    (when, reReferral) => {
      const referred = level('specialist', { immediateRisk: { justification: 'Disclosure' }, parentsInformed: true });
      const [event] = decide(reopen(when), given(opened, referred, close()));
      expect(event).toMatchObject({ type: 'CaseReopened', data: { reReferral, closedAt: '2026-04-01T10:00:00Z' } });
    },
  );

  it('R40: Given another case of the child open, When a closed case is reopened, Then it is refused naming the open case', () => {
    const reopenWhileOpen: CaseCommand = {
      type: 'ReopenCase',
      context: at('2026-05-01T10:00:00Z'),
      data: { caseId, reason: 'New contact', childOpenCaseId: 'case-2' },
    };
    expect(refused(reopenWhileOpen, given(opened, close()))).toMatchObject({
      rule: 'R40',
      code: 'CHILD.CASE_ALREADY_OPEN',
      details: { openCaseId: 'case-2' },
    });
  });

  it('R28: a contact that was never referred is no re-referral when reopened, however soon', () => {
    expect(decide(reopen('2026-04-02T10:00:00Z'), given(opened, close()))[0].data).toMatchObject({ reReferral: false });
  });

  it('R21: an open case cannot be reopened', () => {
    expect(refused(reopen('2026-05-01T00:00:00Z'), given(opened)).code).toBe('CASE.NOT_CLOSED');
  });
});

describe('MASH front door (R10, R12, R13)', () => {
  const telephone: CaseCommand = {
    ...opened,
    context: at('2026-03-06T09:00:00Z'),
    data: {
      ...(opened.data as object),
      contact: {
        receivedAt: '2026-03-06T09:00:00Z',
        route: 'telephone',
        source: '2A',
        referrer: { name: 'R. Patel', anonymous: false },
      },
    },
  } as CaseCommand;
  const followUp = (occurredAt: string): CaseCommand => ({
    type: 'RecordWrittenFollowUp',
    context: at(occurredAt),
    data: { caseId },
  });
  const rate: CaseCommand = {
    type: 'ApplyBragRating',
    context: at('2026-03-06T10:00:00Z'),
    data: { caseId, rating: 'amber', rationale: 'r' },
  };
  const decideMash = (
    outcome:
      | 'section_47_first_response'
      | 'section_17_single_assessment'
      | 'early_help_hub'
      | 'specific_provision'
      | 'advice_and_close',
    provisionName?: string,
  ): CaseCommand => ({
    type: 'RecordMashDecision',
    context: at('2026-03-06T15:00:00.000Z'),
    data: { caseId, outcome, rationale: 'Injuries and disclosure', ...(provisionName && { provisionName }) },
  });

  it('R10: a telephone contact followed up in writing after 24 hours is recorded as late; within, as on time', () => {
    expect(decide(followUp('2026-03-07T08:59:00Z'), given(telephone))[0].data).toMatchObject({
      late: false,
      dueBy: '2026-03-07T09:00:00.000Z',
    });
    expect(decide(followUp('2026-03-07T09:01:00Z'), given(telephone))[0].data).toMatchObject({ late: true });
  });

  it('R10: a written contact needs no written follow-up', () => {
    expect(refused(followUp('2026-03-03T09:00:00Z'), given(opened)).rule).toBe('R10');
  });

  it('R12: the MASH decides after rating; passing to s47 opens the enquiry (assessing the case at specialist) in the same decision', () => {
    expect(refused(decideMash('early_help_hub'), given(opened)).rule).toBe('R12');
    const events = decide(decideMash('section_47_first_response'), given(opened, rate));
    expect(events.map((e) => e.type)).toEqual([
      'MashDecisionRecorded',
      'ReferralRecorded',
      'LevelOfNeedAssessed',
      'Section47EnquiryOpened',
    ]);
  });

  it('R12/R27: advice and information closes the contact (not a CIN closure); a specific provision must be named', () => {
    expect(decide(decideMash('advice_and_close'), given(opened, rate)).map((e) => e.type)).toEqual([
      'MashDecisionRecorded',
      'ContactClosed',
    ]);
    expect(refused(decideMash('specific_provision'), given(opened, rate)).code).toBe('MASH.PROVISION_UNNAMED');
    expect(decide(decideMash('specific_provision', 'Disability services'), given(opened, rate))[0].data).toMatchObject({
      provisionName: 'Disability services',
    });
  });

  it('R12/R15: passing to s17 without section 17 consent is refused as a whole', () => {
    expect(refused(decideMash('section_17_single_assessment'), given(opened, rate)).rule).toBe('R15');
  });

  it('R13: the referrer is due to hear by the end of the next working day after the decision (Friday -> end of Monday)', () => {
    const [decision] = decide(decideMash('early_help_hub'), given(opened, consent({}), rate));
    expect(decision.data).toMatchObject({ referrerNotificationDueBy: '2026-03-09T23:59:59.999Z' });
    const state = given(opened, consent({}), rate, decideMash('early_help_hub'));
    const notify = (occurredAt: string): CaseCommand => ({
      type: 'RecordReferrerNotified',
      context: at(occurredAt),
      data: { caseId, how: 'phone' },
    });
    expect(decide(notify('2026-03-09T16:00:00Z'), state)[0].data).toMatchObject({ late: false });
    expect(decide(notify('2026-03-10T09:00:00Z'), state)[0].data).toMatchObject({ late: true });
    expect(refused(notify('2026-03-06T16:00:00Z'), given(opened)).rule).toBe('R13');
  });
});

describe('Statutory work (R15, R17, R18)', () => {
  const s47: CaseCommand = { type: 'OpenSection47Enquiry', context: ctx, data: { caseId, reasonableCause: 'c' } };
  const openS17: CaseCommand = {
    type: 'OpenSection17Assessment',
    context: at('2026-03-02T10:00:00.000Z'),
    data: { caseId },
  };

  it('R15: a s17 assessment needs section 17 consent and the case at specialist; it is due 45 working days on', () => {
    expect(refused(openS17, given(opened, s47)).code).toBe('S17.NO_CONSENT');
    expect(refused(openS17, given(opened, consent({ scope: 'section_17' }))).code).toBe('S17.NOT_SPECIALIST');
    const [event] = decide(openS17, given(opened, s47, consent({ scope: 'section_17' })));
    // 45 working days from Monday 2 March 2026, skipping Good Friday and Easter Monday: Thursday 7 May.
    expect(event).toMatchObject({ type: 'Section17AssessmentOpened', data: { dueBy: '2026-05-07T10:00:00.000Z' } });
  });

  const dob = (dateOfBirth: string): CaseCommand =>
    ({
      ...opened,
      data: {
        ...(opened.data as object),
        child: { givenName: 'A', familyName: 'B', dateOfBirth, sex: 'male', disabilities: ['NONE'] },
      },
    }) as CaseCommand;
  const accommodate = (occurredAt: string): CaseCommand => ({
    type: 'StartSection20Accommodation',
    context: at(occurredAt),
    data: { caseId, placement: 'Foster care' },
  });

  it('R17: s20 needs the consent of a person with parental responsibility', () => {
    expect(refused(accommodate('2026-03-02T10:00:00Z'), given(dob('2014-01-01'))).rule).toBe('R17');
    const state = given(
      dob('2014-01-01'),
      consent({ scope: 'section_20', givenBy: 'person_with_parental_responsibility' }),
    );
    expect(decide(accommodate('2026-03-02T10:00:00Z'), state)[0].data).toMatchObject({
      consentGivenBy: 'person_with_parental_responsibility',
    });
  });

  it('R17: a young person’s own consent suffices at 16 or 17, checked against the date of birth on the day', () => {
    const state = given(dob('2010-03-05'), consent({ scope: 'section_20', givenBy: 'young_person' }));
    expect(refused(accommodate('2026-03-04T10:00:00Z'), state).code).toBe('S20.NO_CONSENT'); // 15 the day before the birthday
    expect(decide(accommodate('2026-03-05T10:00:00Z'), state)[0].data).toMatchObject({
      consentGivenBy: 'young_person',
      ageAtStart: 16,
    });
  });

  const step = (s: 'applied' | 'granted' | 'refused' | 'discharged', courtReference = 'PE26C00123'): CaseCommand => ({
    type: 'RecordCareOrderStep',
    context: ctx,
    data: { caseId, step: s, courtReference },
  });

  it('R18: the local authority applies; only the court grants, refuses or discharges, each with its court reference', () => {
    expect(refused(step('granted'), given(opened)).code).toBe('S31.OUT_OF_ORDER');
    expect(refused(step('applied', ' '), given(opened)).code).toBe('S31.NO_COURT_REFERENCE');
    expect(given(opened, step('applied'), step('granted'), step('discharged')).careOrder).toMatchObject({
      step: 'discharged',
    });
    expect(refused(step('discharged'), given(opened, step('applied'))).rule).toBe('R18');
  });
});

describe('Information sharing (R19)', () => {
  const decisionId = '55555555-5555-4555-8555-555555555555';
  const decision = (overrides: Record<string, unknown>, context = ctx): CaseCommand => ({
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
  });
  const withoutConsent = {
    basis: 'without_consent',
    confidentialityBasis: 'public_interest',
    publicInterestGround: 'risk_of_significant_harm',
    judgement: 'Seeking consent would alert the alleged abuser',
    personInformed: { told: false, notToldReason: 'would_place_child_at_increased_risk' },
  };

  it('R19: sharing on the basis of consent needs consent in force or given when sought', () => {
    expect(refused(decision({}), given(opened)).code).toBe('SHARING.NO_CONSENT');
    expect(decide(decision({}), given(opened, consent({ scope: 'information_sharing' })))[0].data).toMatchObject({
      consentInForce: 'given',
    });
    expect(decide(decision({ consentSought: true, consentAnswer: 'given' }), given(opened))).toHaveLength(1);
  });

  it('R19: sharing without consent needs the judgement behind it, and a public interest needs its ground', () => {
    expect(refused(decision({ ...withoutConsent, judgement: undefined }), given(opened)).code).toBe(
      'SHARING.NO_LAWFUL_BASIS',
    );
    expect(refused(decision({ ...withoutConsent, publicInterestGround: undefined }), given(opened)).code).toBe(
      'SHARING.NO_LAWFUL_BASIS',
    );
    const [event] = decide(decision(withoutConsent), given(opened));
    expect(event).toMatchObject({
      schemaVersion: 2,
      data: { basis: 'without_consent', confidentialityBasis: 'public_interest', consentInForce: null },
    });
  });

  it.each([
    ['consent as the confidentiality basis', { confidentialityBasis: 'consent' }],
    ['Article 6 consent', { article6Basis: 'consent' }],
    ['Article 9 explicit consent', { specialCategoryData: true, article9Condition: 'explicit_consent' }],
  ])('R19: a decision without consent cannot rest on %s', (_, legal) => {
    expect(refused(decision({ ...withoutConsent, ...legal }), given(opened)).code).toBe(
      'SHARING.CONSENT_BASIS_WITHOUT_CONSENT',
    );
  });

  it('R19: special-category data needs an Article 9 condition, and substantial public interest its Schedule 1 condition', () => {
    const special = { ...withoutConsent, specialCategoryData: true };
    expect(refused(decision(special), given(opened)).code).toBe('SHARING.SPECIAL_CATEGORY_NEEDS_CONDITION');
    expect(
      refused(decision({ ...special, article9Condition: 'substantial_public_interest' }), given(opened)).code,
    ).toBe('SHARING.SCHEDULE_1_CONDITION_NEEDED');
    expect(
      refused(
        decision({
          ...special,
          article9Condition: 'substantial_public_interest',
          schedule1Condition: 'para_2_health_or_social_care',
        }),
        given(opened),
      ).code,
    ).toBe('SHARING.SCHEDULE_1_CONDITION_NEEDED');
    const para18 = {
      ...special,
      article9Condition: 'substantial_public_interest',
      schedule1Condition: 'para_18_safeguarding_of_children_and_individuals_at_risk',
    };
    expect(decide(decision(para18), given(opened))[0].data).toMatchObject({
      schedule1Condition: 'para_18_safeguarding_of_children_and_individuals_at_risk',
    });
    expect(decide(decision({ ...special, article9Condition: 'vital_interests' }), given(opened))).toHaveLength(1);
  });

  it('R19 (golden rules 2, 3): not telling the person needs a reason; advice sought names its source', () => {
    expect(refused(decision({ ...withoutConsent, personInformed: { told: false } }), given(opened)).code).toBe(
      'SHARING.NOT_TOLD_WITHOUT_REASON',
    );
    expect(refused(decision({ ...withoutConsent, advice: { sought: true } }), given(opened)).code).toBe(
      'SHARING.ADVICE_SOURCE_MISSING',
    );
  });

  it('R19: the request answered cannot arrive after the decision', () => {
    const request = { from: 'Police', receivedAt: '2026-03-02T11:00:00Z' };
    expect(refused(decision({ ...withoutConsent, request }), given(opened)).code).toBe(
      'SHARING.REQUEST_AFTER_DECISION',
    );
  });

  it('R19: a competent young person’s objection to sharing with parents is overridden only for significant harm', () => {
    const overridden = { ...withoutConsent, youngPersonObjection: { overridden: true, why: 'w' } };
    expect(
      refused(decision({ ...overridden, publicInterestGround: 'prevention_or_detection_of_crime' }), given(opened))
        .code,
    ).toBe('SHARING.OBJECTION_OVERRIDDEN');
    expect(decide(decision(overridden), given(opened))).toHaveLength(1);
  });

  it('R19: a decision not to share is recorded with its reasons too', () => {
    expect(
      decide(
        decision({
          decision: 'not_share',
          basis: 'without_consent',
          confidentialityBasis: 'not_confidential',
          recipients: [],
        }),
        given(opened),
      )[0].type,
    ).toBe('InformationSharingDecisionRecorded');
  });

  it('R19: the decision records what the case record said at that moment', () => {
    const state = given(opened, consent({ scope: 'information_sharing' }), level('complex'));
    expect(decide(decision({}), state)[0].data).toMatchObject({
      knownAtDecision: {
        level: 'complex',
        bragRating: null,
        section47Open: false,
        childProtectionPlan: null,
        consents: { information_sharing: 'given' },
      },
    });
  });

  describe('information sent (golden rule 6)', () => {
    const sent = (overrides: Record<string, unknown>): CaseCommand => ({
      type: 'RecordInformationSent',
      context: at('2026-03-02T12:00:00Z'),
      data: {
        caseId,
        decisionId,
        sentAt: '2026-03-02T12:00:00Z',
        method: 'secure_email',
        recipients: [{ agency: 'Police' }],
        information: 'Chronology',
        ...overrides,
      },
    });

    it('Given a decision to share, When what was sent is recorded, Then it names the decision', () => {
      expect(decide(sent({}), given(opened, decision(withoutConsent)))[0]).toMatchObject({
        type: 'InformationSent',
        data: { decisionId },
      });
    });

    it('Given no such decision, or a decision not to share, When sending is recorded, Then it is refused', () => {
      expect(() => decide(sent({}), given(opened))).toThrow(/not part of this case/);
      const notShared = given(
        opened,
        decision({ decision: 'not_share', basis: 'without_consent', confidentialityBasis: 'not_confidential' }),
      );
      expect(refused(sent({}), notShared).code).toBe('SHARING.NOT_A_SHARE');
    });

    it('Sending before the decision, or insecurely without a reason, is refused', () => {
      const state = given(opened, decision(withoutConsent));
      expect(refused(sent({ sentAt: '2026-03-02T09:59:00Z' }), state).code).toBe('SHARING.SENT_BEFORE_DECISION');
      expect(refused(sent({ method: 'unsecured_email' }), state).code).toBe('SHARING.INSECURE_WITHOUT_REASON');
      expect(
        decide(
          sent({
            method: 'unsecured_email',
            insecureMethodReason: 'Secure email was down; the child was at risk that day',
          }),
          state,
        ),
      ).toHaveLength(1);
    });
  });

  describe('a corrected decision (R22) obeys R19', () => {
    const correct = (correctedValues: Record<string, unknown>): CaseCommand => ({
      type: 'CorrectEntry',
      context: ctx,
      data: { caseId, correctsEventId: 'event-1', correctedValues, reason: 'Wrong basis recorded' },
    });

    it('Given a lawful decision, When corrected to a combination the law does not allow, Then it is refused', () => {
      const state = givenWithIds(opened, decision(withoutConsent));
      expect(refused(correct({ confidentialityBasis: 'consent' }), state).code).toBe(
        'SHARING.CONSENT_BASIS_WITHOUT_CONSENT',
      );
      expect(refused(correct({ article6Basis: 'whim' }), state).code).toBe('CORRECTION.INVALID_VALUES');
      expect(refused(correct({ decisionId: 'another' }), state).code).toBe('CORRECTION.STRUCTURAL_FIELD');
      expect(decide(correct({ article6Basis: 'vital_interests' }), state)[0].data).toMatchObject({
        originalValues: { article6Basis: 'public_task' },
        correctedValues: { article6Basis: 'vital_interests' },
      });
    });
  });
});

describe('Escalation (R20)', () => {
  const escalationId = 'e1';
  const raise = (route: 'professional' | 'mash_decision' = 'professional', startsAt = 'practitioner'): CaseCommand =>
    ({
      type: 'RaiseEscalation',
      context: ctx,
      data: { caseId, escalationId, route, concern: 'No home visit', otherAgency: 'Health', startsAt },
    }) as CaseCommand;
  const escalate = (to: string): CaseCommand =>
    ({ type: 'EscalateFurther', context: ctx, data: { caseId, escalationId, to, why: 'No agreement' } }) as CaseCommand;

  it('R20: escalation goes step by step: practitioner, line manager, senior manager, Independent Chair', () => {
    expect(refused(escalate('senior_manager'), given(opened, raise())).code).toBe('ESCALATION.OUT_OF_ORDER');
    const state = given(
      opened,
      raise(),
      escalate('line_manager'),
      escalate('senior_manager'),
      escalate('independent_chair'),
    );
    expect(state.escalations[escalationId]).toMatchObject({ level: 'independent_chair', status: 'open' });
    expect(refused(escalate('independent_chair'), state).code).toBe('ESCALATION.OUT_OF_ORDER');
  });

  it('R20: a MASH decision dispute goes to the MASH Group Manager, then the Head of Service Integrated Front Door', () => {
    const state = given(
      opened,
      raise('mash_decision'),
      escalate('mash_group_manager'),
      escalate('head_of_service_integrated_front_door'),
    );
    expect(state.escalations[escalationId].level).toBe('head_of_service_integrated_front_door');
    expect(refused(raise('mash_decision', 'senior_manager'), given(opened)).code).toBe('ESCALATION.WRONG_ROUTE');
  });

  it('R20: it ends resolved with the agreement, or withdrawn, and then takes no more steps', () => {
    const resolve: CaseCommand = {
      type: 'ResolveEscalation',
      context: ctx,
      data: { caseId, escalationId, agreement: 'Visit booked' },
    };
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
    expect(decide(correct('event-1', { reason: 'Neglect concerns' }), state)).toEqual([
      {
        type: 'EntryCorrected',
        schemaVersion: 1,
        data: {
          correctsEventId: 'event-1',
          correctsType: 'LevelOfNeedAssessed',
          originalValues: { reason: 'to complex' },
          correctedValues: { reason: 'Neglect concerns' },
          reason: 'Typed in the wrong case',
        },
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

  it('R22: the structure of the record is not corrected in place: a case or family id is recorded on the right one', () => {
    const wrongFamily: CaseCommand = {
      type: 'CorrectEntry',
      context: ctx,
      data: { caseId, correctsEventId: 'event-0', correctedValues: { familyId: 'f2' }, reason: 'r' },
    };
    expect(refused(wrongFamily, givenWithIds(opened)).code).toBe('CORRECTION.STRUCTURAL_FIELD');
  });
});

describe('Corrections of any recorded fact, the level included (R22, R36)', () => {
  const correct = (correctsEventId: string, correctedValues: Record<string, unknown>): CaseCommand => ({
    type: 'CorrectEntry',
    context: at('2026-03-05T10:00:00Z'),
    data: { caseId, correctsEventId, correctedValues, reason: 'Mis-keyed' },
  });
  const risk = { immediateRisk: { justification: 'Disclosure' }, parentsInformed: true };

  it('Given an assessment mis-keyed as complex, When its level is corrected to emerging, Then the case is at emerging (no step recorded)', () => {
    const state = givenWithIds(opened, level('complex'), correct('event-1', { level: 'emerging' }));
    expect(state.level).toBe('emerging');
  });

  it('Given a step up to complex, When its level is corrected to where it started, Then it is accepted: the step never happened', () => {
    const state = givenWithIds(opened, level('emerging'), level('complex'));
    expect(decide(correct('event-2', { to: 'emerging' }), state)[0].data).toMatchObject({
      correctsType: 'SteppedUp',
      originalValues: { to: 'complex' },
      correctedValues: { to: 'emerging' },
    });
    expect(
      givenWithIds(opened, level('emerging'), level('complex'), correct('event-2', { to: 'emerging' })).level,
    ).toBe('emerging');
  });

  it('R36: Given a later step, When an earlier level is corrected, Then it is refused: later steps started from it', () => {
    expect(
      refused(correct('event-1', { level: 'universal' }), givenWithIds(opened, level('emerging'), level('complex'))),
    ).toMatchObject({ rule: 'R36', code: 'CORRECTION.NOT_LATEST_LEVEL' });
  });

  it('R36: Given a step up to specialist (a referral), When it is corrected to complex, Then it is refused; a level below is not corrected to specialist either', () => {
    expect(
      refused(correct('event-2', { to: 'complex' }), givenWithIds(opened, level('emerging'), level('specialist', risk)))
        .code,
    ).toBe('CORRECTION.ACROSS_REFERRAL');
    expect(refused(correct('event-1', { level: 'specialist' }), givenWithIds(opened, level('complex'))).code).toBe(
      'CORRECTION.ACROSS_REFERRAL',
    );
  });

  it('R22: Given a step to specialist with its basis, When the basis is corrected to a string, or a level to an unknown one, Then it is refused as the original command would refuse it', () => {
    const state = givenWithIds(opened, level('emerging'), level('specialist', risk));
    expect(refused(correct('event-2', { basis: 'anything' }), state)).toMatchObject({
      rule: 'R22',
      code: 'CORRECTION.INVALID_VALUES',
      message: expect.stringContaining('basis'),
    });
    expect(refused(correct('event-2', { basis: { colour: 'red' } }), state).code).toBe('CORRECTION.INVALID_VALUES');
    expect(
      decide(
        correct('event-2', { basis: { ...risk, immediateRisk: { justification: 'Disclosure to the teacher' } } }),
        state,
      ),
    ).toHaveLength(1);
    expect(refused(correct('event-1', { level: 'high' }), givenWithIds(opened, level('complex'))).code).toBe(
      'CORRECTION.INVALID_VALUES',
    );
    expect(refused(correct('event-1', { reason: '' }), givenWithIds(opened, level('complex'))).code).toBe(
      'CORRECTION.INVALID_VALUES',
    );
  });
});

describe('A coherent record: statutory episodes, conferences and closure (R23-R27)', () => {
  const risk = { immediateRisk: { justification: 'Disclosure of assault' }, parentsInformed: true };
  const atSpecialist = [opened, level('complex'), level('specialist', risk)] as const;
  const command = <T extends CaseCommand['type']>(
    type: T,
    data: Omit<Extract<CaseCommand, { type: T }>['data'], 'caseId'>,
    occurredAt = '2026-03-02T10:00:00Z',
  ) => ({ type, context: at(occurredAt), data: { caseId, ...data } }) as CaseCommand;
  const s47 = command('OpenSection47Enquiry', { reasonableCause: 'Bruising explained inconsistently' });
  const conclude = (icpcNeeded = true) =>
    command('ConcludeSection47Enquiry', {
      concernsSubstantiated: true,
      icpcNeeded,
      ...(icpcNeeded && { icpcDate: '2026-03-12' }),
      outcome: 'o',
    });
  const conference = (decision: 'child_protection_plan' | 'no_plan', occurredAt = '2026-03-12T10:00:00Z') =>
    command(
      'RecordInitialChildProtectionConference',
      { decision, ...(decision === 'child_protection_plan' && { category: 'NEG' as const }) },
      occurredAt,
    );
  const plan = command('StartChildProtectionPlan', { category: 'NEG' }, '2026-03-12T11:00:00Z');
  const endPlan = command('EndChildProtectionPlan', { reason: 'Review conference' }, '2026-03-13T10:00:00Z');
  const close = (reason: string, extra: Record<string, unknown> = {}) =>
    command('CloseCase', { reason, summary: 's', ...extra } as never, '2026-04-01T10:00:00Z');

  describe('R23: statutory episodes hold the level at specialist', () => {
    it.each([
      ['a section 47 enquiry', [s47]],
      ['a child in need plan', [command('StartChildInNeedPlan', {})]],
      ['a child protection plan', [s47, conclude(), conference('child_protection_plan'), plan]],
      [
        'section 20 accommodation',
        [
          consent({ scope: 'section_20', givenBy: 'person_with_parental_responsibility' }),
          command('StartSection20Accommodation', { placement: 'Foster care' }),
        ],
      ],
      ['care proceedings', [command('RecordCareOrderStep', { step: 'applied', courtReference: 'PE26C00123' })]],
      ['a section 17 assessment', [consent({ scope: 'section_17' }), command('OpenSection17Assessment', {})]],
    ] as const)(
      'Given a case at specialist with %s, When it is stepped down, Then R23 refuses it',
      (episode, commands) => {
        const error = refused(level('universal'), given(...atSpecialist, ...commands));
        expect(error).toMatchObject({ rule: 'R23', code: 'LEVEL_OF_NEED.STATUTORY_WORK_OPEN' });
        expect(error.message).toContain(episode);
      },
    );

    it('Given the child protection plan has ended, When the case steps down, Then it is accepted', () => {
      const state = given(...atSpecialist, s47, conclude(), conference('child_protection_plan'), plan, endPlan);
      expect(decide(level('complex'), state)[0].type).toBe('SteppedDown');
    });

    it('Given a refused care order, When the case steps down, Then it is accepted (the proceedings ended)', () => {
      const applied = command('RecordCareOrderStep', { step: 'applied', courtReference: 'PE26C00123' });
      const refusedOrder = command('RecordCareOrderStep', { step: 'refused', courtReference: 'PE26C00123' });
      expect(decide(level('complex'), given(...atSpecialist, applied, refusedOrder))[0].type).toBe('SteppedDown');
    });
  });

  describe('R24: a child protection plan needs an s47 enquiry whose initial conference decided on a plan', () => {
    it('Given a case at specialist with no s47 enquiry, When a plan starts, Then R24 refuses it', () => {
      expect(refused(plan, given(...atSpecialist))).toMatchObject({
        rule: 'R24',
        code: 'CP_PLAN.NO_CONFERENCE_DECISION',
      });
    });

    it('Given an s47 enquiry whose conference is not recorded, When a plan starts, Then R24 refuses it', () => {
      expect(refused(plan, given(...atSpecialist, s47, conclude())).rule).toBe('R24');
    });

    it('Given a conference that decided against a plan, When a plan starts, Then R24 refuses it', () => {
      expect(refused(plan, given(...atSpecialist, s47, conclude(), conference('no_plan'))).message).toContain(
        'decided against',
      );
    });

    it('Given a conference that decided on a plan, When the plan starts, Then it is recorded, and a second plan from it is refused', () => {
      const state = given(...atSpecialist, s47, conclude(), conference('child_protection_plan'), plan, endPlan);
      expect(refused(plan, state).message).toContain('already started');
    });

    it('Given no s47 enquiry, When a conference is recorded, Then R24 refuses it; a plan decision names its category', () => {
      expect(refused(conference('child_protection_plan'), given(...atSpecialist)).code).toBe('ICPC.NO_ENQUIRY');
      const noCategory = command(
        'RecordInitialChildProtectionConference',
        { decision: 'child_protection_plan' },
        '2026-03-12T10:00:00Z',
      );
      expect(refused(noCategory, given(...atSpecialist, s47)).code).toBe('ICPC.NO_CATEGORY');
    });

    it('Given an enquiry concluded with no conference needed, When a conference is recorded, Then R24 refuses it', () => {
      expect(refused(conference('no_plan'), given(...atSpecialist, s47, conclude(false))).code).toBe('ICPC.NOT_NEEDED');
    });
  });

  describe('R25: closure refuses open statutory episodes', () => {
    it.each([
      ['a child in need plan', [command('StartChildInNeedPlan', {})]],
      [
        'section 20 accommodation',
        [
          consent({ scope: 'section_20', givenBy: 'person_with_parental_responsibility' }),
          command('StartSection20Accommodation', { placement: 'Foster care' }),
        ],
      ],
      [
        'a care order',
        [
          command('RecordCareOrderStep', { step: 'applied', courtReference: 'PE26C00123' }),
          command('RecordCareOrderStep', { step: 'granted', courtReference: 'PE26C00123' }),
        ],
      ],
    ] as const)('Given %s, When the case is closed, Then R25 refuses it', (episode, commands) => {
      const error = refused(close('RC7'), given(...atSpecialist, ...commands));
      expect(error).toMatchObject({ rule: 'R25', code: 'CASE.OPEN_WORK' });
      expect(error.message).toContain(episode);
    });
  });

  describe('R26: the closure reason must be true of the case', () => {
    const assessed = [
      ...atSpecialist,
      consent({ scope: 'section_17' }),
      command('OpenSection17Assessment', {}),
      command('CompleteSection17Assessment', {
        primaryNeed: 'N1',
        factors: ['21'],
        outcome: 'no_further_action',
        summary: 's',
      }),
    ] as const;

    it('Given a one-day-old contact, When it is closed as RC1 (adopted), Then R26 refuses it', () => {
      expect(refused(close('RC1', { courtReference: 'PE26C00999' }), given(opened))).toMatchObject({
        rule: 'R26',
        code: 'CLOSURE.NOT_LOOKED_AFTER',
      });
    });

    it('Given no date of death, When the case is closed as RC2, Then R26 refuses it; with one, the date is recorded', () => {
      expect(refused(close('RC2'), given(opened)).code).toBe('CLOSURE.NO_DATE_OF_DEATH');
      expect(refused(close('RC2', { dateOfDeath: '2013-01-01' }), given(opened)).code).toBe(
        'CLOSURE.DEATH_BEFORE_BIRTH',
      );
      expect(decide(close('RC2', { dateOfDeath: '2026-03-30' }), given(opened))[0].data).toMatchObject({
        reason: 'RC2',
        dateOfDeath: '2026-03-30',
      });
    });

    it('Given no assessment since the case opened, When it is closed as RC8 or RC9, Then R26 refuses it; after one, it is accepted', () => {
      expect(refused(close('RC8'), given(opened)).code).toBe('CLOSURE.NO_ASSESSMENT');
      expect(refused(close('RC9'), given(...atSpecialist)).code).toBe('CLOSURE.NO_ASSESSMENT');
      expect(decide(close('RC8'), given(...assessed))[0].type).toBe('CaseClosed');
    });

    it('Given a child of 12, When the case is closed as RC6 (adult services), Then R26 refuses it', () => {
      expect(refused(close('RC6'), given(opened)).code).toBe('CLOSURE.NOT_NEAR_ADULTHOOD');
    });

    it('Given a special guardianship order, When the case is closed as RC4 without its court reference, Then R26 refuses it', () => {
      expect(refused(close('RC4'), given(opened)).code).toBe('CLOSURE.NO_COURT_ORDER');
      expect(decide(close('RC4', { courtReference: 'PE26P00042' }), given(opened))[0].data).toMatchObject({
        courtReference: 'PE26P00042',
      });
    });
  });

  describe('R27: the front door’s no further action closes the contact, not a CIN episode', () => {
    const rate = command('ApplyBragRating', { rating: 'blue', rationale: 'r' }, '2026-03-02T10:00:00Z');
    const adviceAndClose = command(
      'RecordMashDecision',
      { outcome: 'advice_and_close', rationale: 'Advice given' },
      '2026-03-02T12:00:00Z',
    );

    it('Given a Blue contact, When the MASH decides advice and close, Then ContactClosed is recorded, not a CaseClosed with RC8', () => {
      const events = decide(adviceAndClose, given(opened, rate));
      expect(events.map((event) => event.type)).toEqual(['MashDecisionRecorded', 'ContactClosed']);
      expect(events[1].data).toEqual({
        outcome: 'no_further_action',
        summary: 'MASH: advice and information. Advice given',
      });
    });

    it('Given a contact closed by the front door, When the referrer is told, Then it is accepted (R13 is still owed); other commands are refused', () => {
      const state = given(opened, rate, adviceAndClose);
      expect(decide(command('RecordReferrerNotified', { how: 'phone' }, '2026-03-02T15:00:00Z'), state)[0].type).toBe(
        'ReferrerNotified',
      );
      expect(refused(level('complex'), state).code).toBe('CASE.CLOSED');
    });
  });

  describe('What a step records is what happened', () => {
    it('Given a contact never assessed, When an s47 enquiry opens, Then the case is assessed at specialist (no step up from a level it never had)', () => {
      const events = decide(s47, given(opened));
      expect(events.map((event) => event.type)).toEqual([
        'LevelOfNeedAssessed',
        'ReferralRecorded',
        'Section47EnquiryOpened',
      ]);
      expect(events[0].data).toMatchObject({ level: 'specialist', reasonCategory: 'risk_of_significant_harm' });
    });

    it('Given early help was refused and an EHA never held, When a step up to specialist has no risk recorded, Then R8 refuses it (not R6)', () => {
      const state = given(opened, level('complex'), consent({ decision: 'refused' }));
      expect(refused(level('specialist', { parentsInformed: true }), state)).toMatchObject({
        rule: 'R8',
        code: 'REFERRAL.REFUSAL_ALONE',
      });
    });

    it('Given a Green contact without consent to early help, When the MASH passes it to the Early Help Hub, Then R11 refuses it', () => {
      const green = command('ApplyBragRating', { rating: 'green', rationale: 'r' });
      const toHub = command('RecordMashDecision', { outcome: 'early_help_hub', rationale: 'Wellbeing concerns' });
      expect(refused(toHub, given(opened, green))).toMatchObject({
        rule: 'R11',
        code: 'MASH.EARLY_HELP_WITHOUT_CONSENT',
      });
      expect(decide(toHub, given(opened, consent({}), green))[0].type).toBe('MashDecisionRecorded');
    });

    it('Given a disagreement, When it is raised straight at the Independent Chair, Then R20 refuses it', () => {
      const raise = command('RaiseEscalation', {
        escalationId: 'e9',
        route: 'professional',
        concern: 'c',
        otherAgency: 'Health',
        startsAt: 'independent_chair',
      });
      expect(refused(raise, given(opened))).toMatchObject({ rule: 'R20', code: 'ESCALATION.NOT_FIRST_STEP' });
    });
  });
});

describe('Contacts and referrals (R28)', () => {
  const risk = { immediateRisk: { justification: 'Disclosure of assault' }, parentsInformed: true };
  const toSpecialist = (occurredAt: string): CaseCommand => ({ ...level('specialist', risk), context: at(occurredAt) });
  const toComplex = (occurredAt: string): CaseCommand => ({ ...level('complex'), context: at(occurredAt) });
  const rate: CaseCommand = {
    type: 'ApplyBragRating',
    context: ctx,
    data: { caseId, rating: 'amber', rationale: 'r' },
  };
  const mashDecision = (outcome: 'section_17_single_assessment' | 'specific_provision'): CaseCommand => ({
    type: 'RecordMashDecision',
    context: at('2026-03-02T12:00:00Z'),
    data: {
      caseId,
      outcome,
      rationale: 'r',
      ...(outcome === 'specific_provision' && { provisionName: 'Disability services' }),
    },
  });
  const openS17 = (occurredAt: string): CaseCommand => ({
    type: 'OpenSection17Assessment',
    context: at(occurredAt),
    data: { caseId },
  });

  it('Given a contact, When it is opened and assessed below specialist, Then no referral is recorded', () => {
    expect(given(opened, level('complex')).referrals).toEqual([]);
  });

  it('Given a rated contact at complex, When the MASH passes it for a section 47 enquiry, Then the decision records the referral once, before the step up', () => {
    const s47Decision: CaseCommand = {
      type: 'RecordMashDecision',
      context: at('2026-03-02T12:00:00Z'),
      data: { caseId, outcome: 'section_47_first_response', rationale: 'r' },
    };
    const events = decide(s47Decision, given(opened, level('complex'), rate));
    expect(events.map((event) => event.type)).toEqual([
      'MashDecisionRecorded',
      'ReferralRecorded',
      'SteppedUp',
      'Section47EnquiryOpened',
    ]);
    expect(events[1].data).toMatchObject({ route: 'mash_decision', reReferral: false });
  });

  it('Given a case referred by its move to specialist, When the MASH passes it for a section 17 assessment, Then no second referral is recorded; other outcomes are no referral', () => {
    const events = decide(
      mashDecision('section_17_single_assessment'),
      given(opened, consent({ scope: 'section_17' }), level('specialist', risk), rate),
    );
    expect(events.map((event) => event.type)).toEqual(['MashDecisionRecorded', 'Section17AssessmentOpened']);
    const notReferred = given(opened, rate);
    expect(decide(mashDecision('specific_provision'), notReferred).map((event) => event.type)).toEqual([
      'MashDecisionRecorded',
    ]);
  });

  it('Given a referral on 2 March, When the s17 assessment opens on 16 March, Then its 45 working days run from the referral', () => {
    const state = given(opened, toSpecialist('2026-03-02T10:00:00Z'), consent({ scope: 'section_17' }));
    const [event] = decide(openS17('2026-03-16T10:00:00Z'), state);
    expect(event.data).toEqual({ dueBy: '2026-05-07T10:00:00.000Z', referredAt: '2026-03-02T10:00:00Z' });
  });

  it('Given a referral that ended with a step down, When the child is referred again within 12 months, Then it is a re-referral; after 12 months it is not', () => {
    const first = given(opened, toSpecialist('2026-03-02T10:00:00Z'), toComplex('2026-05-01T10:00:00Z'));
    expect(decide(toSpecialist('2027-03-02T10:00:00Z'), first)[1]).toEqual({
      type: 'ReferralRecorded',
      schemaVersion: 1,
      data: { route: 'move_to_specialist', previousReferralAt: '2026-03-02T10:00:00Z', reReferral: true },
    });
    expect(decide(toSpecialist('2027-03-03T10:00:00Z'), first)[1].data).toMatchObject({ reReferral: false });
  });

  it('Given a new case about a child referred on an earlier case, When the child is referred within 12 months of that referral, Then it is a re-referral of the child', () => {
    const aboutAReferredChild = {
      ...opened,
      data: { ...opened.data, childReferralsBefore: ['2025-06-01T10:00:00Z'] },
    } as CaseCommand;
    expect(caseDecider.decide(toSpecialist('2026-03-02T10:00:00Z'), given(aboutAReferredChild))[1].data).toEqual({
      route: 'move_to_specialist',
      previousReferralAt: '2025-06-01T10:00:00Z',
      reReferral: true,
    });
    expect(caseDecider.decide(toSpecialist('2026-03-02T10:00:00Z'), given(opened))[1].data).toMatchObject({
      previousReferralAt: null,
      reReferral: false,
    });
  });
});

describe('The child-protection and child-in-need clocks (R29-R34), as timeliness items', () => {
  const command = <T extends CaseCommand['type']>(
    type: T,
    occurredAt: string,
    data: Omit<Extract<CaseCommand, { type: T }>['data'], 'caseId'>,
  ) => ({ type, context: at(occurredAt), data: { caseId, ...data } }) as CaseCommand;
  /** Decides and folds the commands, and folds every event into the timeliness items as the projection does. */
  function itemsAfter(...commands: CaseCommand[]): TimelinessItem[] {
    let state = caseDecider.initialState();
    let items: TimelinessItem[] = [];
    let revision = 0n;
    for (const next of commands) {
      for (const event of decide(next, state)) {
        const envelope = {
          ...event,
          metadata: { occurredAt: next.context.occurredAt, actor },
        } as EventEnvelope<CaseEvent>;
        state = caseDecider.evolve(state, envelope);
        for (const changed of timelinessChanges(
          envelope,
          { revision: revision++, occurredAt: next.context.occurredAt },
          { caseId, familyId: 'f', area: 'peterborough', team: 'north' },
          items,
        )) {
          items = [...items.filter((item) => item.itemId !== changed.itemId), changed];
        }
      }
    }
    return items;
  }
  const summary = (items: TimelinessItem[]) =>
    items.map(({ rule, dueAt, doneAt, cancelledAt }) => ({ rule, dueAt, doneAt, cancelledAt }));
  const risk = { immediateRisk: { justification: 'Disclosure' }, parentsInformed: true };
  const atSpecialist = [
    opened,
    command('ChangeLevelOfNeed', '2026-03-02T10:00:00Z', {
      level: 'specialist',
      reason: 'r',
      familyHasEarlyHelpAssessment: false,
      ...risk,
    }),
  ];
  const strategy = (section47: boolean) =>
    command('RecordStrategyDiscussion', '2026-03-03T10:00:00Z', { attendees: ['Police'], decision: 'd', section47 });
  const s47 = command('OpenSection47Enquiry', '2026-03-03T12:00:00Z', { reasonableCause: 'c' });
  const conclude = command('ConcludeSection47Enquiry', '2026-03-10T10:00:00Z', {
    concernsSubstantiated: true,
    icpcNeeded: true,
    icpcDate: '2026-03-20',
    outcome: 'o',
  });
  const icpc = command('RecordInitialChildProtectionConference', '2026-03-20T10:00:00Z', {
    decision: 'child_protection_plan',
    category: 'NEG',
  });
  const plan = command('StartChildProtectionPlan', '2026-03-20T11:00:00Z', { category: 'NEG' });

  it('R29: Given a strategy discussion that decides against s47 enquiries, When it is recorded, Then no ICPC is due', () => {
    expect(itemsAfter(...atSpecialist, strategy(false)).filter((item) => item.rule === 'ICPC')).toEqual([]);
  });

  it('R29: Given the s47 started by a strategy discussion on 3 March, When the enquiry concludes with a conference planned, Then the ICPC stays due (15 working days on) until it is held', () => {
    const planned = itemsAfter(...atSpecialist, strategy(true), s47, conclude);
    expect(summary(planned.filter((item) => item.rule === 'ICPC'))).toEqual([
      { rule: 'ICPC', dueAt: '2026-03-24T10:00:00.000Z', doneAt: null, cancelledAt: null },
    ]);
    const held = itemsAfter(...atSpecialist, strategy(true), s47, conclude, icpc);
    expect(held.find((item) => item.rule === 'ICPC')).toMatchObject({ doneAt: '2026-03-20T10:00:00Z' });
  });

  it('R24/R29: Given the s47 opened after the strategy discussion, When the conference is held, Then it is on time against 15 working days from that discussion', () => {
    let state = caseDecider.initialState();
    for (const next of [...atSpecialist, strategy(true), s47, conclude]) {
      for (const event of decide(next, state))
        state = caseDecider.evolve(state, {
          ...event,
          metadata: { occurredAt: next.context.occurredAt, actor },
        });
    }
    expect(state.section47Enquiry?.strategyDiscussionAt).toBe('2026-03-03T10:00:00Z');
    expect(decide(icpc, state)[0].data).toMatchObject({ dueBy: '2026-03-24T10:00:00.000Z', late: false });
  });

  it('R30, R31: Given a plan made at the conference on 20 March, Then the core group is due 10 working days on and the first review conference 3 months on; a review sets the next 6 months on and the latest category', () => {
    const items = itemsAfter(...atSpecialist, strategy(true), s47, conclude, icpc, plan);
    expect(summary(items.filter((item) => item.rule === 'core-group' || item.rule === 'RCPC'))).toEqual([
      { rule: 'core-group', dueAt: '2026-04-07T10:00:00.000Z', doneAt: null, cancelledAt: null }, // Good Friday and Easter Monday skipped
      { rule: 'RCPC', dueAt: '2026-06-20T10:00:00.000Z', doneAt: null, cancelledAt: null },
    ]);
    const coreGroup = command('RecordCoreGroupMeeting', '2026-04-01T10:00:00Z', { attendees: ['School', 'Health'] });
    const review = command('RecordReviewConference', '2026-06-15T10:00:00Z', { category: 'EMO' });
    const after = itemsAfter(...atSpecialist, strategy(true), s47, conclude, icpc, plan, coreGroup, review);
    expect(summary(after.filter((item) => item.rule === 'core-group' || item.rule === 'RCPC'))).toEqual([
      { rule: 'core-group', dueAt: '2026-04-07T10:00:00.000Z', doneAt: '2026-04-01T10:00:00Z', cancelledAt: null },
      { rule: 'RCPC', dueAt: '2026-06-20T10:00:00.000Z', doneAt: '2026-06-15T10:00:00Z', cancelledAt: null },
      { rule: 'RCPC', dueAt: '2026-12-15T10:00:00.000Z', doneAt: null, cancelledAt: null },
    ]);
    expect(
      given(...atSpecialist, strategy(true), s47, conclude, icpc, plan, review).childProtectionPlan?.category,
    ).toBe('EMO');
    const ended = itemsAfter(
      ...atSpecialist,
      strategy(true),
      s47,
      conclude,
      icpc,
      plan,
      command('EndChildProtectionPlan', '2026-05-01T10:00:00Z', { reason: 'r' }),
    );
    expect(
      ended
        .filter((item) => item.rule === 'RCPC' || item.rule === 'core-group')
        .every((item) => item.cancelledAt === '2026-05-01T10:00:00Z'),
    ).toBe(true);
  });

  it('R32: Given a CIN plan started on 2 March, Then its review is due 3 months on, and each review sets the next', () => {
    const start = command('StartChildInNeedPlan', '2026-03-02T10:00:00Z', {});
    const review = command('RecordChildInNeedPlanReview', '2026-06-10T10:00:00Z', { progress: 'p' });
    const items = itemsAfter(...atSpecialist, start, review).filter((item) => item.rule === 'CIN-review');
    expect(summary(items)).toEqual([
      { rule: 'CIN-review', dueAt: '2026-06-02T10:00:00.000Z', doneAt: '2026-06-10T10:00:00Z', cancelledAt: null },
      { rule: 'CIN-review', dueAt: '2026-09-10T10:00:00.000Z', doneAt: null, cancelledAt: null },
    ]);
    expect(decide(review, given(...atSpecialist, start))[0].data).toMatchObject({ late: true });
  });

  it('R33: Given a telephone contact about child protection at 09:00, Then the risk decision is due at 10:00, and the BRAG rating makes it', () => {
    const call = {
      ...opened,
      data: {
        ...(opened.data as object),
        contact: {
          receivedAt: '2026-03-02T09:00:00Z',
          route: 'telephone',
          source: '6',
          referrer: { name: 'PC Lee', anonymous: false },
          childProtectionConcerns: true,
        },
      },
    } as CaseCommand;
    const rated = command('ApplyBragRating', '2026-03-02T09:40:00Z', { rating: 'red', rationale: 'r' });
    expect(summary(itemsAfter(call, rated).filter((item) => item.rule === 'R33'))).toEqual([
      { rule: 'R33', dueAt: '2026-03-02T10:00:00.000Z', doneAt: '2026-03-02T09:40:00Z', cancelledAt: null },
    ]);
    expect(itemsAfter(opened).filter((item) => item.rule === 'R33')).toEqual([]);
  });

  it('R27/R13: Given a contact closed by the MASH with no further action, Then the referrer notification stays due', () => {
    const rated = command('ApplyBragRating', '2026-03-02T10:00:00Z', { rating: 'blue', rationale: 'r' });
    const close = command('RecordMashDecision', '2026-03-02T12:00:00Z', {
      outcome: 'advice_and_close',
      rationale: 'r',
    });
    expect(summary(itemsAfter(opened, rated, close).filter((item) => item.rule === 'R13'))).toEqual([
      { rule: 'R13', dueAt: '2026-03-03T23:59:59.999Z', doneAt: null, cancelledAt: null },
    ]);
  });
});

describe('Time you can trust (R35)', () => {
  const rate: CaseCommand = {
    type: 'ApplyBragRating',
    context: at('2026-03-02T11:00:00Z'),
    data: { caseId, rating: 'amber', rationale: 'r' },
  };
  const decision: CaseCommand = {
    ...({
      type: 'RecordMashDecision',
      data: { caseId, outcome: 'specific_provision', rationale: 'r', provisionName: 'Disability services' },
    } as CaseCommand),
    context: at('2026-03-02T15:00:00Z'),
  };
  const notify = (occurredAt: string): CaseCommand => ({
    type: 'RecordReferrerNotified',
    context: at(occurredAt),
    data: { caseId, how: 'phone' },
  });

  it('Given a MASH decision at 15:00, When the referrer is said to have been told at 14:00, Then R35 refuses it (no timeliness by backdating)', () => {
    expect(refused(notify('2026-03-02T14:00:00Z'), given(opened, rate, decision))).toMatchObject({
      rule: 'R35',
      code: 'OCCURRED_AT.BEFORE_WHAT_IT_FOLLOWS',
    });
    expect(decide(notify('2026-03-02T15:30:00Z'), given(opened, rate, decision))[0].data).toMatchObject({
      late: false,
    });
  });

  it('Given a BRAG rating at 11:00, When the MASH decision is dated 10:30, Then R35 refuses it', () => {
    expect(refused({ ...decision, context: at('2026-03-02T10:30:00Z') }, given(opened, rate)).rule).toBe('R35');
  });

  it('Given a contact received at 09:00, When anything is dated before it, Then R35 refuses it', () => {
    expect(refused({ ...level('complex'), context: at('2026-03-02T08:59:00Z') }, given(opened)).rule).toBe('R35');
  });

  it('Given a child born in 2014, When a contact about them is dated 2013, Then R35 refuses it', () => {
    const early = {
      ...opened,
      context: at('2013-05-01T09:00:00Z'),
      data: {
        ...(opened.data as object),
        contact: {
          receivedAt: '2013-05-01T09:00:00Z',
          route: 'written',
          source: '3A',
          referrer: { name: 'Dr X', anonymous: false },
        },
      },
    } as CaseCommand;
    expect(refused(early, caseDecider.initialState())).toMatchObject({ rule: 'R35', code: 'CONTACT.BEFORE_BIRTH' });
  });

  it('Given a closure on 1 April, When the case is reopened on 31 March, Then R35 refuses it', () => {
    const close: CaseCommand = {
      type: 'CloseCase',
      context: at('2026-04-01T10:00:00Z'),
      data: { caseId, reason: 'RC7', summary: 's' },
    };
    const reopen: CaseCommand = {
      type: 'ReopenCase',
      context: at('2026-03-31T10:00:00Z'),
      data: { caseId, reason: 'r' },
    };
    expect(refused(reopen, given(opened, close)).rule).toBe('R35');
  });

  it('Given a contact in 2014 (before the old 2015 calendar), When its timescales are counted, Then the working-day calendar knows that year (no error)', () => {
    const old = {
      ...opened,
      context: at('2014-03-03T10:00:00Z'),
      data: {
        ...(opened.data as object),
        child: { givenName: 'A', familyName: 'B', dateOfBirth: '2010-01-01', sex: 'male', disabilities: ['NONE'] },
        contact: {
          receivedAt: '2014-03-03T09:00:00Z',
          route: 'written',
          source: '3A',
          referrer: { name: 'Dr X', anonymous: false },
        },
      },
    } as CaseCommand;
    const rated: CaseCommand = {
      type: 'ApplyBragRating',
      context: at('2014-03-03T11:00:00Z'),
      data: { caseId, rating: 'amber', rationale: 'r' },
    };
    const decided: CaseCommand = {
      type: 'RecordMashDecision',
      context: at('2014-03-07T15:00:00Z'),
      data: { caseId, outcome: 'specific_provision', rationale: 'r', provisionName: 'p' },
    };
    expect(decide(decided, given(old, rated))[0].data).toMatchObject({
      referrerNotificationDueBy: '2014-03-10T23:59:59.999Z',
    });
  });
});
