import type { Capability } from '../shared/capability';
import { TrendReportsProjection } from './trend-reports.projection';
import { TrendReportsHttpController } from './trend-reports.http.controller';
import { GetTrendReportHandler } from './trend-report.handler';

export const reportsCapability: Capability = {
  controllers: [TrendReportsHttpController],
  providers: [GetTrendReportHandler],
  projections: [TrendReportsProjection],
};
