import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class AllocateCaseCommand extends CaseCommandMessage<'AllocateCase'> {
  readonly type = 'AllocateCase';
}

@CommandHandler(AllocateCaseCommand)
export class AllocateCaseHandler extends CaseDecisionHandler<'AllocateCase'> {}
