import { Query } from '@nestjs/cqrs';
import type { Area } from '../domain/national-codes';
import type { Interval } from './periods';

/** Every report of `GET /reports/<name>`. */
export const REPORT_NAMES = [
  'transitions',
  'transitions/detail',
  'flow',
  'time-at-level',
  'step-down-durability',
  're-referrals',
  'timeliness',
  'early-help',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The filters a report answered for, as applied (a manager's own team filled in). */
export interface ReportFilters {
  from: string;
  to: string;
  interval: Interval;
  area: Area | null;
  team: string | null;
}

export interface ReportColumn {
  key: string;
  label: string;
}

export type ReportRow = Record<string, string | number | null>;

/** One shape for every report, so any chart can also be a table or a CSV download. */
export interface ReportView {
  report: ReportName;
  filters: ReportFilters;
  columns: ReportColumn[];
  rows: ReportRow[];
}

export class GetTrendReportQuery extends Query<ReportView> {
  constructor(
    readonly report: ReportName,
    readonly filters: ReportFilters,
    /** The moment the report is asked for: what is not yet done but already due is late. */
    readonly asAt: string,
  ) {
    super();
  }
}
