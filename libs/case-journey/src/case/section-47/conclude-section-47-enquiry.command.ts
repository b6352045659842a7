import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class ConcludeSection47EnquiryCommand extends CaseCommandMessage<'ConcludeSection47Enquiry'> {
  readonly type = 'ConcludeSection47Enquiry';
}

@CommandHandler(ConcludeSection47EnquiryCommand)
export class ConcludeSection47EnquiryHandler extends CaseDecisionHandler<'ConcludeSection47Enquiry'> {}
