import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class RecordChildVisitCommand extends CaseCommandMessage<'RecordChildVisit'> {
  readonly type = 'RecordChildVisit';
}

@CommandHandler(RecordChildVisitCommand)
export class RecordChildVisitHandler extends CaseDecisionHandler<'RecordChildVisit'> {}
