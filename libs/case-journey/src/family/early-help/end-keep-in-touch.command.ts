import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage, FamilyDecisionHandler } from '../../shared/family-command';

export class EndKeepInTouchCommand extends FamilyCommandMessage<'EndKeepInTouch'> {
  readonly type = 'EndKeepInTouch';
}

@CommandHandler(EndKeepInTouchCommand)
export class EndKeepInTouchHandler extends FamilyDecisionHandler<'EndKeepInTouch'> {}
