import type { CaseEvent } from '../case.events';
import type { FamilyEvent } from '../../family/family.decider';

/** The timescales the threshold documents set, each with the rule that sets it. */
export const TIMELINESS_RULES = [
  'R10',
  'R11',
  'R13',
  'R33',
  'S17',
  'ICPC',
  'core-group',
  'RCPC',
  'CIN-review',
  'TAF-review',
] as const;
export type TimelinessRule = (typeof TIMELINESS_RULES)[number];

export const TIMELINESS_LABELS: Record<TimelinessRule, string> = {
  R10: 'Written follow-up of a telephone contact (24 hours)',
  R11: 'MASH information by BRAG rating (4/6/24 hours)',
  R13: 'Referrer told the outcome (by the end of the next working day)',
  R33: 'Risk decision on a telephone contact about child protection (1 hour)',
  S17: 'Section 17 assessment (45 working days from the referral)',
  ICPC: 'Initial child protection conference held (15 working days from the strategy discussion)',
  'core-group': 'First core group meeting (10 working days from the initial conference)',
  RCPC: 'Review child protection conference (3 months, then every 6 months)',
  'CIN-review': 'Child in need plan review (every 3 months)',
  'TAF-review': 'Team around the Family review',
};

export interface TimelinessItem {
  itemId: string;
  caseId: string | null;
  familyId: string;
  rule: TimelinessRule;
  brag: string | null;
  label: string;
  area: string;
  team: string;
  startedAt: string;
  dueAt: string;
  doneAt: string | null;
  cancelledAt: string | null;
}

/** Whose item it is: the case (or family) with its area and the team that holds it. */
export interface TimelinessSubject {
  caseId: string | null;
  familyId: string;
  area: string;
  team: string;
}

interface At {
  /** Event id and stream revision make item ids unique and stable across rebuilds. */
  revision: bigint;
  occurredAt: string;
}

/** A date without a time (a review date) falls due at the end of that day. */
export const endOfDay = (date: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59.999Z` : date);

/**
 * How one event changes the items with a timescale: it opens an item (with its due time, worked out
 * by the decider when the event was decided), completes one, or makes one no longer needed.
 * `items` holds the subject's items so far; changed and new items are returned.
 */
export function timelinessChanges(
  event: (CaseEvent | FamilyEvent) & { metadata: { occurredAt: string } },
  at: At,
  subject: TimelinessSubject,
  items: readonly TimelinessItem[],
): TimelinessItem[] {
  const open = (rule: TimelinessRule) =>
    items.filter(
      (item) =>
        item.rule === rule &&
        item.caseId === subject.caseId &&
        item.familyId === subject.familyId &&
        !item.doneAt &&
        !item.cancelledAt,
    );
  const done = (rule: TimelinessRule, doneAt = at.occurredAt) => open(rule).map((item) => ({ ...item, doneAt }));
  const cancel = (rules: readonly TimelinessRule[]) =>
    rules.flatMap((rule) => open(rule)).map((item) => ({ ...item, cancelledAt: at.occurredAt }));
  const item = (rule: TimelinessRule, dueAt: string, brag: string | null = null): TimelinessItem => ({
    itemId: `${subject.caseId ?? subject.familyId}:${rule}:${at.revision}`,
    caseId: subject.caseId,
    familyId: subject.familyId,
    rule,
    brag,
    label: TIMELINESS_LABELS[rule],
    area: subject.area,
    team: subject.team,
    startedAt: at.occurredAt,
    dueAt: endOfDay(dueAt),
    doneAt: null,
    cancelledAt: null,
  });

  switch (event.type) {
    case 'CaseOpened':
      return [
        ...(event.data.writtenFollowUpDueBy ? [item('R10', event.data.writtenFollowUpDueBy)] : []), // R10
        ...(event.data.riskDecisionDueBy ? [item('R33', event.data.riskDecisionDueBy)] : []), // R33
      ];
    case 'WrittenFollowUpReceived':
      return done('R10');
    case 'BragRatingApplied':
      // R33: the rating is the MASH's risk decision. R11: a new rating sets a new timescale; the earlier one no longer applies.
      return [
        ...done('R33'),
        ...cancel(['R11']),
        ...(event.data.mashInformationDueBy ? [item('R11', event.data.mashInformationDueBy, event.data.rating)] : []),
      ];
    case 'MashDecisionRecorded':
      return [...done('R11'), item('R13', event.data.referrerNotificationDueBy)]; // R13
    case 'ReferrerNotified':
      return done('R13');
    case 'Section17AssessmentOpened':
      return [item('S17', event.data.dueBy)];
    case 'Section17AssessmentCompleted':
      return done('S17');
    case 'StrategyDiscussionHeld':
      // R29: an ICPC is due only when the discussion decided on section 47 enquiries.
      return event.data.icpcDueBy && event.data.section47 !== false ? [item('ICPC', event.data.icpcDueBy)] : [];
    case 'Section47EnquiryConcluded':
      // A planned conference date is not a conference held: the item stays until it is (R24).
      return event.data.icpcNeeded ? [] : cancel(['ICPC']);
    case 'InitialChildProtectionConferenceHeld':
      return done('ICPC');
    case 'ChildProtectionPlanStarted':
      return [
        ...done('ICPC'), // plans recorded before conferences were
        ...(event.data.coreGroupDueBy ? [item('core-group', event.data.coreGroupDueBy)] : []),
        ...(event.data.firstReviewDueBy ? [item('RCPC', event.data.firstReviewDueBy)] : []),
      ];
    case 'CoreGroupMet':
      return done('core-group');
    case 'ChildProtectionReviewConferenceHeld':
      return [...done('RCPC'), item('RCPC', event.data.nextReviewDueBy)];
    case 'ChildProtectionPlanEnded':
      return cancel(['core-group', 'RCPC']);
    case 'ChildInNeedPlanStarted':
      return event.data.firstReviewDueBy ? [item('CIN-review', event.data.firstReviewDueBy)] : [];
    case 'ChildInNeedPlanReviewed':
      return [...done('CIN-review'), item('CIN-review', event.data.nextReviewDueBy)];
    case 'ChildInNeedPlanEnded':
      return cancel(['CIN-review']);
    case 'CaseClosed':
      return cancel(['R10', 'R11', 'R13', 'R33', 'S17', 'ICPC', 'core-group', 'RCPC', 'CIN-review']);
    case 'ContactClosed':
      // R27: the front door still owes the referrer the outcome (R13).
      return cancel(['R10', 'R11', 'R33']);
    case 'CaseAllocated':
      return items
        .filter((existing) => !existing.doneAt && !existing.cancelledAt)
        .map((existing) => ({ ...existing, team: event.data.team }));
    case 'TeamAroundFamilyConvened':
      // R34: a team that never meets is overdue from its first review date.
      return event.data.firstReviewDate ? [item('TAF-review', event.data.firstReviewDate)] : [];
    case 'TeamAroundFamilyReviewed':
      return [
        ...done('TAF-review', startOfDayIfDate(event.data.heldOn)),
        item('TAF-review', event.data.nextReviewDate),
      ];
    case 'EarlyHelpAssessmentClosed':
      return cancel(['TAF-review']);
    default:
      return [];
  }
}

/** Something held on a date (a meeting) counts from the start of that day. */
const startOfDayIfDate = (date: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : date);
