import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PG_POOL } from '@windscreen/database';
import type { AccessLogRequestDto } from './access-log.request.dto';

export interface AccessLogEntry {
  accessedAt: string;
  actor: { id: string; name: string; role: string; agency: string; team: string };
  caseId: string;
  view: string;
  /** For a list read (caseload, what is due, an audit): how many cases it showed, this one among them. */
  casesShown?: number;
  query: string | null;
  correlationId: string | null;
}

interface AccessRow {
  accessed_at: Date;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  actor_agency: string;
  actor_team: string;
  cases_shown: number | null;
  view: string;
  query: string | null;
  correlation_id: string | null;
}

/** Who looked at one case: its own reads and the lists that showed it among others, newest first. */
export class GetAccessLogQuery extends Query<AccessLogEntry[]> {
  constructor(readonly filters: AccessLogRequestDto) {
    super();
  }
}

@QueryHandler(GetAccessLogQuery)
export class GetAccessLogHandler implements IQueryHandler<GetAccessLogQuery, AccessLogEntry[]> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ filters }: GetAccessLogQuery): Promise<AccessLogEntry[]> {
    const { rows } = await this.pool.query<AccessRow>(
      `select accessed_at, actor_id, actor_name, actor_role, actor_agency, actor_team, view, query, correlation_id, cardinality(case_ids) as cases_shown from access_log
        where (case_id = $1 or case_ids @> array[$1]::uuid[]) and ($2::text is null or actor_id = $2)
          and ($3::timestamptz is null or accessed_at >= $3) and ($4::timestamptz is null or accessed_at <= $4)
        order by accessed_at desc, id desc limit $5`,
      [filters.caseId, filters.actorId ?? null, filters.from ?? null, filters.to ?? null, filters.limit ?? 500],
    );
    return rows.map((row) => ({
      accessedAt: row.accessed_at.toISOString(),
      actor: {
        id: row.actor_id,
        name: row.actor_name,
        role: row.actor_role,
        agency: row.actor_agency,
        team: row.actor_team,
      },
      caseId: filters.caseId,
      view: row.view,
      ...(row.cases_shown !== null && { casesShown: row.cases_shown }),
      query: row.query,
      correlationId: row.correlation_id,
    }));
  }
}
