import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordInformationSharingDecisionCommand extends CaseCommandMessage<'RecordInformationSharingDecision'> {
  readonly type = 'RecordInformationSharingDecision';
}

@CommandHandler(RecordInformationSharingDecisionCommand)
export class RecordInformationSharingDecisionHandler extends CaseDecisionHandler<'RecordInformationSharingDecision'> {}

export class RecordInformationSentCommand extends CaseCommandMessage<'RecordInformationSent'> {
  readonly type = 'RecordInformationSent';
}

@CommandHandler(RecordInformationSentCommand)
export class RecordInformationSentHandler extends CaseDecisionHandler<'RecordInformationSent'> {}
