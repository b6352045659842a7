import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordInitialChildProtectionConferenceCommand extends CaseCommandMessage<'RecordInitialChildProtectionConference'> {
  readonly type = 'RecordInitialChildProtectionConference';
}

@CommandHandler(RecordInitialChildProtectionConferenceCommand)
export class RecordInitialChildProtectionConferenceHandler extends CaseDecisionHandler<'RecordInitialChildProtectionConference'> {}
