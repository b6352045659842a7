import { Command, DomainEvent } from '../../domain/command';
import { addWorkingDays } from '../../domain/working-days';
import type { CaseState } from '../case.state';

/** Working Together: an ICPC within 15 working days of the strategy discussion. */
export const ICPC_WORKING_DAYS = 15;

export type RecordStrategyDiscussion = Command<'RecordStrategyDiscussion', { caseId: string; attendees: string[]; decision: string }>;
export type StrategyDiscussionHeld = DomainEvent<'StrategyDiscussionHeld', { attendees: string[]; decision: string; icpcDueBy: string }>;

export function decideRecordStrategyDiscussion(command: RecordStrategyDiscussion, _state: CaseState): StrategyDiscussionHeld[] {
  return [
    {
      type: 'StrategyDiscussionHeld',
      schemaVersion: 1,
      data: { attendees: command.data.attendees, decision: command.data.decision, icpcDueBy: addWorkingDays(command.context.occurredAt, ICPC_WORKING_DAYS) },
    },
  ];
}
