import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage } from '../../shared/family-command';
import { EhaSharingDecisionHandler } from './eha-sharing-handler';

export class ConveneTeamAroundFamilyCommand extends FamilyCommandMessage<'ConveneTeamAroundFamily'> {
  readonly type = 'ConveneTeamAroundFamily';
}

@CommandHandler(ConveneTeamAroundFamilyCommand)
export class ConveneTeamAroundFamilyHandler extends EhaSharingDecisionHandler<'ConveneTeamAroundFamily'> {}
