import type { CaseEvent } from '../case.events';
import type { FamilyEvent } from '../../family/family.decider';

/** The timescales the threshold documents set, each with the rule that sets it. */
export const TIMELINESS_RULES = ['R10', 'R11', 'R13', 'S17', 'ICPC', 'TAF-review'] as const;
export type TimelinessRule = (typeof TIMELINESS_RULES)[number];

export const TIMELINESS_LABELS: Record<TimelinessRule, string> = {
  R10: 'Written follow-up of a telephone contact (24 hours)',
  R11: 'MASH information by BRAG rating (4/6/24 hours)',
  R13: 'Referrer told the outcome (1 working day)',
  S17: 'Section 17 assessment (45 working days)',
  ICPC: 'Initial child protection conference (15 working days from the strategy discussion)',
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
    items.filter((item) => item.rule === rule && item.caseId === subject.caseId && item.familyId === subject.familyId && !item.doneAt && !item.cancelledAt);
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
      return event.data.writtenFollowUpDueBy ? [item('R10', event.data.writtenFollowUpDueBy)] : []; // R10
    case 'WrittenFollowUpReceived':
      return done('R10');
    case 'BragRatingApplied':
      // R11: a new rating sets a new timescale; the earlier one no longer applies.
      return [...cancel(['R11']), ...(event.data.mashInformationDueBy ? [item('R11', event.data.mashInformationDueBy, event.data.rating)] : [])];
    case 'MashDecisionRecorded':
      return [...done('R11'), item('R13', event.data.referrerNotificationDueBy)]; // R13
    case 'ReferrerNotified':
      return done('R13');
    case 'Section17AssessmentOpened':
      return [item('S17', event.data.dueBy)];
    case 'Section17AssessmentCompleted':
      return done('S17');
    case 'StrategyDiscussionHeld':
      return [item('ICPC', event.data.icpcDueBy)];
    case 'Section47EnquiryConcluded':
      return event.data.icpcNeeded ? done('ICPC', event.data.icpcDate ? startOfDayIfDate(event.data.icpcDate) : at.occurredAt) : cancel(['ICPC']);
    case 'ChildProtectionPlanStarted':
      return done('ICPC');
    case 'InitialChildProtectionConferenceHeld':
      return done('ICPC');
    case 'CaseClosed':
      return cancel(['R10', 'R11', 'R13', 'S17', 'ICPC']);
    case 'ContactClosed':
      // R27: the front door still owes the referrer the outcome (R13).
      return cancel(['R10', 'R11']);
    case 'CaseAllocated':
      return items.filter((existing) => !existing.doneAt && !existing.cancelledAt).map((existing) => ({ ...existing, team: event.data.team }));
    case 'TeamAroundFamilyReviewed':
      return [...done('TAF-review', startOfDayIfDate(event.data.heldOn)), item('TAF-review', event.data.nextReviewDate)];
    case 'EarlyHelpAssessmentClosed':
      return cancel(['TAF-review']);
    default:
      return [];
  }
}

/** Something held on a date (a meeting) counts from the start of that day. */
const startOfDayIfDate = (date: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : date);
