import type { RecordedEvent } from '@windscreen/event-store';
import type { EventType } from './event-versions';

/**
 * Reads the data of one stored event type at one schema version and returns it as the next
 * version records it. Stored events are never rewritten (R22): an event written before a schema
 * changed is brought up to date each time it is read, here and nowhere else.
 */
export interface Upcaster {
  type: EventType;
  /** The version this upcaster reads; it returns the data of version `fromVersion + 1`. */
  fromVersion: number;
  /** The stored event is given whole, so that an upcaster can take what it needs from its metadata. */
  upcast(data: unknown, stored: RecordedEvent): unknown;
}

/** Every upcaster of the system, each keyed by its type and the version it reads. */
export const UPCASTERS: readonly Upcaster[] = [];
