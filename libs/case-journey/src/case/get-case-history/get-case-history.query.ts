import { Query } from '@nestjs/cqrs';
import type { EventMetadata } from '@windscreen/event-store';

export interface HistoryEntry {
  /** The event's id: what a correction names (R22). */
  id: string;
  type: string;
  schemaVersion: number;
  revision: string;
  position: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface CaseHistoryView {
  events: HistoryEntry[];
  /** Pass as ?cursor= for the next page; null on the last page. */
  next: string | null;
}

export class GetCaseHistoryQuery extends Query<CaseHistoryView> {
  constructor(
    readonly caseId: string,
    readonly fromRevision: bigint,
    readonly limit: number,
  ) {
    super();
  }
}
