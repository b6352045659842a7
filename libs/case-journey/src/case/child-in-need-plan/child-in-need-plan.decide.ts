import { Command, DomainEvent } from '../../domain/command';
import { addMonthsToInstant } from '../../domain/calendar-months';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

/**
 * R32: a child in need plan is reviewed within 3 months of its start and then at least every
 * 3 months (the seeds are silent; this is the common local practice under Working Together).
 */
export const CHILD_IN_NEED_REVIEW_MONTHS = 3;

export type StartChildInNeedPlan = Command<'StartChildInNeedPlan', { caseId: string }>;
export type EndChildInNeedPlan = Command<'EndChildInNeedPlan', { caseId: string; reason: string }>;
export type RecordChildInNeedPlanReview = Command<'RecordChildInNeedPlanReview', { caseId: string; progress: string }>;
/** `firstReviewDueBy` was added to schema version 1 as an optional field: older plans lack it. */
export type ChildInNeedPlanStarted = DomainEvent<'ChildInNeedPlanStarted', { firstReviewDueBy?: string }>;
export type ChildInNeedPlanEnded = DomainEvent<'ChildInNeedPlanEnded', { reason: string }>;
export type ChildInNeedPlanReviewed = DomainEvent<
  'ChildInNeedPlanReviewed',
  { progress: string; dueBy: string | null; late: boolean | null; nextReviewDueBy: string }
>;
export type ChildInNeedPlanEvent = ChildInNeedPlanStarted | ChildInNeedPlanEnded | ChildInNeedPlanReviewed;

export function decideStartChildInNeedPlan(command: StartChildInNeedPlan, state: CaseState): ChildInNeedPlanStarted[] {
  if (state.childInNeedPlanSince)
    throw new RuleViolation(undefined, 'CIN_PLAN.ALREADY_OPEN', 'The child already has a child in need plan');
  if (state.level !== 'specialist') {
    throw new RuleViolation(
      'R15',
      'CIN_PLAN.NOT_SPECIALIST',
      'A child in need plan is statutory work at Specialist & safeguarding',
      'Step the case up first',
    );
  }
  return [
    {
      type: 'ChildInNeedPlanStarted',
      schemaVersion: 1,
      data: { firstReviewDueBy: addMonthsToInstant(command.context.occurredAt, CHILD_IN_NEED_REVIEW_MONTHS) },
    },
  ];
}

export function decideEndChildInNeedPlan(command: EndChildInNeedPlan, state: CaseState): ChildInNeedPlanEnded[] {
  if (!state.childInNeedPlanSince)
    throw new RuleViolation(undefined, 'CIN_PLAN.NOT_OPEN', 'The child has no child in need plan to end');
  return [{ type: 'ChildInNeedPlanEnded', schemaVersion: 1, data: { reason: command.data.reason } }];
}

/** R32: each review sets when the next is due. */
export function decideRecordChildInNeedPlanReview(
  command: RecordChildInNeedPlanReview,
  state: CaseState,
): ChildInNeedPlanReviewed[] {
  if (!state.childInNeedPlanSince)
    throw new RuleViolation('R32', 'CIN_PLAN.NOT_OPEN', 'The child has no child in need plan to review');
  const dueBy = state.childInNeedPlanReviewDueBy;
  const { occurredAt } = command.context;
  return [
    {
      type: 'ChildInNeedPlanReviewed',
      schemaVersion: 1,
      data: {
        progress: command.data.progress,
        dueBy,
        late: dueBy === null ? null : Date.parse(occurredAt) > Date.parse(dueBy),
        nextReviewDueBy: addMonthsToInstant(occurredAt, CHILD_IN_NEED_REVIEW_MONTHS),
      },
    },
  ];
}
