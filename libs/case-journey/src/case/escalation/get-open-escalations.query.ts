import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Actor } from '@windscreen/identity';
import { CaseAccess } from '../access/case-access';
import type { OpenEscalation } from '../get-case/case-summary';

export interface CaseEscalations {
  caseId: string;
  child: { givenName: string; familyName: string };
  team: string;
  allocatedWorker: { id: string; name: string } | null;
  escalations: OpenEscalation[];
}

/** R20: the cases with an escalation still open, that the actor may see (a manager: their team, or every team). */
export class GetOpenEscalationsQuery extends Query<CaseEscalations[]> {
  constructor(
    readonly actor: Actor,
    readonly limit = 200,
  ) {
    super();
  }
}

@QueryHandler(GetOpenEscalationsQuery)
export class GetOpenEscalationsHandler implements IQueryHandler<GetOpenEscalationsQuery, CaseEscalations[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ actor, limit }: GetOpenEscalationsQuery): Promise<CaseEscalations[]> {
    const params: unknown[] = [];
    const visible = CaseAccess.visibleTo(actor, params);
    params.push(limit);
    const rows: {
      case_id: string;
      child: { givenName: string; familyName: string };
      team: string;
      allocated_worker: CaseEscalations['allocatedWorker'];
      open_escalations: OpenEscalation[];
    }[] = await this.dataSource.query(
      `select c.case_id, c.child, c.team, c.allocated_worker, c.open_escalations from case_summaries c
          where c.status = 'open' and jsonb_array_length(c.open_escalations) > 0 ${visible ? `and ${visible}` : ''}
          order by c.last_occurred_at desc nulls last, c.case_id limit $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      caseId: row.case_id,
      child: { givenName: row.child.givenName, familyName: row.child.familyName },
      team: row.team,
      allocatedWorker: row.allocated_worker,
      escalations: row.open_escalations,
    }));
  }
}
