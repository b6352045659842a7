import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class EndSection20AccommodationCommand extends CaseCommandMessage<'EndSection20Accommodation'> {
  readonly type = 'EndSection20Accommodation';
}

@CommandHandler(EndSection20AccommodationCommand)
export class EndSection20AccommodationHandler extends CaseDecisionHandler<'EndSection20Accommodation'> {}
