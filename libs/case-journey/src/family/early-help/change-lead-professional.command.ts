import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage } from '../../shared/family-command';
import { EhaSharingDecisionHandler } from './eha-sharing-handler';

export class ChangeLeadProfessionalCommand extends FamilyCommandMessage<'ChangeLeadProfessional'> {
  readonly type = 'ChangeLeadProfessional';
}

@CommandHandler(ChangeLeadProfessionalCommand)
export class ChangeLeadProfessionalHandler extends EhaSharingDecisionHandler<'ChangeLeadProfessional'> {}
