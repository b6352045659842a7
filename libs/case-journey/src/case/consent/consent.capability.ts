import type { Capability } from '../../shared/capability';
import { RecordConsentHandler } from './record-consent.command';
import { RecordConsentHttpController } from './record-consent.http.controller';

export const consentCapability: Capability = {
  controllers: [RecordConsentHttpController],
  providers: [RecordConsentHandler],
};
