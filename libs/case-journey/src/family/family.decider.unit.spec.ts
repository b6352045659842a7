import type { CommandContext } from '../domain/command';
import { NotFound, RuleViolation } from '../domain/domain-error';
import { FamilyCommand, familyDecider, FamilyState } from './family.decider';

const context: CommandContext = {
  actor: {
    id: 'alice',
    name: 'Alice',
    role: 'case_worker',
    roles: ['case_worker'],
    agency: 'EH',
    team: 'north',
    allTeams: false,
  },
  occurredAt: '2026-03-02T10:00:00Z',
  now: '2026-03-02T10:00:00Z',
  correlationId: 'c',
  causationId: 'c',
};
const familyId = 'f0000000-0000-4000-8000-000000000000';
const register: FamilyCommand = {
  type: 'RegisterFamily',
  data: { familyId, area: 'peterborough', firstCaseId: 'case-1' },
  context,
};
const add = (caseId: string): FamilyCommand => ({ type: 'AddChildToFamily', data: { familyId, caseId }, context });

function given(...commands: FamilyCommand[]): FamilyState {
  return commands.reduce(
    (state, command) =>
      familyDecider.decide(command, state).reduce(
        (next, event) =>
          familyDecider.evolve(next, {
            ...event,
            metadata: { occurredAt: context.occurredAt, actor: context.actor },
          }),
        state,
      ),
    familyDecider.initialState(),
  );
}

describe('Family', () => {
  it('Given no family, When registered with its first case, Then FamilyRegistered and the case belongs to it', () => {
    expect(given(register)).toMatchObject({
      exists: true,
      familyId,
      area: 'peterborough',
      caseIds: ['case-1'],
      earlyHelpAssessments: [],
    });
  });

  it('Given a family, When it is registered again, Then it is refused', () => {
    expect(() => familyDecider.decide(register, given(register))).toThrow(RuleViolation);
  });

  it('Given no family, When a child is added, Then the family is not found', () => {
    expect(() => familyDecider.decide(add('case-2'), given())).toThrow(NotFound);
  });

  it('Given a family, When a second child joins (twice), Then it is listed once', () => {
    expect(given(register, add('case-2'), add('case-2')).caseIds).toEqual(['case-1', 'case-2']);
    expect(familyDecider.decide(add('case-2'), given(register, add('case-2')))).toEqual([]);
  });
});

describe('Early help on the family (R1, R2, R3)', () => {
  const lead = { name: 'J. Smith', agency: 'Northfield Primary School', contact: '01234 567890' };
  const start = (ehaId: string, decision: 'given' | 'refused' | null = 'given', caseId = 'case-1'): FamilyCommand => ({
    type: 'StartEarlyHelpAssessment',
    context,
    data: {
      familyId,
      ehaId,
      caseId,
      leadProfessional: lead,
      childCaseOpen: true,
      consentInForce: decision && { decision, givenBy: 'parent_carer', gillickCompetent: false },
    },
  });
  const convene: FamilyCommand = {
    type: 'ConveneTeamAroundFamily',
    context,
    data: { familyId, kind: 'TAF', leadProfessional: lead, members: [{ name: 'K. Lee', agency: 'Health visiting' }] },
  };

  it.each([null, 'refused'] as const)(
    'R1: an EHA cannot start without early help consent given (consent: %s)',
    (decision) => {
      expect(() => familyDecider.decide(start('eha-1', decision), given(register))).toThrow(
        expect.objectContaining({ rule: 'R1' }),
      );
    },
  );

  it('R1: with consent given, the EHA starts for the child’s family', () => {
    expect(given(register, start('eha-1')).earlyHelpAssessments).toEqual([
      expect.objectContaining({ ehaId: 'eha-1', caseId: 'case-1', open: true, leadProfessional: lead }),
    ]);
  });

  it('R2: a second EHA for the same family is refused, naming the open EHA and how to contact its lead professional', () => {
    const state = given(register, add('case-2'), start('eha-1'));
    let error: unknown;
    try {
      familyDecider.decide(start('eha-2', 'given', 'case-2'), state);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error).toMatchObject({
      rule: 'R2',
      code: 'EHA.ALREADY_OPEN_FOR_FAMILY',
      howToResolve: expect.stringContaining('01234 567890'),
      details: { existingEha: { ehaId: 'eha-1', leadProfessional: lead } },
    });
  });

  it('R3: a TAF cannot be convened without the family’s open EHA; with it, it names its EHA and lead professional', () => {
    expect(() => familyDecider.decide(convene, given(register))).toThrow(expect.objectContaining({ rule: 'R3' }));
    expect(familyDecider.decide(convene, given(register, start('eha-1')))[0]).toEqual({
      type: 'TeamAroundFamilyConvened',
      schemaVersion: 1,
      data: expect.objectContaining({ ehaId: 'eha-1', kind: 'TAF', leadProfessional: lead }),
    });
  });

  it('R19: convening the team records the EHA shared with each member, consent-based, with the consent in force', () => {
    const sharingConsent = { scope: 'information_sharing', decision: 'given', givenBy: 'parent_carer' } as const;
    const [, shared] = familyDecider.decide(
      { ...convene, data: { ...(convene.data as object), sharingConsent } } as FamilyCommand,
      given(register, start('eha-1')),
    );
    expect(shared).toEqual({
      type: 'EarlyHelpAssessmentShared',
      schemaVersion: 1,
      data: expect.objectContaining({
        ehaId: 'eha-1',
        caseId: 'case-1',
        occasion: 'team_convened',
        consentInForce: sharingConsent,
        sharing: expect.objectContaining({
          decision: 'share',
          basis: 'consent',
          confidentialityBasis: 'consent',
          recipients: [
            { agency: 'Northfield Primary School', name: 'J. Smith' },
            { agency: 'Health visiting', name: 'K. Lee' },
          ],
        }),
      }),
    });
  });

  it('R3, R19: a professional joins a convened team, once, and the EHA is recorded as shared with them', () => {
    const join: FamilyCommand = {
      type: 'AddTeamAroundFamilyMember',
      context,
      data: { familyId, member: { name: 'Y. Osei', agency: 'Youth service' } },
    };
    expect(() => familyDecider.decide(join, given(register, start('eha-1')))).toThrow(
      expect.objectContaining({ code: 'TAF.NOT_CONVENED' }),
    );
    const joined = given(register, start('eha-1'), convene, join);
    expect(joined.team?.members).toEqual([
      { name: 'K. Lee', agency: 'Health visiting' },
      { name: 'Y. Osei', agency: 'Youth service' },
    ]);
    expect(() => familyDecider.decide(join, joined)).toThrow(expect.objectContaining({ code: 'TAF.ALREADY_MEMBER' }));
    const [, shared] = familyDecider.decide(join, given(register, start('eha-1'), convene));
    expect(shared).toMatchObject({
      type: 'EarlyHelpAssessmentShared',
      data: { occasion: 'team_member_joined', sharing: { recipients: [{ agency: 'Youth service', name: 'Y. Osei' }] } },
    });
  });

  it('R19: a new lead professional is recorded as the EHA shared with them', () => {
    const next = { name: 'P. Patel', agency: 'Family support', role: 'Family worker' };
    const change: FamilyCommand = {
      type: 'ChangeLeadProfessional',
      context,
      data: { familyId, leadProfessional: next, reason: 'Moved team', sharingConsent: null },
    };
    const [changed, shared] = familyDecider.decide(change, given(register, start('eha-1')));
    expect(changed.type).toBe('LeadProfessionalChanged');
    expect(shared).toMatchObject({
      type: 'EarlyHelpAssessmentShared',
      data: {
        occasion: 'lead_professional_changed',
        consentInForce: null,
        sharing: { recipients: [{ agency: 'Family support', role: 'Family worker', name: 'P. Patel' }] },
      },
    });
  });

  it('R34: Given a TAF convened on 2 March, When no first review date is given, Then it is due 6 weeks on; one not after the day is refused', () => {
    expect(familyDecider.decide(convene, given(register, start('eha-1')))[0].data).toMatchObject({
      firstReviewDate: '2026-04-13',
    });
    const sameDay = {
      ...convene,
      data: { ...(convene.data as object), firstReviewDate: '2026-03-02' },
    } as FamilyCommand;
    expect(() => familyDecider.decide(sameDay, given(register, start('eha-1')))).toThrow(
      expect.objectContaining({ rule: 'R34', code: 'TAF.REVIEW_NOT_AFTER' }),
    );
    expect(given(register, start('eha-1'), convene).team?.nextReviewDate).toBe('2026-04-13');
  });
});

describe('Early help after the start (R4, R5, R14)', () => {
  const lead = { name: 'J. Smith', agency: 'School' };
  const start: FamilyCommand = {
    type: 'StartEarlyHelpAssessment',
    context,
    data: {
      familyId,
      ehaId: 'eha-1',
      caseId: 'case-1',
      leadProfessional: lead,
      childCaseOpen: true,
      consentInForce: { decision: 'given', givenBy: 'parent_carer', gillickCompetent: false },
    },
  };
  const on = <T extends FamilyCommand['type']>(type: T, data: object) =>
    ({ type, context, data: { familyId, ...data } }) as FamilyCommand;
  const quadrant = on('RecordNeedAndStrength', { need: 'high', strength: 'low', rationale: 'Parenting capacity low' });
  const complete = on('CompleteEarlyHelpAssessment', { summary: 'Assessed' });
  const hub = on('RecordEarlyHelpHubDecision', {
    decision: 'district_early_help_service',
    rationale: 'High need, low strength',
  });

  it('R4: the EHA records the need x strength quadrant, and cannot be completed without it', () => {
    expect(() => familyDecider.decide(quadrant, given(register))).toThrow(expect.objectContaining({ rule: 'R4' }));
    expect(() => familyDecider.decide(complete, given(register, start))).toThrow(
      expect.objectContaining({ rule: 'R4', code: 'EHA.NO_QUADRANT' }),
    );
    expect(given(register, start, quadrant).earlyHelpAssessments[0].quadrant).toEqual({
      need: 'high',
      strength: 'low',
    });
  });

  it('R14: the Early Help Hub decides on a received (completed) EHA, once', () => {
    expect(() => familyDecider.decide(hub, given(register, start, quadrant))).toThrow(
      expect.objectContaining({ rule: 'R14' }),
    );
    const decided = given(register, start, quadrant, complete, hub);
    expect(decided.earlyHelpAssessments[0].hubDecision).toBe('district_early_help_service');
    expect(() => familyDecider.decide(hub, decided)).toThrow(expect.objectContaining({ code: 'EHH.ALREADY_DECIDED' }));
  });

  it('R2: once the EHA is closed the family may have a new one', () => {
    const closed = given(register, start, on('CloseEarlyHelpAssessment', { outcome: 'needs_met', summary: 's' }));
    expect(
      familyDecider.decide({ ...start, data: { ...(start.data as object), ehaId: 'eha-2' } } as FamilyCommand, closed),
    ).toHaveLength(1);
  });

  it('R5: Keep in Touch only where the child is not judged at risk of significant harm', () => {
    const kit = (notAtRiskOfSignificantHarm: boolean) =>
      on('StartKeepInTouch', { reason: 'family_chose_not_to_engage', notAtRiskOfSignificantHarm, plan: 'Termly call' });
    expect(() => familyDecider.decide(kit(false), given(register))).toThrow(expect.objectContaining({ rule: 'R5' }));
    expect(given(register, kit(true)).keepInTouchSince).toBe(context.occurredAt);
  });

  it('R3: a TAF review needs the team, and sets the next review date', () => {
    const review = on('RecordTeamAroundFamilyReview', {
      heldOn: '2026-04-01',
      attendees: ['J. Smith'],
      progress: 'p',
      nextReviewDate: '2026-05-13',
    });
    expect(() => familyDecider.decide(review, given(register, start))).toThrow(
      expect.objectContaining({ code: 'TAF.NOT_CONVENED' }),
    );
    const convened = given(
      register,
      start,
      on('ConveneTeamAroundFamily', { kind: 'TAF', leadProfessional: lead, members: [] }),
      review,
    );
    expect(convened.team?.nextReviewDate).toBe('2026-05-13');
  });
});
