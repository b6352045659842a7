import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '@windscreen/database';
import { NotFound } from '../../domain/domain-error';
import type { LevelOfNeed } from '../../domain/levels-of-need';
import { familyEpisodeList, FamilyEpisodes, ruleActionsOf } from './case-summary';
import { CaseSummaryView, GetCaseQuery, OutstandingAction } from './get-case.query';

const NO_FAMILY_EPISODES: FamilyEpisodes = {
  earlyHelpAssessment: null,
  team: null,
  keepInTouchSince: null,
  professionalUserIds: [],
};

/** The summary row with its family's early help and its open items, as PostgreSQL gives it. */
interface CaseSummaryRow {
  case_id: string;
  family_id: string;
  area: string;
  team: string;
  status: CaseSummaryView['status'];
  level: LevelOfNeed | null;
  level_since: Date | null;
  level_set_by: CaseSummaryView['levelSetBy'];
  child: CaseSummaryView['child'];
  opened_at: Date;
  closed_at: Date | null;
  allocated_worker: CaseSummaryView['allocatedWorker'];
  open_episodes: CaseSummaryView['openEpisodes'];
  consents: CaseSummaryView['consents'];
  open_escalations: CaseSummaryView['openEscalations'];
  revision: string;
  position: string;
  early_help: FamilyEpisodes | null;
  items: { rule: string; brag: string | null; label: string; dueAt: string }[];
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseSummaryView> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ caseId, now }: GetCaseQuery): Promise<CaseSummaryView> {
    // One round trip: the summary's columns, its family's early help, and the case's own items and
    // its family's (TAF reviews) that are neither done nor cancelled, soonest first. A named
    // statement: planned once per connection, not on every read.
    const {
      rows: [row],
    } = await this.pool.query<CaseSummaryRow>({
      name: 'windscreen_get_case',
      text: `select c.case_id, c.family_id, c.area, c.team, c.status, c.level, c.level_since, c.level_set_by, c.child, c.opened_at,
              c.closed_at, c.allocated_worker, c.open_episodes, c.consents, c.open_escalations, c.revision, c.position, f.early_help,
              coalesce((select json_agg(json_build_object('rule', i.rule, 'brag', i.brag, 'label', i.label, 'dueAt', i.due_at) order by i.due_at)
                          from timeliness_items i
                         where (i.case_id = c.case_id or (i.case_id is null and i.family_id = c.family_id))
                           and i.done_at is null and i.cancelled_at is null), '[]'::json) as items
         from case_summaries c left join family_summaries f on f.family_id = c.family_id
        where c.case_id = $1`,
      values: [caseId],
    });
    if (!row) throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
    const items = row.items;
    const family: FamilyEpisodes = row.early_help ?? NO_FAMILY_EPISODES;
    const outstandingActions: OutstandingAction[] = [
      ...ruleActionsOf(row.status, row.level, family).map((action) => ({ ...action, dueAt: null, overdue: false })),
      ...items.map((item) => {
        const dueAt = new Date(item.dueAt);
        return {
          rule: item.rule,
          action: item.brag ? `${item.label}: ${item.brag.toUpperCase()}` : item.label,
          dueAt: dueAt.toISOString(),
          overdue: dueAt.getTime() < now.getTime(),
        };
      }),
    ];
    return {
      caseId: row.case_id,
      familyId: row.family_id,
      area: row.area,
      team: row.team,
      allocatedWorker: row.allocated_worker,
      status: row.status,
      level: row.level,
      levelSince: row.level_since?.toISOString() ?? null,
      levelSetBy: row.level_set_by,
      child: row.child,
      openedAt: row.opened_at.toISOString(),
      closedAt: row.closed_at?.toISOString() ?? null,
      openEpisodes: [...familyEpisodeList(family), ...row.open_episodes],
      consents: row.consents,
      openEscalations: row.open_escalations,
      outstandingActions,
      revision: row.revision,
      position: row.position,
    };
  }
}
