import type { Capability } from '../../shared/capability';
import { ApplyBragRatingHandler } from './apply-brag-rating.command';
import { MashHttpController } from './mash.http.controller';
import { RecordMashDecisionHandler } from './record-mash-decision.command';
import { RecordReferrerNotifiedHandler } from './record-referrer-notified.command';
import { RecordWrittenFollowUpHandler } from './record-written-follow-up.command';

export const mashCapability: Capability = {
  controllers: [MashHttpController],
  providers: [
    ApplyBragRatingHandler,
    RecordMashDecisionHandler,
    RecordReferrerNotifiedHandler,
    RecordWrittenFollowUpHandler,
  ],
};
