import { Injectable } from '@nestjs/common';
import type { SqlTransaction } from '@windscreen/database';
import type { RecordedEvent } from '@windscreen/event-store';
import { ColumnSpec, Projection, upsertRows, WrittenKeys } from '@windscreen/projections';
import { decode, isCaseOrFamilyEvent } from '../../events/decode';
import type { FamilyState } from '../../family/family.decider';
import type { CaseState } from '../case.state';
import type { TimelinessItem } from '../timeliness/timeliness-items';
import {
  CaseSummaryFacts,
  caseSummarySubjects,
  CaseSummaryRecord,
  FamilySummaryRecord,
  foldCaseSummaries,
  PositionedItem,
} from './case-summary.fold';
import { caseEpisodesOf, consentsOf, familyEpisodesOf, openEscalationsOf } from './case-summary';

const CASE_COLUMNS: ColumnSpec[] = [
  { name: 'case_id', type: 'uuid' },
  { name: 'family_id', type: 'uuid' },
  { name: 'area', type: 'text' },
  { name: 'team', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'level', type: 'text' },
  { name: 'level_since', type: 'timestamptz' },
  { name: 'level_set_by', type: 'jsonb' },
  { name: 'child', type: 'jsonb' },
  { name: 'opened_at', type: 'timestamptz' },
  { name: 'closed_at', type: 'timestamptz' },
  { name: 'allocated_worker', type: 'jsonb' },
  { name: 'allocated_worker_id', type: 'text' },
  { name: 'open_episodes', type: 'jsonb' },
  { name: 'consents', type: 'jsonb' },
  { name: 'open_escalations', type: 'jsonb' },
  { name: 'last_occurred_at', type: 'timestamptz' },
  { name: 'revision', type: 'bigint' },
  { name: 'position', type: 'bigint' },
];

const FOLD_COLUMNS: ColumnSpec[] = [
  { name: 'case_id', type: 'uuid' },
  { name: 'state', type: 'jsonb' },
];

const FAMILY_COLUMNS: ColumnSpec[] = [
  { name: 'family_id', type: 'uuid' },
  { name: 'area', type: 'text' },
  { name: 'early_help', type: 'jsonb' },
  { name: 'professional_user_ids', type: 'text[]' },
  { name: 'position', type: 'bigint' },
];

const FAMILY_FOLD_COLUMNS: ColumnSpec[] = [
  { name: 'family_id', type: 'uuid' },
  { name: 'state', type: 'jsonb' },
];

const ITEM_COLUMNS: ColumnSpec[] = [
  { name: 'item_id', type: 'text' },
  { name: 'case_id', type: 'uuid' },
  { name: 'family_id', type: 'uuid' },
  { name: 'rule', type: 'text' },
  { name: 'brag', type: 'text' },
  { name: 'label', type: 'text' },
  { name: 'area', type: 'text' },
  { name: 'team', type: 'text' },
  { name: 'started_at', type: 'timestamptz' },
  { name: 'due_at', type: 'timestamptz' },
  { name: 'done_at', type: 'timestamptz' },
  { name: 'cancelled_at', type: 'timestamptz' },
  { name: 'position', type: 'bigint' },
];

/**
 * What a case worker sees first: each case's level, open episodes, consents and escalations
 * (case_summaries), its family's early help (family_summaries) and every item with a timescale
 * (timeliness_items, and their daily counts kept by triggers). The fold (`foldCaseSummaries`)
 * uses the aggregates' own `evolve`, so the read model cannot drift from what the deciders see;
 * the folded states are kept apart (case_summary_folds, family_summary_folds), for the next
 * batch only, and the summaries hold the columns their reads serve. Each batch loads the rows it touches once and
 * writes each table in one statement.
 */
@Injectable()
export class CaseSummaryProjection implements Projection {
  readonly name = 'case_summaries';
  readonly tables = [
    'case_summaries',
    'case_summary_folds',
    'family_summaries',
    'family_summary_folds',
    'timeliness_items',
    'timeliness_daily',
  ];
  // A batch looks summaries up by id, and timeliness items by case and family (those two kept).
  readonly readIndexes = [
    'case_summaries_level_idx',
    'case_summaries_caseload_idx',
    'case_summaries_activity_idx',
    'case_summaries_family_idx',
    'case_summaries_filter_idx',
    'case_summaries_team_idx',
    'case_summaries_worker_idx',
    'family_summaries_professionals_idx',
    'timeliness_items_open_case_idx',
    'timeliness_items_open_family_idx',
    'timeliness_items_report_idx',
    'timeliness_items_open_idx',
  ];

  async apply(events: RecordedEvent[], sql: SqlTransaction, written: WrittenKeys): Promise<void> {
    // A child's stream has no part in these tables: the children projection keeps it.
    const decoded = events.map(decode).filter(isCaseOrFamilyEvent);
    const { caseIds, familyIds } = caseSummarySubjects(decoded);
    if (caseIds.length === 0 && familyIds.length === 0) return;
    const storedCases = written.mayBeStored('case', caseIds);
    const storedFamilies = written.mayBeStored('family', familyIds);
    const facts: CaseSummaryFacts = {
      cases: await loadCases(sql, storedCases),
      families: await loadFamilies(sql, storedFamilies),
      items: await loadItems(sql, storedCases, storedFamilies),
    };
    const changes = foldCaseSummaries(decoded, facts);
    await upsertRows(sql, 'case_summaries', 'case_id', CASE_COLUMNS, changes.cases.map(caseRow));
    await upsertRows(
      sql,
      'case_summary_folds',
      'case_id',
      FOLD_COLUMNS,
      changes.cases.map(({ caseId, state }) => ({ case_id: caseId, state })),
    );
    await upsertRows(sql, 'family_summaries', 'family_id', FAMILY_COLUMNS, changes.families.map(familyRow));
    await upsertRows(
      sql,
      'family_summary_folds',
      'family_id',
      FAMILY_FOLD_COLUMNS,
      changes.families.map(({ familyId, state }) => ({ family_id: familyId, state })),
    );
    await upsertRows(sql, 'timeliness_items', 'item_id', ITEM_COLUMNS, changes.items.map(itemRow));
    // An item is looked up by its case, or by its family when it has no case.
    written.record('case', [...changes.cases.map((row) => row.caseId), ...changes.items.map((item) => item.caseId)]);
    written.record('family', [
      ...changes.families.map((row) => row.familyId),
      ...changes.items.map((item) => item.familyId),
    ]);
  }
}

function caseRow({
  caseId,
  openedAt,
  lastOccurredAt,
  revision,
  position,
  state,
}: CaseSummaryRecord): Record<string, unknown> {
  return {
    case_id: caseId,
    family_id: state.familyId,
    area: state.area,
    team: state.team ?? '',
    status: state.status,
    level: state.level,
    level_since: state.levelSince,
    level_set_by: state.levelSetBy,
    child: state.child,
    opened_at: openedAt,
    closed_at: state.closedAt,
    allocated_worker: state.allocatedWorker,
    allocated_worker_id: state.allocatedWorker?.id ?? null,
    open_episodes: caseEpisodesOf(state),
    consents: consentsOf(state),
    open_escalations: openEscalationsOf(state),
    last_occurred_at: lastOccurredAt,
    revision,
    position,
  };
}

function familyRow({ familyId, position, state }: FamilySummaryRecord): Record<string, unknown> {
  const { professionalUserIds, ...earlyHelp } = familyEpisodesOf(state);
  return {
    family_id: familyId,
    area: state.area ?? '',
    early_help: earlyHelp,
    professional_user_ids: professionalUserIds,
    position,
  };
}

function itemRow(item: PositionedItem): Record<string, unknown> {
  return {
    item_id: item.itemId,
    case_id: item.caseId,
    family_id: item.familyId,
    rule: item.rule,
    brag: item.brag,
    label: item.label,
    area: item.area,
    team: item.team,
    started_at: item.startedAt,
    due_at: item.dueAt,
    done_at: item.doneAt,
    cancelled_at: item.cancelledAt,
    position: item.position,
  };
}

async function loadCases(sql: SqlTransaction, caseIds: string[]): Promise<Map<string, CaseSummaryRecord>> {
  const found = new Map<string, CaseSummaryRecord>();
  if (caseIds.length === 0) return found;
  const { rows } = await sql.query<{
    case_id: string;
    opened_at: Date;
    last_occurred_at: Date | null;
    revision: string;
    position: string;
    state: CaseState;
  }>(
    `select c.case_id, c.opened_at, c.last_occurred_at, c.revision, c.position, f.state
       from case_summaries c join case_summary_folds f on f.case_id = c.case_id
      where c.case_id = any($1::uuid[])`,
    [caseIds],
  );
  for (const row of rows) {
    found.set(row.case_id, {
      caseId: row.case_id,
      openedAt: row.opened_at.toISOString(),
      lastOccurredAt: row.last_occurred_at?.toISOString() ?? row.opened_at.toISOString(),
      revision: row.revision,
      position: row.position,
      state: row.state,
    });
  }
  return found;
}

async function loadFamilies(sql: SqlTransaction, familyIds: string[]): Promise<Map<string, FamilySummaryRecord>> {
  const found = new Map<string, FamilySummaryRecord>();
  if (familyIds.length === 0) return found;
  const { rows } = await sql.query<{ family_id: string; position: string; state: FamilyState }>(
    `select s.family_id, s.position, f.state
       from family_summaries s join family_summary_folds f on f.family_id = s.family_id
      where s.family_id = any($1::uuid[])`,
    [familyIds],
  );
  for (const row of rows)
    found.set(row.family_id, { familyId: row.family_id, position: row.position, state: row.state });
  return found;
}

/** Items by owner: a case's own items under its id, a family's (TAF reviews) under the family's. */
async function loadItems(
  sql: SqlTransaction,
  caseIds: string[],
  familyIds: string[],
): Promise<Map<string, TimelinessItem[]>> {
  const found = new Map<string, TimelinessItem[]>();
  if (caseIds.length === 0 && familyIds.length === 0) return found;
  const { rows } = await sql.query<Record<string, string | Date | null>>(
    `select * from timeliness_items
      where case_id = any($1::uuid[]) or (case_id is null and family_id = any($2::uuid[]))`,
    [caseIds, familyIds],
  );
  const iso = (value: string | Date | null) => (value instanceof Date ? value.toISOString() : value);
  for (const row of rows) {
    const owner = (row.case_id ?? row.family_id) as string;
    const list = found.get(owner) ?? [];
    list.push({
      itemId: row.item_id as string,
      caseId: row.case_id as string | null,
      familyId: row.family_id as string,
      rule: row.rule as TimelinessItem['rule'],
      brag: row.brag as string | null,
      label: row.label as string,
      area: row.area as string,
      team: row.team as string,
      startedAt: iso(row.started_at)!,
      dueAt: iso(row.due_at)!,
      doneAt: iso(row.done_at),
      cancelledAt: iso(row.cancelled_at),
    });
    found.set(owner, list);
  }
  return found;
}
