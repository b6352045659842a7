import { EventStore1767000000000 } from './1767000000000-event-store';
import { Projections1767000000001 } from './1767000000001-projections';
import { IdempotencyKeys1767000000002 } from './1767000000002-idempotency-keys';
import { CaseSummaries1767000000003 } from './1767000000003-case-summaries';
import { AccessLog1767000000004 } from './1767000000004-access-log';
import { InformationSharingAudit1767000000005 } from './1767000000005-information-sharing-audit';
import { CaseSummaryEpisodes1767000000006 } from './1767000000006-case-summary-episodes';
import { TimelinessItems1767000000007 } from './1767000000007-timeliness-items';
import { CaseloadIndexes1767000000008 } from './1767000000008-caseload-indexes';
import { TrendReports1767000000010 } from './1767000000010-trend-reports';
import { AppendEventsPlainInsert1767000000011 } from './1767000000011-append-events-plain-insert';
import { CaseloadCoveringIndexes1767000000012 } from './1767000000012-caseload-covering-indexes';
import { TimelinessDaily1767000000013 } from './1767000000013-timeliness-daily';
import { DueListCoveringIndexes1767000000014 } from './1767000000014-due-list-covering-indexes';
import { PositionsFromTransactionIds1767000000015 } from './1767000000015-positions-from-transaction-ids';
import { DropUnusedIndexes1767000000016 } from './1767000000016-drop-unused-indexes';
import { ReportStepsDaily1767000000017 } from './1767000000017-report-steps-daily';
import { LogCheckpoints1767000000018 } from './1767000000018-log-checkpoints';
import { IdempotencyLeases1767000000019 } from './1767000000019-idempotency-leases';
import { AccessLogBulkReads1767000000020 } from './1767000000020-access-log-bulk-reads';
import { RecordedLateCounts1767000000023 } from './1767000000023-recorded-late-counts';
import { InformationSharingLegalBases1767000000040 } from './1767000000040-information-sharing-legal-bases';
import { CaseSummaryFolds1767000000080 } from './1767000000080-case-summary-folds';
import { FamilySummaryFolds1767000000081 } from './1767000000081-family-summary-folds';
import { ReadIndexesSetAside1767000000090 } from './1767000000090-read-indexes-set-aside';
import { WebSessions1767000000041 } from './1767000000041-web-sessions';
import { Children1767000000050 } from './1767000000050-children';
import { WebSessionIdToken1767000000070 } from './1767000000070-web-session-id-token';

/** Every schema change, oldest first. Applied on start; never `synchronize`. */
export const MIGRATIONS = [
  EventStore1767000000000,
  Projections1767000000001,
  IdempotencyKeys1767000000002,
  CaseSummaries1767000000003,
  AccessLog1767000000004,
  InformationSharingAudit1767000000005,
  CaseSummaryEpisodes1767000000006,
  TimelinessItems1767000000007,
  CaseloadIndexes1767000000008,
  TrendReports1767000000010,
  AppendEventsPlainInsert1767000000011,
  CaseloadCoveringIndexes1767000000012,
  TimelinessDaily1767000000013,
  DueListCoveringIndexes1767000000014,
  PositionsFromTransactionIds1767000000015,
  DropUnusedIndexes1767000000016,
  ReportStepsDaily1767000000017,
  LogCheckpoints1767000000018,
  IdempotencyLeases1767000000019,
  AccessLogBulkReads1767000000020,
  RecordedLateCounts1767000000023,
  InformationSharingLegalBases1767000000040,
  WebSessions1767000000041,
  Children1767000000050,
  WebSessionIdToken1767000000070,
  CaseSummaryFolds1767000000080,
  FamilySummaryFolds1767000000081,
  ReadIndexesSetAside1767000000090,
];
