import { Command, DomainEvent } from '../domain/command';
import type { ConsentRecord } from '../case/consent/consent.decide';
import {
  decideEarlyHelp,
  EarlyHelpAssessmentShared,
  earlyHelpAssessmentShared,
  EarlyHelpCommand,
  EarlyHelpEvent,
  evolveEarlyHelp,
  HubDecision,
  NeedStrengthQuadrant,
} from './early-help/early-help.decide';
import type { EhaSharingConsent } from '../case/information-sharing/early-help-sharing.decide';
import { Decider, EventEnvelope } from '../domain/decider';
import { NotFound, RuleViolation } from '../domain/domain-error';
import { assertOccurredAtNotInFuture } from '../domain/occurred-at';
import type { Area } from '../domain/national-codes';

/**
 * A family: the boundary for what must be unique per family (R2: one open EHA) and the list of
 * its children's cases. A family starts with its first child's case.
 */
export type RegisterFamily = Command<'RegisterFamily', { familyId: string; area: Area; firstCaseId: string }>;
export type AddChildToFamily = Command<'AddChildToFamily', { familyId: string; caseId: string }>;
export type FamilyCommand =
  RegisterFamily | AddChildToFamily | StartEarlyHelpAssessment | ConveneTeamAroundFamily | EarlyHelpCommand;

export type FamilyRegistered = DomainEvent<'FamilyRegistered', { familyId: string; area: Area; firstCaseId: string }>;
export type ChildJoinedFamily = DomainEvent<'ChildJoinedFamily', { familyId: string; caseId: string }>;
export type FamilyEvent =
  FamilyRegistered | ChildJoinedFamily | EarlyHelpAssessmentStarted | TeamAroundFamilyConvened | EarlyHelpEvent;

export interface FamilyState {
  exists: boolean;
  familyId: string | null;
  area: Area | null;
  caseIds: string[];
  earlyHelpAssessments: {
    ehaId: string;
    caseId: string;
    open: boolean;
    completed: boolean;
    leadProfessional: Professional;
    startedAt: string;
    quadrant: NeedStrengthQuadrant | null;
    hubDecision: HubDecision | null;
  }[];
  team: {
    kind: TeamKind;
    leadProfessional: Professional;
    members: Professional[];
    nextReviewDate: string | null;
  } | null;
  keepInTouchSince: string | null;
}

export const initialFamilyState = (): FamilyState => ({
  exists: false,
  familyId: null,
  area: null,
  caseIds: [],
  earlyHelpAssessments: [],
  team: null,
  keepInTouchSince: null,
});

export const openEarlyHelpAssessment = (state: FamilyState) => state.earlyHelpAssessments.find((eha) => eha.open);

/** The family's current lead professional: of its TAF/TAC if convened, else of its open EHA. */
export const currentLeadProfessional = (state: FamilyState): Professional | undefined =>
  state.team?.leadProfessional ?? openEarlyHelpAssessment(state)?.leadProfessional;

/** User ids of the open EHA's lead professional and the TAF/TAC's lead and members: need-to-know follows them. */
export function familyProfessionalIds(state: FamilyState): string[] {
  const team = state.team;
  const professionals = [
    openEarlyHelpAssessment(state)?.leadProfessional,
    team?.leadProfessional,
    ...(team?.members ?? []),
  ];
  return [
    ...new Set(professionals.map((professional) => professional?.userId).filter((id): id is string => Boolean(id))),
  ].sort();
}

export function decideFamily(command: FamilyCommand, state: FamilyState): FamilyEvent[] {
  assertOccurredAtNotInFuture(command.context);
  switch (command.type) {
    case 'RegisterFamily':
      if (state.exists) {
        throw new RuleViolation(undefined, 'FAMILY.ALREADY_EXISTS', `Family ${command.data.familyId} already exists`);
      }
      return [{ type: 'FamilyRegistered', schemaVersion: 1, data: command.data }];
    case 'AddChildToFamily':
      if (!state.exists) {
        throw new NotFound('FAMILY.NOT_FOUND', `Family ${command.data.familyId} was not found`);
      }
      if (state.caseIds.includes(command.data.caseId)) return [];
      return [{ type: 'ChildJoinedFamily', schemaVersion: 1, data: command.data }];
    case 'StartEarlyHelpAssessment':
      return decideStartEarlyHelpAssessment(command, requireFamily(state, command.data.familyId));
    case 'ConveneTeamAroundFamily':
      return decideConveneTeamAroundFamily(command, requireFamily(state, command.data.familyId));
    default:
      return decideEarlyHelp(command, requireFamily(state, command.data.familyId));
  }
}

export function evolveFamily(state: FamilyState, event: EventEnvelope<FamilyEvent>): FamilyState {
  switch (event.type) {
    case 'FamilyRegistered':
      return {
        ...initialFamilyState(),
        exists: true,
        familyId: event.data.familyId,
        area: event.data.area,
        caseIds: [event.data.firstCaseId],
      };
    case 'ChildJoinedFamily':
      return { ...state, caseIds: [...state.caseIds, event.data.caseId] };
    case 'EarlyHelpAssessmentStarted':
      return {
        ...state,
        earlyHelpAssessments: [
          ...state.earlyHelpAssessments,
          {
            ehaId: event.data.ehaId,
            caseId: event.data.caseId,
            open: true,
            completed: false,
            leadProfessional: event.data.leadProfessional,
            startedAt: event.metadata.occurredAt,
            quadrant: null,
            hubDecision: null,
          },
        ],
      };
    case 'TeamAroundFamilyConvened':
      return {
        ...state,
        team: {
          kind: event.data.kind,
          leadProfessional: event.data.leadProfessional,
          members: event.data.members,
          nextReviewDate: event.data.firstReviewDate ?? null,
        },
      };
    default:
      return evolveEarlyHelp(state, event);
  }
}

export const familyDecider: Decider<FamilyCommand, FamilyEvent, FamilyState> = {
  initialState: initialFamilyState,
  decide: decideFamily,
  evolve: evolveFamily,
};

function requireFamily(state: FamilyState, familyId: string): FamilyState {
  if (!state.exists) throw new NotFound('FAMILY.NOT_FOUND', `Family ${familyId} was not found`);
  return state;
}

export interface Professional {
  name: string;
  agency: string;
  role?: string;
  /** How to reach them: phone or secure email. */
  contact?: string;
  /** Their Windscreen user id, if any: need-to-know access to the family's cases follows it. */
  userId?: string;
}

export type StartEarlyHelpAssessment = Command<
  'StartEarlyHelpAssessment',
  {
    familyId: string;
    ehaId: string;
    caseId: string;
    leadProfessional: Professional;
    /** Read from the child's case by the handler: is the case open? */
    childCaseOpen: boolean;
    /** Read from the child's case by the handler: the early help consent in force now, if any. */
    consentInForce: Pick<ConsentRecord, 'decision' | 'givenBy' | 'gillickCompetent'> | null;
  }
>;
export type EarlyHelpAssessmentStarted = DomainEvent<
  'EarlyHelpAssessmentStarted',
  { ehaId: string; caseId: string; leadProfessional: Professional; consentGivenBy: ConsentRecord['givenBy'] }
>;

export const TEAM_KINDS = ['TAF', 'TAC'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export type ConveneTeamAroundFamily = Command<
  'ConveneTeamAroundFamily',
  {
    familyId: string;
    kind: TeamKind;
    leadProfessional: Professional;
    members: Professional[];
    /** R34: YYYY-MM-DD; default 6 weeks on. */
    firstReviewDate?: string;
    /** Read from the EHA child's case by the handler: the consent the EHA is shared under. */
    sharingConsent?: EhaSharingConsent | null;
  }
>;
/** `firstReviewDate` was added to schema version 1 as an optional field: teams convened before it have none. */
export type TeamAroundFamilyConvened = DomainEvent<
  'TeamAroundFamilyConvened',
  { ehaId: string; kind: TeamKind; leadProfessional: Professional; members: Professional[]; firstReviewDate?: string }
>;

/** R34: a TAF/TAC first reviews the plan within 6 weeks of meeting, unless it sets its own date. */
export const FIRST_TAF_REVIEW_DAYS = 42;

/** R1 consent first; R2 one open EHA per family, and a refusal says whose it is. */
function decideStartEarlyHelpAssessment(
  command: StartEarlyHelpAssessment,
  state: FamilyState,
): EarlyHelpAssessmentStarted[] {
  const { ehaId, caseId, leadProfessional, consentInForce, childCaseOpen } = command.data;
  if (!childCaseOpen)
    throw new RuleViolation('R21', 'CASE.CLOSED', 'The child’s case is closed', 'Reopen the case first');
  if (!state.caseIds.includes(caseId)) {
    throw new RuleViolation(
      undefined,
      'EHA.CASE_NOT_IN_FAMILY',
      `Case ${caseId} is not a child of family ${command.data.familyId}`,
    );
  }
  if (consentInForce?.decision !== 'given') {
    throw new RuleViolation(
      'R1',
      'EHA.NO_CONSENT',
      consentInForce?.decision === 'refused' || consentInForce?.decision === 'withdrawn'
        ? `Consent to early help was ${consentInForce.decision}: an Early Help Assessment cannot start`
        : 'An Early Help Assessment needs consent to early help first',
      'Record early_help consent given by a parent or carer, or by a Gillick competent young person; otherwise consider Keep in Touch (R5)',
    );
  }
  const open = openEarlyHelpAssessment(state);
  if (open) {
    throw new RuleViolation(
      'R2',
      'EHA.ALREADY_OPEN_FOR_FAMILY',
      `The family already has an open Early Help Assessment, led by ${open.leadProfessional.name} (${open.leadProfessional.agency})`,
      `Join that Team around the Family: contact ${open.leadProfessional.name}${open.leadProfessional.contact ? ` at ${open.leadProfessional.contact}` : ''}`,
      {
        existingEha: {
          ehaId: open.ehaId,
          caseId: open.caseId,
          startedAt: open.startedAt,
          leadProfessional: open.leadProfessional,
        },
      },
    );
  }
  return [
    {
      type: 'EarlyHelpAssessmentStarted',
      schemaVersion: 1,
      data: { ehaId, caseId, leadProfessional, consentGivenBy: consentInForce.givenBy },
    },
  ];
}

/** R3: a TAF/TAC needs the family's open EHA and has a lead professional. */
function decideConveneTeamAroundFamily(
  command: ConveneTeamAroundFamily,
  state: FamilyState,
): (TeamAroundFamilyConvened | EarlyHelpAssessmentShared)[] {
  const open = openEarlyHelpAssessment(state);
  if (!open) {
    throw new RuleViolation(
      'R3',
      'TAF.NO_OPEN_EHA',
      'A Team around the Family can only be convened for a family with an open Early Help Assessment',
      'Start the family’s Early Help Assessment first',
    );
  }
  if (state.team) {
    throw new RuleViolation(
      'R3',
      'TAF.ALREADY_CONVENED',
      `A ${state.team.kind} is already convened, led by ${state.team.leadProfessional.name}`,
    );
  }
  const { kind, leadProfessional, members, sharingConsent } = command.data;
  const convenedOn = command.context.occurredAt.slice(0, 10);
  const firstReviewDate =
    command.data.firstReviewDate ??
    new Date(Date.parse(`${convenedOn}T00:00:00Z`) + FIRST_TAF_REVIEW_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (firstReviewDate <= convenedOn) {
    throw new RuleViolation(
      'R34',
      'TAF.REVIEW_NOT_AFTER',
      'The first review date must be after the day the team is convened',
      'Give a later firstReviewDate',
    );
  }
  return [
    {
      type: 'TeamAroundFamilyConvened',
      schemaVersion: 1,
      data: { ehaId: open.ehaId, kind, leadProfessional, members, firstReviewDate },
    },
    // R19: convening shares the EHA with everyone in the team.
    earlyHelpAssessmentShared(open, 'team_convened', [leadProfessional, ...members], sharingConsent),
  ];
}
