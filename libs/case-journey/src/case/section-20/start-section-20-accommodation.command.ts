import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class StartSection20AccommodationCommand extends CaseCommandMessage<'StartSection20Accommodation'> {
  readonly type = 'StartSection20Accommodation';
}

@CommandHandler(StartSection20AccommodationCommand)
export class StartSection20AccommodationHandler extends CaseDecisionHandler<'StartSection20Accommodation'> {}
