import { deciderSpecification } from '@windscreen/testing/decider-specification';
import type { EhaSharingConsent } from '../case/information-sharing/early-help-sharing.decide';
import type { CommandContext } from '../domain/command';
import { NotFound, RuleViolation } from '../domain/domain-error';
import type { EarlyHelpAssessmentShared } from './early-help/early-help.decide';
import { FamilyCommand, familyDecider, FamilyEvent, Professional } from './family.decider';

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
const spec = deciderSpecification(familyDecider, { occurredAt: context.occurredAt, actor: context.actor });

const familyId = 'f0000000-0000-4000-8000-000000000000';
const register: FamilyCommand = {
  type: 'RegisterFamily',
  data: { familyId, area: 'peterborough', firstCaseId: 'case-1' },
  context,
};
const add = (caseId: string): FamilyCommand => ({ type: 'AddChildToFamily', data: { familyId, caseId }, context });
const on = <T extends FamilyCommand['type']>(type: T, data: object) =>
  ({ type, context, data: { familyId, ...data } }) as FamilyCommand;

const registered: FamilyEvent = {
  type: 'FamilyRegistered',
  schemaVersion: 1,
  data: { familyId, area: 'peterborough', firstCaseId: 'case-1' },
};
const joined = (caseId: string): FamilyEvent => ({
  type: 'ChildJoinedFamily',
  schemaVersion: 1,
  data: { familyId, caseId },
});
const started = (ehaId: string, leadProfessional: Professional, caseId = 'case-1'): FamilyEvent => ({
  type: 'EarlyHelpAssessmentStarted',
  schemaVersion: 1,
  data: { ehaId, caseId, leadProfessional, consentGivenBy: 'parent_carer' },
});
/** The consent to share information a parent gave on the child's case, as the handler reads it. */
const sharingConsent: EhaSharingConsent = { scope: 'information_sharing', decision: 'given', givenBy: 'parent_carer' };
/** R19: the EHA shared, consent-based, with those it reached, recorded as a sharing decision. */
const shared = (
  occasion: 'team_convened' | 'team_member_joined' | 'lead_professional_changed',
  recipients: { agency: string; role?: string; name: string }[],
  consentInForce: typeof sharingConsent | null,
): EarlyHelpAssessmentShared => ({
  type: 'EarlyHelpAssessmentShared',
  schemaVersion: 1,
  data: {
    ehaId: 'eha-1',
    caseId: 'case-1',
    occasion,
    consentInForce,
    sharing: {
      decision: 'share',
      information: 'The Early Help Assessment and plan',
      recipients,
      purpose:
        occasion === 'lead_professional_changed'
          ? 'Hand over the lead professional role'
          : 'Coordinate support through the Team around the Family',
      basis: 'consent',
      consentSought: false,
      dataSubjects: ['child', 'parent_carer'],
      article6Basis: 'public_task',
      specialCategoryData: 'not_recorded',
      confidentialityBasis: 'consent',
      personInformed: { told: true },
      advice: { sought: false },
      request: null,
      reasons: consentInForce
        ? 'Shared under the information sharing consent (given by parent carer)'
        : 'Shared with the team around the family; no consent was recorded on the child’s case',
    },
  },
});

describe('Family', () => {
  it('Given no family, When registered with its first case, Then FamilyRegistered', () => {
    spec.given().when(register).then(registered);
  });

  it('Given a registered family, When its first case is added, Then nothing: the case belongs to it', () => {
    spec.given(registered).when(add('case-1')).then();
  });

  it('Given a family, When it is registered again, Then it is refused', () => {
    spec.given(registered).when(register).thenThrows(RuleViolation, { rule: undefined, code: 'FAMILY.ALREADY_EXISTS' });
  });

  it('Given no family, When a child is added, Then the family is not found', () => {
    spec.given().when(add('case-2')).thenThrows(NotFound, { code: 'FAMILY.NOT_FOUND' });
  });

  it('Given a family, When a second child joins (twice), Then it is listed once', () => {
    spec.given(registered).when(add('case-2')).then(joined('case-2'));
    spec.given(registered, joined('case-2')).when(add('case-2')).then();
  });
});

describe('Early help on the family (R1, R2, R3)', () => {
  const lead = { name: 'J. Smith', agency: 'Northfield Primary School', contact: '01234 567890' };
  const kLee = { name: 'K. Lee', agency: 'Health visiting' };
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
    data: { familyId, kind: 'TAF', leadProfessional: lead, members: [kLee] },
  };
  const convened = (firstReviewDate = '2026-04-13'): FamilyEvent => ({
    type: 'TeamAroundFamilyConvened',
    schemaVersion: 1,
    data: { ehaId: 'eha-1', kind: 'TAF', leadProfessional: lead, members: [kLee], firstReviewDate },
  });
  const teamRecipients = [
    { agency: 'Northfield Primary School', name: 'J. Smith' },
    { agency: 'Health visiting', name: 'K. Lee' },
  ];

  it.each([null, 'refused'] as const)(
    'R1: Given a family, When an EHA is started without early help consent given (consent: %s), Then it is refused',
    (decision) => {
      spec
        .given(registered)
        .when(start('eha-1', decision))
        .thenThrows(RuleViolation, { rule: 'R1', code: 'EHA.NO_CONSENT' });
    },
  );

  it('R1: Given a family, When an EHA is started with consent given, Then it starts for the child’s family', () => {
    spec.given(registered).when(start('eha-1')).then(started('eha-1', lead));
  });

  it('R2: Given a family with an open EHA, When a second one is started, Then it is refused, naming the open EHA and how to contact its lead professional', () => {
    spec
      .given(registered, joined('case-2'), started('eha-1', lead))
      .when(start('eha-2', 'given', 'case-2'))
      .thenThrows(RuleViolation, {
        rule: 'R2',
        code: 'EHA.ALREADY_OPEN_FOR_FAMILY',
        howToResolve: 'Join that Team around the Family: contact J. Smith at 01234 567890',
        details: {
          existingEha: { ehaId: 'eha-1', caseId: 'case-1', startedAt: '2026-03-02T10:00:00Z', leadProfessional: lead },
        },
      });
  });

  it('R3: Given a family with no open EHA, When a TAF is convened, Then it is refused', () => {
    spec.given(registered).when(convene).thenThrows(RuleViolation, { rule: 'R3', code: 'TAF.NO_OPEN_EHA' });
  });

  it('R3, R19: Given the family’s open EHA, When a TAF is convened, Then it names its EHA and lead professional, and the EHA is shared with the team', () => {
    spec
      .given(registered, started('eha-1', lead))
      .when(convene)
      .then(convened(), shared('team_convened', teamRecipients, null));
  });

  it('R19: Given the family’s open EHA, When the team is convened under information-sharing consent, Then the EHA is recorded as shared with each member, consent-based, with that consent', () => {
    spec
      .given(registered, started('eha-1', lead))
      .when({ ...convene, data: { ...(convene.data as object), sharingConsent } } as FamilyCommand)
      .then(convened(), shared('team_convened', teamRecipients, sharingConsent));
  });

  it('R3: Given a TAF already convened, When it is convened again, Then it is refused', () => {
    spec
      .given(registered, started('eha-1', lead), convened())
      .when(convene)
      .thenThrows(RuleViolation, { rule: 'R3', code: 'TAF.ALREADY_CONVENED' });
  });

  describe('a professional joins the team', () => {
    const yOsei = { name: 'Y. Osei', agency: 'Youth service' };
    const join: FamilyCommand = {
      type: 'AddTeamAroundFamilyMember',
      context,
      data: { familyId, member: yOsei },
    };
    const memberJoined: FamilyEvent = {
      type: 'TeamAroundFamilyMemberJoined',
      schemaVersion: 1,
      data: { ehaId: 'eha-1', member: yOsei },
    };

    it('R3: Given an open EHA but no team, When a professional joins, Then it is refused', () => {
      spec
        .given(registered, started('eha-1', lead))
        .when(join)
        .thenThrows(RuleViolation, { rule: 'R3', code: 'TAF.NOT_CONVENED' });
    });

    it('R3, R19: Given a convened team, When a professional joins, Then TeamAroundFamilyMemberJoined and the EHA is recorded as shared with them', () => {
      spec
        .given(registered, started('eha-1', lead), convened())
        .when(join)
        .then(memberJoined, shared('team_member_joined', [{ agency: 'Youth service', name: 'Y. Osei' }], null));
    });

    it('R3: Given a professional who joined, or was a member from the start, When they join again, Then it is refused', () => {
      spec
        .given(registered, started('eha-1', lead), convened(), memberJoined)
        .when(join)
        .thenThrows(RuleViolation, { rule: 'R3', code: 'TAF.ALREADY_MEMBER' });
      spec
        .given(registered, started('eha-1', lead), convened())
        .when(on('AddTeamAroundFamilyMember', { member: kLee }))
        .thenThrows(RuleViolation, { rule: 'R3', code: 'TAF.ALREADY_MEMBER' });
    });
  });

  it('R19: Given an open EHA, When a new lead professional takes over, Then LeadProfessionalChanged and the EHA is recorded as shared with them', () => {
    const next = { name: 'P. Patel', agency: 'Family support', role: 'Family worker' };
    const change: FamilyCommand = {
      type: 'ChangeLeadProfessional',
      context,
      data: { familyId, leadProfessional: next, reason: 'Moved team', sharingConsent: null },
    };
    spec
      .given(registered, started('eha-1', lead))
      .when(change)
      .then(
        {
          type: 'LeadProfessionalChanged',
          schemaVersion: 1,
          data: { ehaId: 'eha-1', from: lead, to: next, reason: 'Moved team' },
        },
        shared(
          'lead_professional_changed',
          [{ agency: 'Family support', role: 'Family worker', name: 'P. Patel' }],
          null,
        ),
      );
  });

  it('R34: Given a TAF convened on 2 March, When no first review date is given, Then it is due 6 weeks on', () => {
    spec
      .given(registered, started('eha-1', lead))
      .when(convene)
      .then(convened('2026-04-13'), shared('team_convened', teamRecipients, null));
    // What the case summary shows as the team's next review; no decision reads it.
    expect(spec.given(registered, started('eha-1', lead), convened('2026-04-13')).state().team?.nextReviewDate).toBe(
      '2026-04-13',
    );
  });

  it('R34: Given an open EHA, When a TAF is convened with its first review the same day, Then it is refused', () => {
    spec
      .given(registered, started('eha-1', lead))
      .when({ ...convene, data: { ...(convene.data as object), firstReviewDate: '2026-03-02' } } as FamilyCommand)
      .thenThrows(RuleViolation, { rule: 'R34', code: 'TAF.REVIEW_NOT_AFTER' });
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
  const quadrant = on('RecordNeedAndStrength', { need: 'high', strength: 'low', rationale: 'Parenting capacity low' });
  const complete = on('CompleteEarlyHelpAssessment', { summary: 'Assessed' });
  const hub = on('RecordEarlyHelpHubDecision', {
    decision: 'district_early_help_service',
    rationale: 'High need, low strength',
  });
  const quadrantRecorded: FamilyEvent = {
    type: 'NeedAndStrengthRecorded',
    schemaVersion: 1,
    data: { ehaId: 'eha-1', need: 'high', strength: 'low', rationale: 'Parenting capacity low' },
  };
  const completed: FamilyEvent = {
    type: 'EarlyHelpAssessmentCompleted',
    schemaVersion: 1,
    data: { ehaId: 'eha-1', summary: 'Assessed' },
  };
  const hubDecided: FamilyEvent = {
    type: 'EarlyHelpHubDecisionRecorded',
    schemaVersion: 1,
    data: { ehaId: 'eha-1', decision: 'district_early_help_service', rationale: 'High need, low strength' },
  };

  it('R4: Given no open EHA, When need and strength are recorded, Then it is refused', () => {
    spec.given(registered).when(quadrant).thenThrows(RuleViolation, { rule: 'R4', code: 'EHA.NONE_OPEN' });
  });

  it('R4: Given an open EHA, When need and strength are recorded, Then NeedAndStrengthRecorded holds the quadrant', () => {
    spec.given(registered, started('eha-1', lead)).when(quadrant).then(quadrantRecorded);
  });

  it('R4: Given an EHA without its quadrant, When completed, Then it is refused; with it, it completes', () => {
    spec
      .given(registered, started('eha-1', lead))
      .when(complete)
      .thenThrows(RuleViolation, { rule: 'R4', code: 'EHA.NO_QUADRANT' });
    spec.given(registered, started('eha-1', lead), quadrantRecorded).when(complete).then(completed);
  });

  it('R14: Given an EHA not yet completed, When the Early Help Hub decides, Then it is refused', () => {
    spec
      .given(registered, started('eha-1', lead), quadrantRecorded)
      .when(hub)
      .thenThrows(RuleViolation, { rule: 'R14', code: 'EHH.NO_EHA_RECEIVED' });
  });

  it('R14: Given a received (completed) EHA, When the Early Help Hub decides, Then it is recorded, once', () => {
    spec.given(registered, started('eha-1', lead), quadrantRecorded, completed).when(hub).then(hubDecided);
    spec
      .given(registered, started('eha-1', lead), quadrantRecorded, completed, hubDecided)
      .when(hub)
      .thenThrows(RuleViolation, { rule: 'R14', code: 'EHH.ALREADY_DECIDED' });
  });

  it('R2: Given the family’s EHA closed, When a new one is started, Then it starts', () => {
    const closed: FamilyEvent = {
      type: 'EarlyHelpAssessmentClosed',
      schemaVersion: 1,
      data: { ehaId: 'eha-1', outcome: 'needs_met', summary: 's' },
    };
    spec
      .given(registered, started('eha-1', lead), closed)
      .when({ ...start, data: { ...(start.data as object), ehaId: 'eha-2' } } as FamilyCommand)
      .then(started('eha-2', lead));
  });

  it('R5: Given a child judged at risk of significant harm, When Keep in Touch starts, Then it is refused; otherwise it starts, once', () => {
    const kit = (notAtRiskOfSignificantHarm: boolean) =>
      on('StartKeepInTouch', { reason: 'family_chose_not_to_engage', notAtRiskOfSignificantHarm, plan: 'Termly call' });
    const kitStarted: FamilyEvent = {
      type: 'KeepInTouchStarted',
      schemaVersion: 1,
      data: { reason: 'family_chose_not_to_engage', plan: 'Termly call' },
    };
    spec.given(registered).when(kit(false)).thenThrows(RuleViolation, { rule: 'R5', code: 'KIT.RISK_OF_HARM' });
    spec.given(registered).when(kit(true)).then(kitStarted);
    spec.given(registered, kitStarted).when(kit(true)).thenThrows(RuleViolation, { rule: 'R5', code: 'KIT.ALREADY' });
    // What the case summary shows; no decision reads when it started.
    expect(spec.given(registered, kitStarted).state().keepInTouchSince).toBe(context.occurredAt);
  });

  it('R3: Given an open EHA without a team, When a TAF review is recorded, Then it is refused', () => {
    const review = on('RecordTeamAroundFamilyReview', {
      heldOn: '2026-04-01',
      attendees: ['J. Smith'],
      progress: 'p',
      nextReviewDate: '2026-05-13',
    });
    spec
      .given(registered, started('eha-1', lead))
      .when(review)
      .thenThrows(RuleViolation, { rule: 'R3', code: 'TAF.NOT_CONVENED' });
  });

  it('R3: Given a convened TAF, When a review sets its next review on or before the day it is held, Then it is refused', () => {
    const teamConvened: FamilyEvent = {
      type: 'TeamAroundFamilyConvened',
      schemaVersion: 1,
      data: { ehaId: 'eha-1', kind: 'TAF', leadProfessional: lead, members: [], firstReviewDate: '2026-04-13' },
    };
    spec
      .given(registered, started('eha-1', lead), teamConvened)
      .when(
        on('RecordTeamAroundFamilyReview', {
          heldOn: '2026-04-01',
          attendees: ['J. Smith'],
          progress: 'p',
          nextReviewDate: '2026-04-01',
        }),
      )
      .thenThrows(RuleViolation, { rule: 'R3', code: 'TAF.REVIEW_DATE' });
  });

  it('R3: Given a convened TAF, When a review is recorded, Then TeamAroundFamilyReviewed sets the next review date', () => {
    const review = on('RecordTeamAroundFamilyReview', {
      heldOn: '2026-04-01',
      attendees: ['J. Smith'],
      progress: 'p',
      nextReviewDate: '2026-05-13',
    });
    const teamConvened: FamilyEvent = {
      type: 'TeamAroundFamilyConvened',
      schemaVersion: 1,
      data: { ehaId: 'eha-1', kind: 'TAF', leadProfessional: lead, members: [], firstReviewDate: '2026-04-13' },
    };
    const reviewed: FamilyEvent = {
      type: 'TeamAroundFamilyReviewed',
      schemaVersion: 1,
      data: {
        ehaId: 'eha-1',
        heldOn: '2026-04-01',
        attendees: ['J. Smith'],
        progress: 'p',
        nextReviewDate: '2026-05-13',
      },
    };
    spec.given(registered, started('eha-1', lead), teamConvened).when(review).then(reviewed);
    // What the case summary shows as the team's next review; no decision reads it.
    expect(spec.given(registered, started('eha-1', lead), teamConvened, reviewed).state().team?.nextReviewDate).toBe(
      '2026-05-13',
    );
  });
});
