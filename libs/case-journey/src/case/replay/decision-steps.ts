import type { RecordedEvent } from '@windscreen/event-store';
import type { EventEnvelope } from '../../domain/decider';
import { LEVEL_LABELS, LevelOfNeed } from '../../domain/levels-of-need';
import { caseDecider } from '../case.decider';
import type { CaseEvent } from '../case.events';
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
  let state = caseDecider.initialState();
  return events.map((event, index) => {
    state = caseDecider.evolve(state, event as unknown as EventEnvelope<CaseEvent>);
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
        level: state.level ? LEVEL_LABELS[state.level as LevelOfNeed] : 'not assessed',
        openEpisodes: caseEpisodesOf(state).map((episode) => episode.kind),
        consents: Object.entries(consentsOf(state)).map(([scope, consent]) => `${scope} ${consent.decision}`),
      },
    };
  });
}
