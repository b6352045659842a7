import { GetCaseAsOfHandler } from './get-case-as-of.query';
import type { Capability } from '../../shared/capability';
import { CaseSummaryProjection } from './case-summary.projection';
import { GetCaseHandler } from './get-case.handler';
import { GetCaseHttpController } from './get-case.http.controller';

export const getCaseCapability: Capability = {
  controllers: [GetCaseHttpController],
  providers: [GetCaseAsOfHandler, GetCaseHandler],
  projections: [CaseSummaryProjection],
};
