import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@windscreen/event-store';
import { ColumnSpec, Projection, upsertRows } from '@windscreen/projections';
import { decode, DecodedEvent } from '../../events/decode';
import { evolveFamily, FamilyState, initialFamilyState } from '../../family/family.decider';
import { CaseState, evolveCase, initialCaseState } from '../case.state';
import { timelinessChanges, TimelinessItem } from '../timeliness/timeliness-items';
import { caseEpisodesOf, consentsOf, familyEpisodesOf, openEscalationsOf } from './case-summary';

interface CaseRecord {
  caseId: string;
  openedAt: string;
  lastOccurredAt: string;
  revision: string;
  position: string;
  state: CaseState;
}

interface FamilyRecord {
  familyId: string;
  position: string;
  state: FamilyState;
}

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
  { name: 'state', type: 'jsonb' },
  { name: 'revision', type: 'bigint' },
  { name: 'position', type: 'bigint' },
];

const FAMILY_COLUMNS: ColumnSpec[] = [
  { name: 'family_id', type: 'uuid' },
  { name: 'area', type: 'text' },
  { name: 'early_help', type: 'jsonb' },
  { name: 'professional_user_ids', type: 'text[]' },
  { name: 'state', type: 'jsonb' },
  { name: 'position', type: 'bigint' },
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
 * (timeliness_items, and their daily counts kept by triggers). Case and family rows keep the
 * state folded by the aggregates' own `evolve`, so the read model cannot drift from what the
 * deciders see. Each batch loads the rows it touches once and writes them back in one statement
 * per table.
 */
@Injectable()
export class CaseSummaryProjection implements Projection {
  readonly name = 'case_summaries';
  readonly tables = ['case_summaries', 'family_summaries', 'timeliness_items', 'timeliness_daily'];

  async apply(events: RecordedEvent[], manager: EntityManager): Promise<void> {
    // A child's stream has no part in these tables: the children projection keeps it.
    const decoded = events.map(decode).filter((event) => event !== undefined && event.kind !== 'child') as Exclude<DecodedEvent, { kind: 'child' }>[];
    const caseIds = unique(decoded.filter((event) => event.kind === 'case').map((event) => event.id));
    const familyIds = unique(decoded.filter((event) => event.kind === 'family').map((event) => event.id));
    if (caseIds.length === 0 && familyIds.length === 0) return;
    const cases = await loadCases(manager, caseIds);
    const families = await loadFamilies(manager, familyIds);
    const items = await loadItems(manager, caseIds, familyIds);
    const changedItems = new Map<string, TimelinessItem & { position: string }>();
    const touchedCases = new Set<string>();
    const touchedFamilies = new Set<string>();

    for (const { kind, id, event } of decoded) {
      const at = { revision: event.revision, occurredAt: event.metadata.occurredAt };
      let subject;
      if (kind === 'case') {
        const before = cases.get(id);
        // Folded without the event id: the summary has no use for the correction index (R22).
        const state = evolveCase(before?.state ?? initialCaseState(), { ...event, id: undefined });
        cases.set(id, {
          caseId: id,
          openedAt: before?.openedAt ?? event.metadata.occurredAt,
          lastOccurredAt: later(before?.lastOccurredAt, event.metadata.occurredAt),
          revision: event.revision.toString(),
          position: event.position.toString(),
          state,
        });
        touchedCases.add(id);
        subject = { caseId: id, familyId: state.familyId!, area: state.area ?? '', team: state.team ?? '' };
      } else {
        const state = evolveFamily(families.get(id)?.state ?? initialFamilyState(), event);
        families.set(id, { familyId: id, position: event.position.toString(), state });
        touchedFamilies.add(id);
        subject = { caseId: null, familyId: id, area: state.area ?? '', team: event.metadata.actor.team ?? '' };
      }
      const own = items.get(id) ?? [];
      for (const changed of timelinessChanges(event, at, subject, own)) {
        const index = own.findIndex((item) => item.itemId === changed.itemId);
        if (index >= 0) own[index] = changed;
        else own.push(changed);
        changedItems.set(changed.itemId, { ...changed, position: event.position.toString() });
      }
      items.set(id, own);
    }

    await upsertRows(manager, 'case_summaries', 'case_id', CASE_COLUMNS, [...touchedCases].map((id) => caseRow(cases.get(id)!)));
    await upsertRows(manager, 'family_summaries', 'family_id', FAMILY_COLUMNS, [...touchedFamilies].map((id) => familyRow(families.get(id)!)));
    await upsertRows(manager, 'timeliness_items', 'item_id', ITEM_COLUMNS, [...changedItems.values()].map(itemRow));
  }
}

function caseRow({ caseId, openedAt, lastOccurredAt, revision, position, state }: CaseRecord): Record<string, unknown> {
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
    state,
    revision,
    position,
  };
}

function familyRow({ familyId, position, state }: FamilyRecord): Record<string, unknown> {
  const { professionalUserIds, ...earlyHelp } = familyEpisodesOf(state);
  return { family_id: familyId, area: state.area ?? '', early_help: earlyHelp, professional_user_ids: professionalUserIds, state, position };
}

function itemRow(item: TimelinessItem & { position: string }): Record<string, unknown> {
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

async function loadCases(manager: EntityManager, caseIds: string[]): Promise<Map<string, CaseRecord>> {
  const found = new Map<string, CaseRecord>();
  if (caseIds.length === 0) return found;
  const rows: { case_id: string; opened_at: Date; last_occurred_at: Date | null; revision: string; position: string; state: CaseState }[] = await manager.query(
    `select case_id, opened_at, last_occurred_at, revision, position, state from case_summaries where case_id = any($1::uuid[])`,
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

async function loadFamilies(manager: EntityManager, familyIds: string[]): Promise<Map<string, FamilyRecord>> {
  const found = new Map<string, FamilyRecord>();
  if (familyIds.length === 0) return found;
  const rows: { family_id: string; position: string; state: FamilyState }[] = await manager.query(
    `select family_id, position, state from family_summaries where family_id = any($1::uuid[])`,
    [familyIds],
  );
  for (const row of rows) found.set(row.family_id, { familyId: row.family_id, position: row.position, state: row.state });
  return found;
}

/** Items by owner: a case's own items under its id, a family's (TAF reviews) under the family's. */
async function loadItems(manager: EntityManager, caseIds: string[], familyIds: string[]): Promise<Map<string, TimelinessItem[]>> {
  const found = new Map<string, TimelinessItem[]>();
  const rows: Record<string, string | Date | null>[] = await manager.query(
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

const unique = (values: string[]): string[] => [...new Set(values)];
const later = (a: string | undefined, b: string): string => (a && Date.parse(a) > Date.parse(b) ? a : b);
