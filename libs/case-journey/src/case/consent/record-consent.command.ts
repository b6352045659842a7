import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordConsentCommand extends CaseCommandMessage<'RecordConsent'> {
  readonly type = 'RecordConsent';
}

@CommandHandler(RecordConsentCommand)
export class RecordConsentHandler extends CaseDecisionHandler<'RecordConsent'> {}
