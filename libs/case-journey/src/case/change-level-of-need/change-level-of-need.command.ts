import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../domain/command';
import type { DecisionResult } from '../../shared/decision-runner';
import type { ChangeLevelOfNeed } from './change-level-of-need.decide';

export class ChangeLevelOfNeedCommand extends Command<DecisionResult> {
  constructor(
    readonly data: Omit<ChangeLevelOfNeed['data'], 'familyHasEarlyHelpAssessment'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
