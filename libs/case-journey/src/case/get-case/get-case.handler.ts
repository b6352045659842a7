import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { NotFound } from '../../domain/domain-error';
import type { LevelOfNeed } from '../../domain/levels-of-need';
import { familyEpisodeList, FamilyEpisodes, ruleActionsOf } from './case-summary';
import { CaseSummaryView, GetCaseQuery, OutstandingAction } from './get-case.query';

const NO_FAMILY_EPISODES: FamilyEpisodes = { earlyHelpAssessment: null, team: null, keepInTouchSince: null, professionalUserIds: [] };

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseSummaryView> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ caseId, now }: GetCaseQuery): Promise<CaseSummaryView> {
    const [row] = await this.dataSource.query(
      `select c.*, f.early_help from case_summaries c left join family_summaries f on f.family_id = c.family_id where c.case_id = $1`,
      [caseId],
    );
    if (!row) throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
    // The case's own items and its family's (TAF reviews) that are neither done nor cancelled.
    const items: { rule: string; brag: string | null; label: string; due_at: Date }[] = await this.dataSource.query(
      `select rule, brag, label, due_at from timeliness_items
        where (case_id = $1 or (case_id is null and family_id = $2)) and done_at is null and cancelled_at is null
        order by due_at`,
      [caseId, row.family_id],
    );
    const family: FamilyEpisodes = row.early_help ?? NO_FAMILY_EPISODES;
    const outstandingActions: OutstandingAction[] = [
      ...ruleActionsOf(row.status, row.level, family).map((action) => ({ ...action, dueAt: null, overdue: false })),
      ...items.map((item) => ({
        rule: item.rule,
        action: item.brag ? `${item.label}: ${item.brag.toUpperCase()}` : item.label,
        dueAt: item.due_at.toISOString(),
        overdue: item.due_at.getTime() < now.getTime(),
      })),
    ];
    return {
      caseId: row.case_id,
      familyId: row.family_id,
      area: row.area,
      team: row.team,
      allocatedWorker: row.allocated_worker,
      status: row.status,
      level: row.level as LevelOfNeed | null,
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
