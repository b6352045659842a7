import type { CaseOrFamilyEvent } from '../../events/decode';
import { evolveFamily, FamilyState, initialFamilyState } from '../../family/family.decider';
import { CaseState, evolveCase, initialCaseState } from '../case.state';
import { timelinessChanges, TimelinessItem } from '../timeliness/timeliness-items';

/** A case as the summary projection carries it from one batch to the next. */
export interface CaseSummaryRecord {
  caseId: string;
  openedAt: string;
  lastOccurredAt: string;
  revision: string;
  position: string;
  /** The case folded by the aggregate's own `evolve`, without the correction index (R22). */
  state: CaseState;
}

export interface FamilySummaryRecord {
  familyId: string;
  position: string;
  state: FamilyState;
}

export type PositionedItem = TimelinessItem & { position: string };

/** What a batch's events need from the read models: the cases, families and open items they touch. */
export interface CaseSummaryFacts {
  cases: ReadonlyMap<string, CaseSummaryRecord>;
  families: ReadonlyMap<string, FamilySummaryRecord>;
  /** Items by owner: a case's own under its id, a family's (TAF reviews) under the family's. */
  items: ReadonlyMap<string, readonly TimelinessItem[]>;
}

/** What a batch changes: each case, family and item as it is after the batch. */
export interface CaseSummaryChanges {
  cases: CaseSummaryRecord[];
  families: FamilySummaryRecord[];
  items: PositionedItem[];
}

/** The case and family ids a batch touches: what its facts are loaded for. */
export function caseSummarySubjects(events: readonly CaseOrFamilyEvent[]): { caseIds: string[]; familyIds: string[] } {
  const caseIds = new Set<string>();
  const familyIds = new Set<string>();
  for (const event of events) (event.kind === 'case' ? caseIds : familyIds).add(event.id);
  return { caseIds: [...caseIds], familyIds: [...familyIds] };
}

/**
 * The case summaries' fold: events in log order over the facts loaded for them, to the rows they
 * change. Pure: the same events over the same facts give the same rows, wherever a batch begins.
 */
export function foldCaseSummaries(events: readonly CaseOrFamilyEvent[], facts: CaseSummaryFacts): CaseSummaryChanges {
  const cases = new Map(facts.cases);
  const families = new Map(facts.families);
  const items = new Map([...facts.items].map(([owner, list]) => [owner, [...list]]));
  const changedItems = new Map<string, PositionedItem>();
  const touchedCases = new Set<string>();
  const touchedFamilies = new Set<string>();

  for (const { kind, id, event } of events) {
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
  return {
    cases: [...touchedCases].map((id) => cases.get(id)!),
    families: [...touchedFamilies].map((id) => families.get(id)!),
    items: [...changedItems.values()],
  };
}

const later = (a: string | undefined, b: string): string => (a && Date.parse(a) > Date.parse(b) ? a : b);
