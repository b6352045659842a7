import { Command, DomainEvent } from '../../domain/command';
import { assertNever, EventEnvelope } from '../../domain/decider';
import { RuleViolation } from '../../domain/domain-error';
import type { FamilyState, Professional } from '../family.decider';
import {
  EhaSharingConsent,
  ehaSharingDecision,
  EhaSharingOccasion,
} from '../../case/information-sharing/early-help-sharing.decide';
import type { InformationSharingDecision } from '../../case/information-sharing/information-sharing.decide';

/** R4: targeted early help is allocated on need x strength. */
export const NEED_LEVELS = ['high', 'low'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];
export type NeedStrengthQuadrant = { need: NeedLevel; strength: NeedLevel };

/** R14: what the Early Help Hub decides on a received EHA. */
export const HUB_DECISIONS = [
  'escalate_to_mash',
  'district_early_help_service',
  'signpost',
  'advice_and_information',
] as const;
export type HubDecision = (typeof HUB_DECISIONS)[number];

export const EHA_OUTCOMES = [
  'needs_met',
  'stepped_up',
  'stepped_down_to_universal',
  'family_disengaged',
  'moved_away',
  'other',
] as const;
export type EhaOutcome = (typeof EHA_OUTCOMES)[number];

/** R5: the reasons a family is kept in touch with rather than worked with. */
export const KEEP_IN_TOUCH_REASONS = ['no_intervention_available', 'family_chose_not_to_engage'] as const;
export type KeepInTouchReason = (typeof KEEP_IN_TOUCH_REASONS)[number];

type OnFamily<T extends string, D> = Command<T, { familyId: string } & D>;

export type RecordNeedAndStrength = OnFamily<'RecordNeedAndStrength', NeedStrengthQuadrant & { rationale: string }>;
export type CompleteEarlyHelpAssessment = OnFamily<'CompleteEarlyHelpAssessment', { summary: string }>;
export type CloseEarlyHelpAssessment = OnFamily<'CloseEarlyHelpAssessment', { outcome: EhaOutcome; summary: string }>;
export type RecordTeamAroundFamilyReview = OnFamily<
  'RecordTeamAroundFamilyReview',
  { heldOn: string; attendees: string[]; progress: string; nextReviewDate: string }
>;
export type ChangeLeadProfessional = OnFamily<
  'ChangeLeadProfessional',
  {
    leadProfessional: Professional;
    reason: string;
    /** Read from the EHA child's case by the handler. */ sharingConsent?: EhaSharingConsent | null;
  }
>;
export type AddTeamAroundFamilyMember = OnFamily<
  'AddTeamAroundFamilyMember',
  {
    member: Professional;
    /** Read from the EHA child's case by the handler. */ sharingConsent?: EhaSharingConsent | null;
  }
>;
export type RecordEarlyHelpHubDecision = OnFamily<
  'RecordEarlyHelpHubDecision',
  { decision: HubDecision; rationale: string }
>;
export type StartKeepInTouch = OnFamily<
  'StartKeepInTouch',
  { reason: KeepInTouchReason; notAtRiskOfSignificantHarm: boolean; plan: string }
>;
export type EndKeepInTouch = OnFamily<'EndKeepInTouch', { reason: string }>;

export type EarlyHelpCommand =
  | RecordNeedAndStrength
  | CompleteEarlyHelpAssessment
  | CloseEarlyHelpAssessment
  | RecordTeamAroundFamilyReview
  | ChangeLeadProfessional
  | AddTeamAroundFamilyMember
  | RecordEarlyHelpHubDecision
  | StartKeepInTouch
  | EndKeepInTouch;

export type NeedAndStrengthRecorded = DomainEvent<
  'NeedAndStrengthRecorded',
  { ehaId: string; rationale: string } & NeedStrengthQuadrant
>;
export type EarlyHelpAssessmentCompleted = DomainEvent<
  'EarlyHelpAssessmentCompleted',
  { ehaId: string; summary: string }
>;
export type EarlyHelpAssessmentClosed = DomainEvent<
  'EarlyHelpAssessmentClosed',
  { ehaId: string; outcome: EhaOutcome; summary: string }
>;
export type TeamAroundFamilyReviewed = DomainEvent<
  'TeamAroundFamilyReviewed',
  { ehaId: string; heldOn: string; attendees: string[]; progress: string; nextReviewDate: string }
>;
export type LeadProfessionalChanged = DomainEvent<
  'LeadProfessionalChanged',
  { ehaId: string; from: Professional; to: Professional; reason: string }
>;
export type TeamAroundFamilyMemberJoined = DomainEvent<
  'TeamAroundFamilyMemberJoined',
  { ehaId: string; member: Professional }
>;
export type EarlyHelpHubDecisionRecorded = DomainEvent<
  'EarlyHelpHubDecisionRecorded',
  { ehaId: string; decision: HubDecision; rationale: string }
>;
export type KeepInTouchStarted = DomainEvent<'KeepInTouchStarted', { reason: KeepInTouchReason; plan: string }>;
export type KeepInTouchEnded = DomainEvent<'KeepInTouchEnded', { reason: string }>;
/** R19: the EHA was shared with new people (a team's members, a new lead professional), with the consent in force. */
export type EarlyHelpAssessmentShared = DomainEvent<
  'EarlyHelpAssessmentShared',
  {
    ehaId: string;
    caseId: string;
    occasion: EhaSharingOccasion;
    consentInForce: EhaSharingConsent | null;
    sharing: Omit<InformationSharingDecision, 'decisionId'>;
  }
>;

/** R19: the sharing decision record of an EHA reaching the given professionals. */
export function earlyHelpAssessmentShared(
  eha: { ehaId: string; caseId: string },
  occasion: EhaSharingOccasion,
  professionals: Professional[],
  consentInForce: EhaSharingConsent | null | undefined,
): EarlyHelpAssessmentShared {
  const recipients = professionals.map(({ agency, role, name }) => ({ agency, ...(role && { role }), name }));
  return {
    type: 'EarlyHelpAssessmentShared',
    schemaVersion: 1,
    data: {
      ehaId: eha.ehaId,
      caseId: eha.caseId,
      occasion,
      consentInForce: consentInForce ?? null,
      sharing: ehaSharingDecision(occasion, recipients, consentInForce ?? null),
    },
  };
}

export type EarlyHelpEvent =
  | NeedAndStrengthRecorded
  | EarlyHelpAssessmentCompleted
  | EarlyHelpAssessmentClosed
  | TeamAroundFamilyReviewed
  | LeadProfessionalChanged
  | TeamAroundFamilyMemberJoined
  | EarlyHelpHubDecisionRecorded
  | KeepInTouchStarted
  | KeepInTouchEnded
  | EarlyHelpAssessmentShared;

function openEha(state: FamilyState, rule: string) {
  const eha = state.earlyHelpAssessments.find((candidate) => candidate.open);
  if (!eha)
    throw new RuleViolation(rule, 'EHA.NONE_OPEN', 'The family has no open Early Help Assessment', 'Start one first');
  return eha;
}

export function decideEarlyHelp(command: EarlyHelpCommand, state: FamilyState): EarlyHelpEvent[] {
  switch (command.type) {
    case 'RecordNeedAndStrength': {
      // R4: the EHA records the need x strength quadrant that allocation rests on.
      const eha = openEha(state, 'R4');
      const { need, strength, rationale } = command.data;
      return [
        { type: 'NeedAndStrengthRecorded', schemaVersion: 1, data: { ehaId: eha.ehaId, need, strength, rationale } },
      ];
    }
    case 'CompleteEarlyHelpAssessment': {
      const eha = openEha(state, 'R3');
      if (eha.completed)
        throw new RuleViolation('R3', 'EHA.ALREADY_COMPLETED', 'The Early Help Assessment is already completed');
      if (!eha.quadrant) {
        throw new RuleViolation(
          'R4',
          'EHA.NO_QUADRANT',
          'A completed EHA records need and strength, on which early help is allocated',
          'Record need and strength first',
        );
      }
      return [
        {
          type: 'EarlyHelpAssessmentCompleted',
          schemaVersion: 1,
          data: { ehaId: eha.ehaId, summary: command.data.summary },
        },
      ];
    }
    case 'CloseEarlyHelpAssessment': {
      const eha = openEha(state, 'R2');
      return [
        {
          type: 'EarlyHelpAssessmentClosed',
          schemaVersion: 1,
          data: { ehaId: eha.ehaId, ...pick(command.data, 'outcome', 'summary') },
        },
      ];
    }
    case 'RecordTeamAroundFamilyReview': {
      const eha = openEha(state, 'R3');
      if (!state.team)
        throw new RuleViolation(
          'R3',
          'TAF.NOT_CONVENED',
          'There is no Team around the Family to review',
          'Convene it first',
        );
      if (command.data.nextReviewDate <= command.data.heldOn) {
        throw new RuleViolation('R3', 'TAF.REVIEW_DATE', 'The next review must come after this one');
      }
      return [
        {
          type: 'TeamAroundFamilyReviewed',
          schemaVersion: 1,
          data: { ehaId: eha.ehaId, ...pick(command.data, 'heldOn', 'attendees', 'progress', 'nextReviewDate') },
        },
      ];
    }
    case 'ChangeLeadProfessional': {
      const eha = openEha(state, 'R3');
      const from = state.team?.leadProfessional ?? eha.leadProfessional;
      return [
        {
          type: 'LeadProfessionalChanged',
          schemaVersion: 1,
          data: { ehaId: eha.ehaId, from, to: command.data.leadProfessional, reason: command.data.reason },
        },
        earlyHelpAssessmentShared(
          eha,
          'lead_professional_changed',
          [command.data.leadProfessional],
          command.data.sharingConsent,
        ),
      ];
    }
    case 'AddTeamAroundFamilyMember': {
      const eha = openEha(state, 'R3');
      if (!state.team)
        throw new RuleViolation(
          'R3',
          'TAF.NOT_CONVENED',
          'There is no Team around the Family to join',
          'Convene it first',
        );
      const { member, sharingConsent } = command.data;
      const already = [state.team.leadProfessional, ...state.team.members].some(
        (existing) => existing.name === member.name && existing.agency === member.agency,
      );
      if (already)
        throw new RuleViolation(
          'R3',
          'TAF.ALREADY_MEMBER',
          `${member.name} (${member.agency}) is already in the ${state.team.kind}`,
        );
      return [
        { type: 'TeamAroundFamilyMemberJoined', schemaVersion: 1, data: { ehaId: eha.ehaId, member } },
        // R19: joining the team shares the EHA with the new member.
        earlyHelpAssessmentShared(eha, 'team_member_joined', [member], sharingConsent),
      ];
    }
    case 'RecordEarlyHelpHubDecision': {
      // R14: the Hub decides on an EHA it has received: a completed one.
      const eha = state.earlyHelpAssessments.filter((candidate) => candidate.completed).at(-1);
      if (!eha) {
        throw new RuleViolation(
          'R14',
          'EHH.NO_EHA_RECEIVED',
          'The Early Help Hub decides on a completed Early Help Assessment',
          'Complete the EHA first',
        );
      }
      if (eha.hubDecision)
        throw new RuleViolation(
          'R14',
          'EHH.ALREADY_DECIDED',
          `The Hub already decided: ${eha.hubDecision.replace(/_/g, ' ')}`,
        );
      return [
        {
          type: 'EarlyHelpHubDecisionRecorded',
          schemaVersion: 1,
          data: { ehaId: eha.ehaId, ...pick(command.data, 'decision', 'rationale') },
        },
      ];
    }
    case 'StartKeepInTouch': {
      // R5: only where the child is not judged at risk of significant harm.
      if (!command.data.notAtRiskOfSignificantHarm) {
        throw new RuleViolation(
          'R5',
          'KIT.RISK_OF_HARM',
          'Keep in Touch is only for a child not judged at risk of significant harm',
          'Where there is a risk of significant harm, refer to the MASH',
        );
      }
      if (state.keepInTouchSince)
        throw new RuleViolation('R5', 'KIT.ALREADY', 'The family is already on the Keep in Touch pathway');
      return [{ type: 'KeepInTouchStarted', schemaVersion: 1, data: pick(command.data, 'reason', 'plan') }];
    }
    case 'EndKeepInTouch':
      if (!state.keepInTouchSince)
        throw new RuleViolation('R5', 'KIT.NOT_STARTED', 'The family is not on the Keep in Touch pathway');
      return [{ type: 'KeepInTouchEnded', schemaVersion: 1, data: { reason: command.data.reason } }];
    default:
      return assertNever(command);
  }
}

export function evolveEarlyHelp(state: FamilyState, event: EventEnvelope<EarlyHelpEvent>): FamilyState {
  const withEha = (ehaId: string, change: Partial<FamilyState['earlyHelpAssessments'][number]>): FamilyState => ({
    ...state,
    earlyHelpAssessments: state.earlyHelpAssessments.map((eha) => (eha.ehaId === ehaId ? { ...eha, ...change } : eha)),
  });
  switch (event.type) {
    case 'NeedAndStrengthRecorded':
      return withEha(event.data.ehaId, { quadrant: { need: event.data.need, strength: event.data.strength } });
    case 'EarlyHelpAssessmentCompleted':
      return withEha(event.data.ehaId, { completed: true });
    case 'EarlyHelpAssessmentClosed':
      return { ...withEha(event.data.ehaId, { open: false }), team: null };
    case 'TeamAroundFamilyReviewed':
      return state.team ? { ...state, team: { ...state.team, nextReviewDate: event.data.nextReviewDate } } : state;
    case 'LeadProfessionalChanged': {
      const next = withEha(event.data.ehaId, { leadProfessional: event.data.to });
      return next.team ? { ...next, team: { ...next.team, leadProfessional: event.data.to } } : next;
    }
    case 'TeamAroundFamilyMemberJoined':
      return state.team
        ? { ...state, team: { ...state.team, members: [...state.team.members, event.data.member] } }
        : state;
    case 'EarlyHelpHubDecisionRecorded':
      return withEha(event.data.ehaId, { hubDecision: event.data.decision });
    case 'KeepInTouchStarted':
      return { ...state, keepInTouchSince: event.metadata.occurredAt };
    case 'KeepInTouchEnded':
      return { ...state, keepInTouchSince: null };
    case 'EarlyHelpAssessmentShared':
      return state;
    default:
      return assertNever(event);
  }
}

function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Pick<T, K>;
}
