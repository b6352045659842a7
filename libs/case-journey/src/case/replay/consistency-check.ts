import type { DataSource } from 'typeorm';
import { canonicalJson, EventStore } from '@windscreen/event-store';
import { streamName } from '../../domain/stream-name';
import { decode } from '../../events/decode';
import { evolveFamily, FamilyState, initialFamilyState } from '../../family/family.decider';
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
  for (let position = 0n; ;) {
    const events = await store.readAll({ fromPosition: position, limit: 5000 });
    if (events.length === 0) break;
    for (const stored of events) {
      const decoded = decode(stored);
      if (decoded?.kind === 'case')
        cases.set(
          decoded.id,
          evolveCase(cases.get(decoded.id) ?? initialCaseState(), { ...decoded.event, id: undefined }),
        );
      else if (decoded?.kind === 'family')
        families.set(decoded.id, evolveFamily(families.get(decoded.id) ?? initialFamilyState(), decoded.event));
      eventsReplayed++;
    }
    position = events[events.length - 1].position;
    onProgress(eventsReplayed);
  }

  const differences: Difference[] = [];
  const compare = (stream: string, field: string, fromEvents: unknown, inReadModel: unknown) => {
    if (canonicalJson(fromEvents ?? null) !== canonicalJson(inReadModel ?? null))
      differences.push({ stream, field, fromEvents, inReadModel });
  };

  const caseRows: Record<string, unknown>[] = await dataSource.query(
    `select case_id, status, level, level_since, team, area, allocated_worker_id, open_episodes, consents, open_escalations from case_summaries`,
  );
  const caseRowsById = new Map(caseRows.map((row) => [row.case_id as string, row]));
  for (const [caseId, state] of cases) {
    const stream = streamName.case(caseId);
    const row = caseRowsById.get(caseId);
    if (!row) {
      differences.push({ stream, field: '(row)', fromEvents: 'a case', inReadModel: 'missing' });
      continue;
    }
    compare(stream, 'status', state.status, row.status);
    compare(stream, 'level', state.level, row.level);
    compare(
      stream,
      'levelSince',
      state.levelSince && Date.parse(state.levelSince),
      row.level_since && (row.level_since as Date).getTime(),
    );
    compare(stream, 'team', state.team ?? '', row.team);
    compare(stream, 'area', state.area, row.area);
    compare(stream, 'allocatedWorker', state.allocatedWorker?.id ?? null, row.allocated_worker_id);
    compare(stream, 'openEpisodes', caseEpisodesOf(state), row.open_episodes);
    compare(stream, 'consents', consentsOf(state), row.consents);
    compare(stream, 'openEscalations', openEscalationsOf(state), row.open_escalations);
  }
  for (const caseId of caseRowsById.keys()) {
    if (!cases.has(caseId))
      differences.push({
        stream: streamName.case(caseId),
        field: '(row)',
        fromEvents: 'no events',
        inReadModel: 'a case',
      });
  }

  const familyRows: { family_id: string; early_help: unknown; professional_user_ids: string[] }[] =
    await dataSource.query(`select family_id, early_help, professional_user_ids from family_summaries`);
  const familyRowsById = new Map(familyRows.map((row) => [row.family_id, row]));
  for (const [familyId, state] of families) {
    const stream = streamName.family(familyId);
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
