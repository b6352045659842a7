import { Command, DomainEvent } from '../../domain/command';
import { addWorkingDays } from '../../domain/working-days';
import type { CaseState } from '../case.state';

/** Working Together: an ICPC within 15 working days of the strategy discussion that started the s47 enquiry. */
export const ICPC_WORKING_DAYS = 15;

export type RecordStrategyDiscussion = Command<
  'RecordStrategyDiscussion',
  {
    caseId: string;
    attendees: string[];
    decision: string;
    /** R29: whether it decided on section 47 enquiries (default true). */ section47?: boolean;
  }
>;
/**
 * `section47` was added to schema version 1 as an optional field: a discussion recorded before it
 * is read as having decided on enquiries. `icpcDueBy` is null when it decided against them.
 */
export type StrategyDiscussionHeld = DomainEvent<
  'StrategyDiscussionHeld',
  { attendees: string[]; decision: string; section47?: boolean; icpcDueBy: string | null }
>;

/** R29: the strategy discussion decides whether section 47 enquiries start; only then is an ICPC due. */
export function decideRecordStrategyDiscussion(
  command: RecordStrategyDiscussion,
  _state: CaseState,
): StrategyDiscussionHeld[] {
  const section47 = command.data.section47 ?? true;
  return [
    {
      type: 'StrategyDiscussionHeld',
      schemaVersion: 1,
      data: {
        attendees: command.data.attendees,
        decision: command.data.decision,
        section47,
        icpcDueBy: section47 ? addWorkingDays(command.context.occurredAt, ICPC_WORKING_DAYS) : null,
      },
    },
  ];
}
