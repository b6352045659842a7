import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordCareOrderStepCommand extends CaseCommandMessage<'RecordCareOrderStep'> {
  readonly type = 'RecordCareOrderStep';
}

@CommandHandler(RecordCareOrderStepCommand)
export class RecordCareOrderStepHandler extends CaseDecisionHandler<'RecordCareOrderStep'> {}
