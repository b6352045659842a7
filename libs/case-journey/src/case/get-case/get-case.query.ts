import { Query } from '@nestjs/cqrs';
import type { AllocatedWorker } from '../allocation/allocation.decide';
import type { ConsentInForce, OpenEpisode, OpenEscalation } from './case-summary';

/** Something to do on the case: a rule's requirement (R3) or an item with a timescale. */
export interface OutstandingAction {
  rule: string;
  action: string;
  dueAt: string | null;
  overdue: boolean;
}

export interface CaseSummaryView {
  caseId: string;
  familyId: string;
  area: string;
  team: string;
  allocatedWorker: AllocatedWorker | null;
  status: 'open' | 'closed';
  level: string | null;
  levelSince: string | null;
  levelSetBy: { id: string; name: string; role: string } | null;
  child: Record<string, unknown>;
  openedAt: string;
  closedAt: string | null;
  /** The case's own episodes and its family's (EHA, TAF/TAC, Keep in Touch). */
  openEpisodes: OpenEpisode[];
  /** The latest decision per consent scope: `given` is in force; `refused` or `withdrawn` is not. */
  consents: Record<string, ConsentInForce>;
  openEscalations: OpenEscalation[];
  outstandingActions: OutstandingAction[];
  revision: string;
  position: string;
}

export class GetCaseQuery extends Query<CaseSummaryView> {
  constructor(
    readonly caseId: string,
    /** The clock of the query: what is overdue is decided against it. */
    readonly now: Date = new Date(),
  ) {
    super();
  }
}
