import type { DataSource } from 'typeorm';
import { canonicalJson, EventStore } from '@windscreen/event-store';
import type { EventEnvelope } from '../../domain/decider';
import { evolveFamily, FamilyEvent, FamilyState, initialFamilyState } from '../../family/family.decider';
import type { CaseEvent } from '../case.events';
import { CaseState, evolveCase, initialCaseState } from '../case.state';
import { caseEpisodesOf, consentsOf, familyEpisodesOf, openEscalationsOf } from '../get-case/case-summary';

export interface Difference {
  stream: string;
  field: string;
  fromEvents: unknown;
  inReadModel: unknown;
}

export interface ConsistencyReport {
  eventsReplayed: number;
  casesChecked: number;
  familiesChecked: number;
  differences: Difference[];
}

/**
 * Folds every stream of the event log with the aggregates' own `evolve` and compares the result
 * with the case and family read models, field by field: proof that the read models say what the
 * events say. Read models must have caught up with the log first.
 */
export async function checkReadModelConsistency(
  store: EventStore,
  dataSource: DataSource,
  onProgress: (eventsReplayed: number) => void = () => undefined,
): Promise<ConsistencyReport> {
  const cases = new Map<string, CaseState>();
  const families = new Map<string, FamilyState>();
  let eventsReplayed = 0;
  for (let position = 0n; ; ) {
    const events = await store.readAll({ fromPosition: position, limit: 5000 });
    if (events.length === 0) break;
    for (const event of events) {
      const id = event.streamId.slice(event.streamId.indexOf('-') + 1);
      const envelope = { type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: event.metadata };
      if (event.streamId.startsWith('case-')) {
        cases.set(id, evolveCase(cases.get(id) ?? initialCaseState(), envelope as unknown as EventEnvelope<CaseEvent>));
      } else if (event.streamId.startsWith('family-')) {
        families.set(id, evolveFamily(families.get(id) ?? initialFamilyState(), envelope as unknown as EventEnvelope<FamilyEvent>));
      }
      eventsReplayed++;
    }
    position = events[events.length - 1].position;
    onProgress(eventsReplayed);
  }

  const differences: Difference[] = [];
  const compare = (stream: string, field: string, fromEvents: unknown, inReadModel: unknown) => {
    if (canonicalJson(fromEvents ?? null) !== canonicalJson(inReadModel ?? null)) differences.push({ stream, field, fromEvents, inReadModel });
  };

  const caseRows: Record<string, unknown>[] = await dataSource.query(
    `select case_id, status, level, level_since, team, area, allocated_worker_id, open_episodes, consents, open_escalations from case_summaries`,
  );
  const caseRowsById = new Map(caseRows.map((row) => [row.case_id as string, row]));
  for (const [caseId, state] of cases) {
    const stream = `case-${caseId}`;
    const row = caseRowsById.get(caseId);
    if (!row) {
      differences.push({ stream, field: '(row)', fromEvents: 'a case', inReadModel: 'missing' });
      continue;
    }
    compare(stream, 'status', state.status, row.status);
    compare(stream, 'level', state.level, row.level);
    compare(stream, 'levelSince', state.levelSince && Date.parse(state.levelSince), row.level_since && (row.level_since as Date).getTime());
    compare(stream, 'team', state.team ?? '', row.team);
    compare(stream, 'area', state.area, row.area);
    compare(stream, 'allocatedWorker', state.allocatedWorker?.id ?? null, row.allocated_worker_id);
    compare(stream, 'openEpisodes', caseEpisodesOf(state), row.open_episodes);
    compare(stream, 'consents', consentsOf(state), row.consents);
    compare(stream, 'openEscalations', openEscalationsOf(state), row.open_escalations);
  }
  for (const caseId of caseRowsById.keys()) {
    if (!cases.has(caseId)) differences.push({ stream: `case-${caseId}`, field: '(row)', fromEvents: 'no events', inReadModel: 'a case' });
  }

  const familyRows: { family_id: string; early_help: unknown; professional_user_ids: string[] }[] = await dataSource.query(
    `select family_id, early_help, professional_user_ids from family_summaries`,
  );
  const familyRowsById = new Map(familyRows.map((row) => [row.family_id, row]));
  for (const [familyId, state] of families) {
    const stream = `family-${familyId}`;
    const row = familyRowsById.get(familyId);
    if (!row) {
      differences.push({ stream, field: '(row)', fromEvents: 'a family', inReadModel: 'missing' });
      continue;
    }
    const { professionalUserIds, ...earlyHelp } = familyEpisodesOf(state);
    compare(stream, 'earlyHelp', earlyHelp, row.early_help);
    compare(stream, 'professionalUserIds', professionalUserIds, row.professional_user_ids);
  }
  return { eventsReplayed, casesChecked: cases.size, familiesChecked: families.size, differences };
}
