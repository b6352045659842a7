import type { Capability } from '../../shared/capability';
import { ConcludeSection47EnquiryHandler } from './conclude-section-47-enquiry.command';
import { OpenSection47EnquiryHandler } from './open-section-47-enquiry.command';
import { RecordStrategyDiscussionHandler } from './record-strategy-discussion.command';
import { RecordInitialChildProtectionConferenceHandler } from './record-initial-conference.command';
import { Section47HttpController } from './section-47.http.controller';
import { StrategyDiscussionHttpController } from './strategy-discussion.http.controller';

export const section47Capability: Capability = {
  controllers: [Section47HttpController, StrategyDiscussionHttpController],
  providers: [
    ConcludeSection47EnquiryHandler,
    OpenSection47EnquiryHandler,
    RecordStrategyDiscussionHandler,
    RecordInitialChildProtectionConferenceHandler,
  ],
};
