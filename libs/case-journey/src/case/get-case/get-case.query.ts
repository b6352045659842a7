import { Query } from '@nestjs/cqrs';

export interface CaseSummaryView {
  caseId: string;
  familyId: string;
  area: string;
  status: 'open' | 'closed';
  level: string | null;
  levelSince: string | null;
  levelSetBy: { id: string; name: string; role: string } | null;
  child: Record<string, unknown>;
  openedAt: string;
  revision: string;
  position: string;
}

export class GetCaseQuery extends Query<CaseSummaryView> {
  constructor(readonly caseId: string) {
    super();
  }
}
