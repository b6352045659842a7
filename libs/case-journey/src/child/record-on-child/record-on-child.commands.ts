import { CommandHandler } from '@nestjs/cqrs';
import { ChildCommandMessage, ChildDecisionHandler } from '../../shared/child-command';

export class CorrectChildDetailsCommand extends ChildCommandMessage<'CorrectChildDetails'> {
  readonly type = 'CorrectChildDetails';
}

@CommandHandler(CorrectChildDetailsCommand)
export class CorrectChildDetailsHandler extends ChildDecisionHandler<'CorrectChildDetails'> {}

export class RecordChildDeathCommand extends ChildCommandMessage<'RecordChildDeath'> {
  readonly type = 'RecordChildDeath';
}

@CommandHandler(RecordChildDeathCommand)
export class RecordChildDeathHandler extends ChildDecisionHandler<'RecordChildDeath'> {}

export class RecordParentOrCarerCommand extends ChildCommandMessage<'RecordParentOrCarer'> {
  readonly type = 'RecordParentOrCarer';
}

@CommandHandler(RecordParentOrCarerCommand)
export class RecordParentOrCarerHandler extends ChildDecisionHandler<'RecordParentOrCarer'> {}

export class CorrectParentOrCarerCommand extends ChildCommandMessage<'CorrectParentOrCarer'> {
  readonly type = 'CorrectParentOrCarer';
}

@CommandHandler(CorrectParentOrCarerCommand)
export class CorrectParentOrCarerHandler extends ChildDecisionHandler<'CorrectParentOrCarer'> {}
