import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordMashDecisionCommand extends CaseCommandMessage<'RecordMashDecision'> {
  readonly type = 'RecordMashDecision';
}

@CommandHandler(RecordMashDecisionCommand)
export class RecordMashDecisionHandler extends CaseDecisionHandler<'RecordMashDecision'> {}
