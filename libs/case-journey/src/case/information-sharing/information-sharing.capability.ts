import type { Capability } from '../../shared/capability';
import { InformationSharingHttpController } from './information-sharing.http.controller';
import {
  RecordInformationSentHandler,
  RecordInformationSharingDecisionHandler,
} from './record-information-sharing-decision.command';

export const informationSharingCapability: Capability = {
  controllers: [InformationSharingHttpController],
  providers: [RecordInformationSentHandler, RecordInformationSharingDecisionHandler],
};
