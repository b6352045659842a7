import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordReferrerNotifiedCommand extends CaseCommandMessage<'RecordReferrerNotified'> {
  readonly type = 'RecordReferrerNotified';
}

@CommandHandler(RecordReferrerNotifiedCommand)
export class RecordReferrerNotifiedHandler extends CaseDecisionHandler<'RecordReferrerNotified'> {}
