import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage, FamilyDecisionHandler } from '../../shared/family-command';

export class ChangeLeadProfessionalCommand extends FamilyCommandMessage<'ChangeLeadProfessional'> {
  readonly type = 'ChangeLeadProfessional';
}

@CommandHandler(ChangeLeadProfessionalCommand)
export class ChangeLeadProfessionalHandler extends FamilyDecisionHandler<'ChangeLeadProfessional'> {}
