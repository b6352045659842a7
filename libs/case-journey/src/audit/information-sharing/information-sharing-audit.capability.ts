import type { Capability } from '../../shared/capability';
import { InformationSharingAuditHttpController } from './information-sharing-audit.http.controller';
import { InformationSharingAuditProjection } from './information-sharing-audit.projection';
import {
  GetInformationSharingAuditHandler,
  GetInformationSharingDecisionHandler,
} from './information-sharing-audit.query';

export const informationSharingAuditCapability: Capability = {
  controllers: [InformationSharingAuditHttpController],
  providers: [GetInformationSharingAuditHandler, GetInformationSharingDecisionHandler],
  projections: [InformationSharingAuditProjection],
};
