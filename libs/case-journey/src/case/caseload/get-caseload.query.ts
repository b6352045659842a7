import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Actor } from '@windscreen/identity';
import { RequestValidationError } from '@windscreen/http';
import { decodeCursor, encodeCursor } from '../../shared/keyset-cursor';
import { CaseAccess } from '../access/case-access';
import type { CaseloadRequestDto } from './caseload.request.dto';

export interface CaseloadEntry {
  caseId: string;
  child: { givenName: string; familyName: string; dateOfBirth: string | null };
  area: string;
  team: string;
  status: string;
  level: string | null;
  levelSince: string | null;
  allocatedWorker: { id: string; name: string } | null;
  leadProfessional: { name: string; agency: string } | null;
  overdueItems: number;
  openedAt: string;
  lastActivity: string;
}

export interface Caseload {
  counts: {
    total: number;
    byLevel: Record<string, number>;
    byStatus: Record<string, number>;
    withOverdueItems: number;
  };
  cases: CaseloadEntry[];
  next: string | null;
}

export class GetCaseloadQuery extends Query<Caseload> {
  constructor(
    readonly actor: Actor,
    readonly filters: CaseloadRequestDto,
    readonly now: Date = new Date(),
  ) {
    super();
  }
}

const SORT_COLUMNS = { openedAt: 'c.opened_at', lastActivity: 'c.last_occurred_at' } as const;

/** The cases an actor may see (need-to-know), filtered, sorted and paged, with counts over the whole filter. */
@QueryHandler(GetCaseloadQuery)
export class GetCaseloadHandler implements IQueryHandler<GetCaseloadQuery, Caseload> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ actor, filters, now }: GetCaseloadQuery): Promise<Caseload> {
    const params: unknown[] = [];
    const conditions: string[] = [];
    const where = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replaceAll('?', `$${params.length}`));
    };
    const visible = CaseAccess.visibleTo(actor, params);
    if (visible) conditions.push(visible);
    if (filters.level) where('c.level = ?', filters.level);
    if (filters.area) where('c.area = ?', filters.area);
    if (filters.team) where('c.team = ?', filters.team);
    if (filters.worker) where('c.allocated_worker_id = ?', filters.worker);
    if (filters.status) where('c.status = ?', filters.status);
    if (filters.leadProfessional) {
      where(
        `(? in (f.early_help #>> '{earlyHelpAssessment,leadProfessional,userId}', f.early_help #>> '{team,leadProfessional,userId}')
          or lower(?) in (lower(f.early_help #>> '{earlyHelpAssessment,leadProfessional,name}'), lower(f.early_help #>> '{team,leadProfessional,name}')))`,
        filters.leadProfessional,
      );
    }
    params.push(now.toISOString());
    const nowParam = `$${params.length}`;
    const open = `i.done_at is null and i.cancelled_at is null and i.due_at < ${nowParam}::timestamptz`;
    // Past-due items are few next to the cases: the cases and the families that have one are
    // listed once per query and looked up by hash, whatever the number of cases counted. A case
    // is overdue through its own items or its family's (TAF reviews).
    const overdueSets = `overdue_cases as materialized (select i.case_id from timeliness_items i where i.case_id is not null and ${open}),
      overdue_families as materialized (select i.family_id from timeliness_items i where i.case_id is null and ${open})`;
    const isOverdue = `(c.case_id in (select case_id from overdue_cases) or c.family_id in (select family_id from overdue_families))`;
    if (filters.overdue !== undefined) conditions.push(filters.overdue ? isOverdue : `not ${isOverdue}`);
    const from = `from case_summaries c left join family_summaries f on f.family_id = c.family_id`;
    const filter = conditions.length ? `where ${conditions.join(' and ')}` : '';

    const sort = filters.sort ?? '-lastActivity';
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[sort.replace('-', '') as keyof typeof SORT_COLUMNS];
    const pageConditions = [...conditions];
    const pageParams = [...params];
    if (filters.cursor) {
      const cursor = decodeCursor(filters.cursor);
      if (!cursor)
        throw new RequestValidationError([{ field: 'cursor', reasons: ['cursor is not a page cursor of this list'] }]);
      pageParams.push(cursor[0], cursor[1]);
      pageConditions.push(
        `(${column}, c.case_id) ${descending ? '<' : '>'} ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`,
      );
    }
    const limit = filters.limit ?? 50;
    const order = `order by ${column} ${descending ? 'desc' : 'asc'}, c.case_id ${descending ? 'desc' : 'asc'}`;
    // The page is chosen on keys alone (the sort index stops after limit + 1 rows), and only its
    // rows are read whole and have their overdue items counted: building every case's columns
    // before sorting made a large caseload slow. The page and the counts are independent reads,
    // sent side by side.
    const pageQuery = this.dataSource.query<CaseloadRow[]>(
      `with ${filters.overdue !== undefined ? `${overdueSets},` : ''} page as (
         select c.case_id ${from} ${pageConditions.length ? `where ${pageConditions.join(' and ')}` : ''} ${order} limit ${limit + 1}
       )
       select c.case_id, c.child, c.area, c.team, c.status, c.level, c.level_since, c.allocated_worker, c.opened_at, c.last_occurred_at,
              coalesce(f.early_help -> 'team' -> 'leadProfessional', f.early_help -> 'earlyHelpAssessment' -> 'leadProfessional') as lead_professional,
              (select count(*) from timeliness_items i where i.case_id = c.case_id and ${open})::int
              + (select count(*) from timeliness_items i where i.case_id is null and i.family_id = c.family_id and ${open})::int as overdue_items
         from page join case_summaries c on c.case_id = page.case_id left join family_summaries f on f.family_id = c.family_id
        ${order}`,
      pageParams,
    );
    const countsQuery = this.dataSource.query<{ level: string | null; status: string; overdue: boolean; n: number }[]>(
      `with ${overdueSets} select c.level, c.status, ${isOverdue} as overdue, count(*)::int as n ${from} ${filter} group by 1, 2, 3`,
      params,
    );
    const [rows, counts] = await Promise.all([pageQuery, countsQuery]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const sum = (rowsToSum: typeof counts) => rowsToSum.reduce((total, row) => total + row.n, 0);
    const tally = (key: 'level' | 'status') =>
      counts.reduce<Record<string, number>>(
        (totals, row) => ({
          ...totals,
          [row[key] ?? 'not_assessed']: (totals[row[key] ?? 'not_assessed'] ?? 0) + row.n,
        }),
        {},
      );
    return {
      counts: {
        total: sum(counts),
        byLevel: tally('level'),
        byStatus: tally('status'),
        withOverdueItems: sum(counts.filter((row) => row.overdue)),
      },
      cases: page.map(toEntry),
      next:
        rows.length > limit && last
          ? encodeCursor(
              (sort.endsWith('openedAt') ? last.opened_at : (last.last_occurred_at ?? last.opened_at)).toISOString(),
              last.case_id,
            )
          : null,
    };
  }
}

/** A row of the page, as PostgreSQL gives it (timestamps as Date, JSON columns parsed). */
interface CaseloadRow {
  case_id: string;
  child: { givenName: string; familyName: string; dateOfBirth?: string; expectedDateOfBirth?: string };
  area: string;
  team: string;
  status: string;
  level: string | null;
  level_since: Date | null;
  allocated_worker: { id: string; name: string } | null;
  lead_professional: { name: string; agency: string } | null;
  overdue_items: number;
  opened_at: Date;
  last_occurred_at: Date | null;
}

function toEntry(row: CaseloadRow): CaseloadEntry {
  const lead = row.lead_professional;
  return {
    caseId: row.case_id,
    child: {
      givenName: row.child.givenName,
      familyName: row.child.familyName,
      dateOfBirth: row.child.dateOfBirth ?? row.child.expectedDateOfBirth ?? null,
    },
    area: row.area,
    team: row.team,
    status: row.status,
    level: row.level,
    levelSince: row.level_since?.toISOString() ?? null,
    allocatedWorker: row.allocated_worker,
    leadProfessional: lead ? { name: lead.name, agency: lead.agency } : null,
    overdueItems: row.overdue_items,
    openedAt: row.opened_at.toISOString(),
    lastActivity: (row.last_occurred_at ?? row.opened_at).toISOString(),
  };
}
