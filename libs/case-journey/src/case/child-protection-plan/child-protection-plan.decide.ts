import { Command, DomainEvent } from '../../domain/command';
import { addMonthsToInstant } from '../../domain/calendar-months';
import { RuleViolation } from '../../domain/domain-error';
import { addWorkingDays } from '../../domain/working-days';
import type { CaseState } from '../case.state';

/** Category of abuse for child protection plans (national codes). */
export const ABUSE_CATEGORIES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const;
export type AbuseCategory = (typeof ABUSE_CATEGORIES)[number];

/** Working Together (R30): the core group first meets within 10 working days of the initial conference's plan. */
export const CORE_GROUP_WORKING_DAYS = 10;
/** Working Together (R31): the first review conference within 3 months of the initial conference, then every 6 months. */
export const FIRST_REVIEW_MONTHS = 3;
export const LATER_REVIEW_MONTHS = 6;

export type StartChildProtectionPlan = Command<
  'StartChildProtectionPlan',
  {
    caseId: string;
    category: AbuseCategory;
    /** Plans the child was subject to that this record does not hold (another authority, before the system); default 0. */
    previousPlansElsewhere?: number;
  }
>;
export type EndChildProtectionPlan = Command<'EndChildProtectionPlan', { caseId: string; reason: string }>;
export type RecordCoreGroupMeeting = Command<
  'RecordCoreGroupMeeting',
  { caseId: string; attendees: string[]; notes?: string }
>;
export type RecordReviewConference = Command<
  'RecordReviewConference',
  { caseId: string; category: AbuseCategory; notes?: string }
>;

/**
 * `coreGroupDueBy` and `firstReviewDueBy` were added to schema version 1 as optional fields: older
 * plans lack them. v2 adds `previousPlansElsewhere` (the census's number of previous plans counts
 * these with the plans recorded here); a v1 plan reads it as null, named in `notRecorded`.
 */
export type ChildProtectionPlanStarted = DomainEvent<
  'ChildProtectionPlanStarted',
  {
    category: AbuseCategory;
    coreGroupDueBy?: string;
    firstReviewDueBy?: string;
    previousPlansElsewhere: number | null;
    notRecorded?: 'previousPlansElsewhere'[];
  }
>;
export type ChildProtectionPlanEnded = DomainEvent<'ChildProtectionPlanEnded', { reason: string }>;
export type CoreGroupMet = DomainEvent<
  'CoreGroupMet',
  { attendees: string[]; notes: string | null; dueBy: string | null; late: boolean | null }
>;
export type ChildProtectionReviewConferenceHeld = DomainEvent<
  'ChildProtectionReviewConferenceHeld',
  {
    category: AbuseCategory;
    previousCategory: AbuseCategory;
    notes: string | null;
    dueBy: string | null;
    late: boolean | null;
    nextReviewDueBy: string;
  }
>;
export type ChildProtectionPlanEvent =
  ChildProtectionPlanStarted | ChildProtectionPlanEnded | CoreGroupMet | ChildProtectionReviewConferenceHeld;

export function decideStartChildProtectionPlan(
  command: StartChildProtectionPlan,
  state: CaseState,
): ChildProtectionPlanStarted[] {
  if (state.childProtectionPlan) {
    throw new RuleViolation(
      undefined,
      'CP_PLAN.ALREADY_OPEN',
      'The child already has a child protection plan',
      'End it before starting another',
    );
  }
  if (state.level !== 'specialist') {
    throw new RuleViolation(
      'R16',
      'CP_PLAN.NOT_SPECIALIST',
      'A child protection plan follows a section 47 enquiry at Specialist & safeguarding',
      'Open a section 47 enquiry (or step the case up to specialist) first',
    );
  }
  // R24: a plan is made by an initial conference that followed a section 47 enquiry and decided on one.
  const conference = state.section47Enquiry?.conference;
  if (!conference || conference.decision !== 'child_protection_plan' || conference.planStarted) {
    throw new RuleViolation(
      'R24',
      'CP_PLAN.NO_CONFERENCE_DECISION',
      !state.section47Enquiry
        ? 'A child protection plan needs a section 47 enquiry and an initial conference that decided on a plan'
        : !conference
          ? 'The initial child protection conference of the section 47 enquiry is not recorded'
          : conference.decision !== 'child_protection_plan'
            ? 'The initial child protection conference decided against a plan'
            : 'The plan this conference decided on has already started',
      'Record the section 47 enquiry and its initial conference (decision child_protection_plan) first',
    );
  }
  return [
    {
      type: 'ChildProtectionPlanStarted',
      schemaVersion: 2,
      data: {
        category: command.data.category,
        previousPlansElsewhere: command.data.previousPlansElsewhere ?? 0,
        // R30, R31: counted from the initial conference that made the plan.
        coreGroupDueBy: addWorkingDays(conference.heldAt, CORE_GROUP_WORKING_DAYS),
        firstReviewDueBy: addMonthsToInstant(conference.heldAt, FIRST_REVIEW_MONTHS),
      },
    },
  ];
}

export function decideEndChildProtectionPlan(
  command: EndChildProtectionPlan,
  state: CaseState,
): ChildProtectionPlanEnded[] {
  if (!state.childProtectionPlan) {
    throw new RuleViolation(undefined, 'CP_PLAN.NOT_OPEN', 'The child has no child protection plan to end');
  }
  return [{ type: 'ChildProtectionPlanEnded', schemaVersion: 1, data: { reason: command.data.reason } }];
}

const late = (occurredAt: string, dueBy: string | null) =>
  dueBy === null ? null : Date.parse(occurredAt) > Date.parse(dueBy);

/** R30: the core group meets, first within 10 working days of the plan, then as it agrees. */
export function decideRecordCoreGroupMeeting(command: RecordCoreGroupMeeting, state: CaseState): CoreGroupMet[] {
  const plan = state.childProtectionPlan;
  if (!plan)
    throw new RuleViolation(
      'R30',
      'CORE_GROUP.NO_PLAN',
      'A core group meets for a child protection plan, and the child has none',
    );
  const dueBy = plan.coreGroupMet ? null : plan.coreGroupDueBy;
  const { attendees, notes } = command.data;
  return [
    {
      type: 'CoreGroupMet',
      schemaVersion: 1,
      data: { attendees, notes: notes ?? null, dueBy, late: late(command.context.occurredAt, dueBy) },
    },
  ];
}

/** R31: a review conference, within 3 months of the initial one and then every 6 months; it records the latest category of abuse. */
export function decideRecordReviewConference(
  command: RecordReviewConference,
  state: CaseState,
): ChildProtectionReviewConferenceHeld[] {
  const plan = state.childProtectionPlan;
  if (!plan)
    throw new RuleViolation(
      'R31',
      'REVIEW_CONFERENCE.NO_PLAN',
      'A review conference reviews a child protection plan, and the child has none',
    );
  const { category, notes } = command.data;
  const dueBy = plan.nextReviewDueBy;
  return [
    {
      type: 'ChildProtectionReviewConferenceHeld',
      schemaVersion: 1,
      data: {
        category,
        previousCategory: plan.category,
        notes: notes ?? null,
        dueBy,
        late: late(command.context.occurredAt, dueBy),
        nextReviewDueBy: addMonthsToInstant(command.context.occurredAt, LATER_REVIEW_MONTHS),
      },
    },
  ];
}
