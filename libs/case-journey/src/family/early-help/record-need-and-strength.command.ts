import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage, FamilyDecisionHandler } from '../../shared/family-command';

export class RecordNeedAndStrengthCommand extends FamilyCommandMessage<'RecordNeedAndStrength'> {
  readonly type = 'RecordNeedAndStrength';
}

@CommandHandler(RecordNeedAndStrengthCommand)
export class RecordNeedAndStrengthHandler extends FamilyDecisionHandler<'RecordNeedAndStrength'> {}
