import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordCoreGroupMeetingCommand extends CaseCommandMessage<'RecordCoreGroupMeeting'> {
  readonly type = 'RecordCoreGroupMeeting';
}

@CommandHandler(RecordCoreGroupMeetingCommand)
export class RecordCoreGroupMeetingHandler extends CaseDecisionHandler<'RecordCoreGroupMeeting'> {}
