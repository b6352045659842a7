import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { addWorkingDays } from '../../domain/working-days';
import type { CaseState } from '../case.state';
import type { AbuseCategory } from '../child-protection-plan/child-protection-plan.decide';
import { ICPC_WORKING_DAYS } from './strategy-discussion.decide';

/** What an initial child protection conference decides: a child protection plan, or none. */
export const CONFERENCE_DECISIONS = ['child_protection_plan', 'no_plan'] as const;
export type ConferenceDecision = (typeof CONFERENCE_DECISIONS)[number];

export type RecordInitialChildProtectionConference = Command<
  'RecordInitialChildProtectionConference',
  { caseId: string; decision: ConferenceDecision; category?: AbuseCategory; notes?: string }
>;
export type InitialChildProtectionConferenceHeld = DomainEvent<
  'InitialChildProtectionConferenceHeld',
  {
    decision: ConferenceDecision;
    /** The category of abuse the plan is to address, when the conference decided on a plan. */
    category: AbuseCategory | null;
    notes: string | null;
    /** Working Together: 15 working days from the strategy discussion that started the enquiry (null when none is recorded). */
    dueBy: string | null;
    late: boolean | null;
  }
>;

/**
 * R24: the initial child protection conference of the latest section 47 enquiry, held (occurredAt
 * is when it met) with its decision. Only a conference that decided on a plan lets one start.
 */
export function decideRecordInitialConference(
  command: RecordInitialChildProtectionConference,
  state: CaseState,
): InitialChildProtectionConferenceHeld[] {
  const enquiry = state.section47Enquiry;
  if (!enquiry) {
    throw new RuleViolation(
      'R24',
      'ICPC.NO_ENQUIRY',
      'An initial child protection conference follows a section 47 enquiry',
      'Open the section 47 enquiry first',
    );
  }
  if (enquiry.conference) {
    throw new RuleViolation(
      'R24',
      'ICPC.ALREADY_HELD',
      'The initial conference of this section 47 enquiry is already recorded',
      'Record review conferences on the plan',
    );
  }
  if (enquiry.icpcNeeded === false) {
    throw new RuleViolation('R24', 'ICPC.NOT_NEEDED', 'The section 47 enquiry concluded that no conference was needed');
  }
  if (Date.parse(command.context.occurredAt) < Date.parse(enquiry.openedAt)) {
    throw new RuleViolation(
      'R24',
      'ICPC.BEFORE_ENQUIRY',
      'The conference cannot be held before the section 47 enquiry was opened',
      `Give occurredAt on or after ${enquiry.openedAt}`,
    );
  }
  const { decision, category, notes } = command.data;
  if (decision === 'child_protection_plan' && !category) {
    throw new RuleViolation(
      'R24',
      'ICPC.NO_CATEGORY',
      'A conference that decides on a child protection plan names the category of abuse',
      'Add category',
    );
  }
  const dueBy = enquiry.strategyDiscussionAt ? addWorkingDays(enquiry.strategyDiscussionAt, ICPC_WORKING_DAYS) : null;
  return [
    {
      type: 'InitialChildProtectionConferenceHeld',
      schemaVersion: 1,
      data: {
        decision,
        category: decision === 'child_protection_plan' ? category! : null,
        notes: notes ?? null,
        dueBy,
        late: dueBy === null ? null : Date.parse(command.context.occurredAt) > Date.parse(dueBy),
      },
    },
  ];
}
