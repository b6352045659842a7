import type { RecordedEvent } from '@windscreen/event-store';
import { caseAsOf, CaseAsOfView } from '../../case/get-case/case-as-of';
import { caseAggregate } from '../../events/aggregates';
import { Decoded, decodeCaseEvent } from '../../events/decode';
import type { CaseEvent } from '../../case/case.events';

export interface CaseAtDecision {
  /** The case as the decider knew it: its events recorded before the decision, as they were recorded then. */
  asKnown: CaseAsOfView | null;
  /** The same events with every correction of them applied, including corrections recorded after the decision (R22). */
  corrected: CaseAsOfView | null;
}

/** The child's case at the moment of a sharing decision, from its own stream, and the corrected view beside it. */
export function caseAtDecision(
  caseId: string,
  stream: RecordedEvent[],
  decision: { position: bigint; recordedAt: string },
): CaseAtDecision {
  const decoded = stream.map(decodeCaseEvent);
  const before = decoded.filter((event) => event.position < decision.position);
  if (before.length === 0) return { asKnown: null, corrected: null };
  const corrections = new Map<string, Record<string, unknown>>();
  for (const event of decoded) {
    if (event.type !== 'EntryCorrected') continue;
    corrections.set(event.data.correctsEventId, {
      ...corrections.get(event.data.correctsEventId),
      ...event.data.correctedValues,
    });
  }
  const correctedEvents = before.map((event) => {
    const corrected = corrections.get(event.id);
    return corrected ? ({ ...event, data: { ...event.data, ...corrected } } as typeof event) : event;
  });
  const view = (events: Decoded<CaseEvent>[]) =>
    caseAsOf(
      caseId,
      { asOf: decision.recordedAt },
      { events, state: events.reduce(caseAggregate.evolve, caseAggregate.initialState()) },
    );
  return { asKnown: view(before), corrected: view(correctedEvents) };
}
