import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage, FamilyDecisionHandler } from '../../shared/family-command';

export class RecordEarlyHelpHubDecisionCommand extends FamilyCommandMessage<'RecordEarlyHelpHubDecision'> {
  readonly type = 'RecordEarlyHelpHubDecision';
}

@CommandHandler(RecordEarlyHelpHubDecisionCommand)
export class RecordEarlyHelpHubDecisionHandler extends FamilyDecisionHandler<'RecordEarlyHelpHubDecision'> {}
