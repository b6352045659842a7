import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage } from '../../shared/family-command';
import { EhaSharingDecisionHandler } from './eha-sharing-handler';

export class AddTeamAroundFamilyMemberCommand extends FamilyCommandMessage<'AddTeamAroundFamilyMember'> {
  readonly type = 'AddTeamAroundFamilyMember';
}

@CommandHandler(AddTeamAroundFamilyMemberCommand)
export class AddTeamAroundFamilyMemberHandler extends EhaSharingDecisionHandler<'AddTeamAroundFamilyMember'> {}
