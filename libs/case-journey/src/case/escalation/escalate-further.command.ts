import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class EscalateFurtherCommand extends CaseCommandMessage<'EscalateFurther'> {
  readonly type = 'EscalateFurther';
}

@CommandHandler(EscalateFurtherCommand)
export class EscalateFurtherHandler extends CaseDecisionHandler<'EscalateFurther'> {}
