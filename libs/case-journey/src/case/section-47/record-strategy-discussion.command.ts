import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordStrategyDiscussionCommand extends CaseCommandMessage<'RecordStrategyDiscussion'> {
  readonly type = 'RecordStrategyDiscussion';
}

@CommandHandler(RecordStrategyDiscussionCommand)
export class RecordStrategyDiscussionHandler extends CaseDecisionHandler<'RecordStrategyDiscussion'> {}
