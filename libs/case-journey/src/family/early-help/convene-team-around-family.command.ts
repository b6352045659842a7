import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage, FamilyDecisionHandler } from '../../shared/family-command';

export class ConveneTeamAroundFamilyCommand extends FamilyCommandMessage<'ConveneTeamAroundFamily'> {
  readonly type = 'ConveneTeamAroundFamily';
}

@CommandHandler(ConveneTeamAroundFamilyCommand)
export class ConveneTeamAroundFamilyHandler extends FamilyDecisionHandler<'ConveneTeamAroundFamily'> {}
