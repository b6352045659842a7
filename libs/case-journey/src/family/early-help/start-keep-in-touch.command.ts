import { CommandHandler } from '@nestjs/cqrs';
import { FamilyCommandMessage, FamilyDecisionHandler } from '../../shared/family-command';

export class StartKeepInTouchCommand extends FamilyCommandMessage<'StartKeepInTouch'> {
  readonly type = 'StartKeepInTouch';
}

@CommandHandler(StartKeepInTouchCommand)
export class StartKeepInTouchHandler extends FamilyDecisionHandler<'StartKeepInTouch'> {}
