import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordEscalationDiscussionCommand extends CaseCommandMessage<'RecordEscalationDiscussion'> {
  readonly type = 'RecordEscalationDiscussion';
}

@CommandHandler(RecordEscalationDiscussionCommand)
export class RecordEscalationDiscussionHandler extends CaseDecisionHandler<'RecordEscalationDiscussion'> {}
