import type { FamilyState, Professional } from '../../family/family.decider';
import { familyProfessionalIds, openEarlyHelpAssessment } from '../../family/family.decider';
import type { CaseState } from '../case.state';

/** Something open on a case now: a piece of statutory or early help work. */
export interface OpenEpisode {
  kind:
    | 'early_help_assessment'
    | 'team_around_the_family'
    | 'team_around_the_child'
    | 'keep_in_touch'
    | 'mash_contact'
    | 'section_17_assessment'
    | 'section_47_enquiry'
    | 'child_in_need_plan'
    | 'child_protection_plan'
    | 'section_20_accommodation'
    | 'section_31_care_order';
  since: string | null;
  detail?: Record<string, unknown>;
}

export interface ConsentInForce {
  decision: string;
  givenBy: string;
  recordedAt: string;
}

export interface OpenEscalation {
  escalationId: string;
  otherAgency: string;
  level: string;
  route: string;
}

/** An outstanding action that comes from a rule rather than a due date. */
export interface RuleAction {
  rule: string;
  action: string;
}

/** What the family holds for all its children (R2, R3, R5): its EHA, TAF/TAC and Keep in Touch. */
export interface FamilyEpisodes {
  earlyHelpAssessment: { ehaId: string; since: string; leadProfessional: Professional; completed: boolean } | null;
  team: {
    kind: 'TAF' | 'TAC';
    leadProfessional: Professional;
    members: Professional[];
    nextReviewDate: string | null;
  } | null;
  keepInTouchSince: string | null;
  /** User ids of the lead professional and TAF/TAC members: need-to-know access follows them. */
  professionalUserIds: string[];
}

export function familyEpisodesOf(family: FamilyState | null): FamilyEpisodes {
  const eha = family ? openEarlyHelpAssessment(family) : undefined;
  const team = family?.team ?? null;
  return {
    earlyHelpAssessment: eha
      ? { ehaId: eha.ehaId, since: eha.startedAt, leadProfessional: eha.leadProfessional, completed: eha.completed }
      : null,
    team: team
      ? {
          kind: team.kind,
          leadProfessional: team.leadProfessional,
          members: team.members,
          nextReviewDate: team.nextReviewDate,
        }
      : null,
    keepInTouchSince: family?.keepInTouchSince ?? null,
    professionalUserIds: family ? familyProfessionalIds(family) : [],
  };
}

/** The case's own open episodes, from its folded state. */
export function caseEpisodesOf(state: CaseState): OpenEpisode[] {
  const episodes: (OpenEpisode | false | null | '')[] = [
    state.bragRating &&
      !state.mashDecision && {
        kind: 'mash_contact',
        since: state.bragRatedAt,
        detail: { bragRating: state.bragRating },
      },
    state.section17 && {
      kind: 'section_17_assessment',
      since: state.section17.since,
      detail: { dueBy: state.section17.dueBy },
    },
    state.section47Open && { kind: 'section_47_enquiry', since: state.section47Since },
    state.childInNeedPlanSince && { kind: 'child_in_need_plan', since: state.childInNeedPlanSince },
    state.childProtectionPlan && {
      kind: 'child_protection_plan',
      since: state.childProtectionPlan.since,
      detail: { category: state.childProtectionPlan.category },
    },
    state.section20Since && { kind: 'section_20_accommodation', since: state.section20Since },
    state.careOrder &&
      state.careOrder.step !== 'refused' &&
      state.careOrder.step !== 'discharged' && {
        kind: 'section_31_care_order',
        since: state.careOrder.since,
        detail: { step: state.careOrder.step, courtReference: state.careOrder.courtReference },
      },
  ];
  return episodes.filter((episode): episode is OpenEpisode => Boolean(episode));
}

export function familyEpisodeList(family: FamilyEpisodes): OpenEpisode[] {
  const episodes: (OpenEpisode | null)[] = [
    family.earlyHelpAssessment && {
      kind: 'early_help_assessment',
      since: family.earlyHelpAssessment.since,
      detail: {
        ehaId: family.earlyHelpAssessment.ehaId,
        leadProfessional: family.earlyHelpAssessment.leadProfessional,
        completed: family.earlyHelpAssessment.completed,
      },
    },
    family.team && {
      kind: family.team.kind === 'TAC' ? 'team_around_the_child' : 'team_around_the_family',
      since: null,
      detail: {
        leadProfessional: family.team.leadProfessional,
        members: family.team.members,
        nextReviewDate: family.team.nextReviewDate,
      },
    },
    family.keepInTouchSince ? { kind: 'keep_in_touch', since: family.keepInTouchSince } : null,
  ];
  return episodes.filter((episode): episode is OpenEpisode => Boolean(episode));
}

/** The latest decision per consent scope. */
export function consentsOf(state: CaseState): Record<string, ConsentInForce> {
  return Object.fromEntries(
    Object.entries(state.consents).map(([scope, record]) => [
      scope,
      { decision: record.decision, givenBy: record.givenBy, recordedAt: record.recordedAt },
    ]),
  );
}

/**
 * In the order they were raised (then by id): never in the order of the state's keys, which a
 * state read back from jsonb has sorted, so a rebuild would list them otherwise than live.
 */
export function openEscalationsOf(state: CaseState): OpenEscalation[] {
  return Object.entries(state.escalations)
    .filter(([, escalation]) => escalation.status === 'open')
    .sort(([idA, a], [idB, b]) => (a.raisedAt ?? '').localeCompare(b.raisedAt ?? '') || idA.localeCompare(idB))
    .map(([escalationId, escalation]) => ({
      escalationId,
      otherAgency: escalation.otherAgency,
      level: escalation.level,
      route: escalation.route,
    }));
}

/** R3: complex needs require an open EHA and a TAF/TAC; without them the case shows an outstanding action. */
export function ruleActionsOf(status: string, level: string | null, family: FamilyEpisodes): RuleAction[] {
  if (status !== 'open' || level !== 'complex') return [];
  const missing = [
    !family.earlyHelpAssessment && 'an Early Help Assessment',
    !family.team && 'a Team around the Family or Child',
  ].filter(Boolean);
  return missing.length
    ? [{ rule: 'R3', action: `Complex needs without ${missing.join(' or ')}: start one for the family` }]
    : [];
}
