import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseDecisionHandler } from '../../shared/case-command';

export class OpenSection47EnquiryCommand extends CaseCommandMessage<'OpenSection47Enquiry'> {
  readonly type = 'OpenSection47Enquiry';
}

@CommandHandler(OpenSection47EnquiryCommand)
export class OpenSection47EnquiryHandler extends CaseDecisionHandler<'OpenSection47Enquiry'> {}
