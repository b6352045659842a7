import type { RecordedEvent } from '@windscreen/event-store';
import { LEVEL_LABELS } from '../../domain/levels-of-need';
import { caseAggregate } from '../../events/aggregates';
import { decodeCaseEvent } from '../../events/decode';
import { describeEvent } from '../chronology/describe-event';
import { caseEpisodesOf, consentsOf } from '../get-case/case-summary';

/** One decision of a case's history, with what the case looked like after it. */
export interface DecisionStep {
  number: number;
  type: string;
  schemaVersion: number;
  revision: string;
  description: string;
  occurredAt: string;
  recordedAt: string;
  /** Recorded more than a minute after it happened. */
  recordedLate: boolean;
  by: { id: string; name: string; role: string; agency?: string; team?: string };
  after: { status: string; level: string; openEpisodes: string[]; consents: string[] };
}

/** Folds the events in the order given, noting the state after each (for the replay CLI and the auditors' page). */
export function decisionSteps(events: RecordedEvent[]): DecisionStep[] {
  let state = caseAggregate.initialState();
  return events.map(decodeCaseEvent).map((event, index) => {
    state = caseAggregate.evolve(state, event);
    const { actor, occurredAt, recordedAt } = event.metadata;
    return {
      number: index + 1,
      type: event.type,
      schemaVersion: event.schemaVersion,
      revision: String(event.revision),
      description: describeEvent(event),
      occurredAt,
      recordedAt,
      recordedLate: Date.parse(recordedAt) - Date.parse(occurredAt) > 60_000,
      by: actor,
      after: {
        status: state.status,
        level: state.level ? LEVEL_LABELS[state.level] : 'not assessed',
        openEpisodes: caseEpisodesOf(state).map((episode) => episode.kind),
        consents: Object.entries(consentsOf(state)).map(([scope, consent]) => `${scope} ${consent.decision}`),
      },
    };
  });
}
