import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordWrittenFollowUpCommand extends CaseCommandMessage<'RecordWrittenFollowUp'> {
  readonly type = 'RecordWrittenFollowUp';
}

@CommandHandler(RecordWrittenFollowUpCommand)
export class RecordWrittenFollowUpHandler extends CaseDecisionHandler<'RecordWrittenFollowUp'> {}
