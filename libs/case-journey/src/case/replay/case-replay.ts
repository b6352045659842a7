import { Injectable } from '@nestjs/common';
import { EventStore, RecordedEvent } from '@windscreen/event-store';
import { NotFound } from '../../domain/domain-error';
import { streamName } from '../../domain/stream-name';
import { caseAggregate } from '../../events/aggregates';
import type { CaseState } from '../case.state';

/** Which moment to look back at, and in which sense. */
export interface PointInTime {
  /** What the system knew then: events recorded up to this moment. */
  asOf?: string;
  /** What had happened by then: events that occurred up to this moment, including ones recorded later. */
  asOccurredBy?: string;
}

export interface Replay {
  events: RecordedEvent[];
  state: CaseState;
}

/**
 * Rebuilds a case from its own stream, not from any read model: for auditors looking back at what
 * was known (asOf) or what was true (asOccurredBy) at a moment.
 */
@Injectable()
export class CaseReplay {
  constructor(private readonly store: EventStore) {}

  async replay(caseId: string, at: PointInTime = {}): Promise<Replay> {
    const all = await this.store.readStream(streamName.case(caseId));
    if (all.length === 0) throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
    const events = selectAt(all, at);
    if (events.length === 0) throw new NotFound('CASE.NOT_YET_KNOWN', `Case ${caseId} had not been recorded by then`);
    const state = events.reduce(
      (current, event) => caseAggregate.evolve(current, caseAggregate.decode(event)),
      caseAggregate.initialState(),
    );
    return { events, state };
  }
}

export function selectAt(events: RecordedEvent[], { asOf, asOccurredBy }: PointInTime): RecordedEvent[] {
  let selected = events;
  if (asOf) selected = selected.filter((event) => Date.parse(event.metadata.recordedAt) <= Date.parse(asOf));
  if (asOccurredBy) {
    // Late entries count from when they happened: fold in the order things happened.
    selected = selected
      .filter((event) => Date.parse(event.metadata.occurredAt) <= Date.parse(asOccurredBy))
      .sort(
        (a, b) =>
          Date.parse(a.metadata.occurredAt) - Date.parse(b.metadata.occurredAt) || Number(a.revision - b.revision),
      );
  }
  return selected;
}
