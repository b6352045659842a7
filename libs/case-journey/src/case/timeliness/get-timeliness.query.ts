import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { RequestValidationError } from '@windscreen/http';
import type { Actor } from '@windscreen/identity';
import { decodeCursor, encodeCursor } from '../../shared/keyset-cursor';

/** An item's id: its case's or family's id, its rule and the revision that set it. */
const ITEM_ID = /^[0-9a-f-]{36}:[\w-]{1,40}:\d{1,19}$/i;
import { CaseAccess } from '../access/case-access';
import type { TimelinessRequestDto } from './timeliness.request.dto';

export interface DueItem {
  itemId: string;
  rule: string;
  label: string;
  bragRating: string | null;
  caseId: string | null;
  familyId: string;
  child: { givenName: string; familyName: string } | null;
  area: string;
  team: string;
  startedAt: string;
  dueAt: string;
  overdue: boolean;
  /** Whole hours past due (negative: hours left). */
  hoursPastDue: number;
}

export interface DueItems {
  now: string;
  counts: { total: number; overdue: number; byRule: Record<string, { due: number; overdue: number }> };
  items: DueItem[];
  next: string | null;
}

/** An item as the statement gives it back (JSON: times are text). */
interface DueRow {
  item_id: string;
  rule: string;
  label: string;
  brag: string | null;
  case_id: string | null;
  family_id: string;
  area: string;
  team: string;
  started_at: string;
  due_at: string;
  overdue: boolean;
  child: { givenName: string; familyName: string } | null;
}

export class GetTimelinessQuery extends Query<DueItems> {
  constructor(
    readonly actor: Actor,
    readonly filters: TimelinessRequestDto,
    readonly now: Date = new Date(),
  ) {
    super();
  }
}

/**
 * Every item with a timescale that is still to do, soonest first: what is overdue now and what
 * falls due next, for the cases the actor may see. A family's item (a TAF review) shows when any
 * of its children's cases is visible.
 */
@QueryHandler(GetTimelinessQuery)
export class GetTimelinessHandler implements IQueryHandler<GetTimelinessQuery, DueItems> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ actor, filters, now }: GetTimelinessQuery): Promise<DueItems> {
    const params: unknown[] = [now.toISOString()];
    const conditions = ['i.done_at is null', 'i.cancelled_at is null'];
    const where = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    const visible = CaseAccess.visibleCases(actor, params);
    if (visible) {
      // A case's own item, or a family's item (a TAF review) seen through any of its children's cases.
      conditions.push(`(case when i.case_id is not null then i.case_id in (select case_id from visible)
                              else i.family_id in (select family_id from visible) end)`);
    }
    if (filters.rule) where('i.rule = ?', filters.rule);
    if (filters.area) where('i.area = ?', filters.area);
    if (filters.team) where('i.team = ?', filters.team);
    if (filters.worker)
      where('i.case_id in (select c.case_id from case_summaries c where c.allocated_worker_id = ?)', filters.worker);
    if (filters.state === 'overdue') conditions.push('i.due_at < $1::timestamptz');
    if (filters.state === 'due') conditions.push('i.due_at >= $1::timestamptz');
    let after = 'true';
    if (filters.cursor) {
      const cursor = decodeCursor(filters.cursor, ITEM_ID);
      if (!cursor)
        throw new RequestValidationError([{ field: 'cursor', reasons: ['cursor is not a page cursor of this list'] }]);
      params.push(cursor[0], cursor[1]);
      after = `(due_at, item_id) > ($${params.length - 1}::timestamptz, $${params.length})`;
    }
    const limit = filters.limit ?? 100;
    // One statement: the visible cases and the items due are worked out once for both the counts
    // and the page. Only the page's items are read in full.
    const [{ counts, items: rows }]: { counts: { rule: string; overdue: boolean; n: number }[]; items: DueRow[] }[] =
      await this.dataSource.query(
        `with ${visible ? `visible as materialized (${visible}),` : ''}
         due as materialized (select i.item_id, i.due_at, i.rule from timeliness_items i where ${conditions.join(' and ')}),
         page as (select item_id from due where ${after} order by due_at, item_id limit ${limit + 1})
         select (select coalesce(json_agg(counted), '[]')
                   from (select rule, due_at < $1::timestamptz as overdue, count(*)::int as n from due group by 1, 2) as counted) as counts,
                (select coalesce(json_agg(listed order by listed.due_at, listed.item_id), '[]')
                   from (select i.item_id, i.rule, i.label, i.brag, i.case_id, i.family_id, i.area, i.team, i.started_at, i.due_at,
                                i.due_at < $1::timestamptz as overdue,
                                (select c.child from case_summaries c where c.case_id = i.case_id) as child
                           from page join timeliness_items i using (item_id)) as listed) as items`,
        params,
      );
    const byRule: Record<string, { due: number; overdue: number }> = {};
    for (const row of counts) {
      const entry = (byRule[row.rule] ??= { due: 0, overdue: 0 });
      if (row.overdue) entry.overdue += row.n;
      else entry.due += row.n;
    }
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      now: now.toISOString(),
      counts: {
        total: counts.reduce((sum, row) => sum + row.n, 0),
        overdue: counts.filter((row) => row.overdue).reduce((sum, row) => sum + row.n, 0),
        byRule,
      },
      items: page.map((row) => ({
        itemId: row.item_id,
        rule: row.rule,
        label: row.label,
        bragRating: row.brag,
        caseId: row.case_id,
        familyId: row.family_id,
        child: row.child ? { givenName: row.child.givenName, familyName: row.child.familyName } : null,
        area: row.area,
        team: row.team,
        startedAt: new Date(row.started_at).toISOString(),
        dueAt: new Date(row.due_at).toISOString(),
        overdue: row.overdue,
        hoursPastDue: Math.trunc((now.getTime() - Date.parse(row.due_at)) / 3_600_000),
      })),
      next: rows.length > limit && last ? encodeCursor(new Date(last.due_at).toISOString(), last.item_id) : null,
    };
  }
}
