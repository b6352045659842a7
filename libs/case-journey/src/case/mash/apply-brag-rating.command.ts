import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class ApplyBragRatingCommand extends CaseCommandMessage<'ApplyBragRating'> {
  readonly type = 'ApplyBragRating';
}

@CommandHandler(ApplyBragRatingCommand)
export class ApplyBragRatingHandler extends CaseDecisionHandler<'ApplyBragRating'> {}
