import type { EventMetadata, RecordedEvent } from '@windscreen/event-store';
import type { CaseEvent } from '../case/case.events';
import type { ChildEvent } from '../child/child.decider';
import type { EventEnvelope } from '../domain/decider';
import { StreamKind, streamName } from '../domain/stream-name';
import type { FamilyEvent } from '../family/family.decider';
import { CASE_EVENT_VERSIONS, CHILD_EVENT_VERSIONS, FAMILY_EVENT_VERSIONS } from './event-versions';
import { Upcaster, UPCASTERS } from './upcasters';

/** A stored event of a known type, at the current version of its schema. */
export type Decoded<E extends CaseEvent | FamilyEvent | ChildEvent> = E & {
  id: string;
  streamId: string;
  revision: bigint;
  position: bigint;
  metadata: EventMetadata;
} & EventEnvelope<E>;

/** A stored event of a case, family or child stream, with the stream it belongs to. */
export type DecodedEvent =
  | { kind: 'case'; id: string; event: Decoded<CaseEvent> }
  | { kind: 'family'; id: string; event: Decoded<FamilyEvent> }
  | { kind: 'child'; id: string; event: Decoded<ChildEvent> };

/** An event of a case's or a family's stream: what the case journey's read models fold (children have their own). */
export type CaseOrFamilyEvent = Exclude<DecodedEvent, { kind: 'child' }>;

export function isCaseOrFamilyEvent(decoded: DecodedEvent | undefined): decoded is CaseOrFamilyEvent {
  return decoded !== undefined && decoded.kind !== 'child';
}

/** A stored event that this version of the system cannot read: unknown type, a version from the future, a missing upcaster. */
export class UndecodableEvent extends Error {
  constructor(stored: Pick<RecordedEvent, 'id' | 'streamId' | 'type' | 'schemaVersion'>, why: string) {
    super(
      `Event ${stored.id} (${stored.type} v${stored.schemaVersion} in ${stored.streamId}) cannot be decoded: ${why}`,
    );
    this.name = 'UndecodableEvent';
  }
}

type Versions = Readonly<Record<string, number>>;

/**
 * The one way from stored events to typed ones: checks the type against the stream's event union,
 * and upcasts older versions to the current schema. An event already current is handed on as
 * stored (no copy); an upcast one is a new object, the stored one is never changed.
 */
export class EventDecoder {
  private readonly upcasters = new Map<string, Upcaster>();
  private readonly versions: Record<StreamKind, Versions>;

  constructor(upcasters: readonly Upcaster[], versions: { case: Versions; family: Versions; child: Versions }) {
    for (const upcaster of upcasters) {
      const key = `${upcaster.type}@${upcaster.fromVersion}`;
      if (this.upcasters.has(key)) throw new Error(`Two upcasters read ${key}`);
      this.upcasters.set(key, upcaster);
    }
    this.versions = versions;
  }

  /** A stored event of a case, family or child stream, typed; undefined for any other stream. */
  decode(stored: RecordedEvent): DecodedEvent | undefined {
    const stream = streamName.parse(stored.streamId);
    if (!stream) return undefined;
    if (stream.kind === 'case') return { kind: 'case', id: stream.id, event: this.decodeAs<CaseEvent>('case', stored) };
    if (stream.kind === 'child')
      return { kind: 'child', id: stream.id, event: this.decodeAs<ChildEvent>('child', stored) };
    return { kind: 'family', id: stream.id, event: this.decodeAs<FamilyEvent>('family', stored) };
  }

  decodeCaseEvent(stored: RecordedEvent): Decoded<CaseEvent> {
    return this.decodeAs<CaseEvent>('case', stored);
  }

  decodeFamilyEvent(stored: RecordedEvent): Decoded<FamilyEvent> {
    return this.decodeAs<FamilyEvent>('family', stored);
  }

  decodeChildEvent(stored: RecordedEvent): Decoded<ChildEvent> {
    return this.decodeAs<ChildEvent>('child', stored);
  }

  private decodeAs<E extends CaseEvent | FamilyEvent | ChildEvent>(
    kind: StreamKind,
    stored: RecordedEvent,
  ): Decoded<E> {
    const current = this.versions[kind][stored.type];
    if (current === undefined) throw new UndecodableEvent(stored, `not an event of a ${kind} stream`);
    if (stored.schemaVersion > current)
      throw new UndecodableEvent(stored, `written at a newer version than this system reads (v${current})`);
    if (stored.schemaVersion === current) return stored as unknown as Decoded<E>;
    let data = stored.data;
    for (let version = stored.schemaVersion; version < current; version++) {
      const upcaster = this.upcasters.get(`${stored.type}@${version}`);
      if (!upcaster) throw new UndecodableEvent(stored, `no upcaster from v${version}`);
      data = upcaster.upcast(data, stored);
    }
    return { ...stored, schemaVersion: current, data } as unknown as Decoded<E>;
  }
}

const decoder = new EventDecoder(UPCASTERS, {
  case: CASE_EVENT_VERSIONS,
  family: FAMILY_EVENT_VERSIONS,
  child: CHILD_EVENT_VERSIONS,
});

/** Typed, current-version events from stored ones: see EventDecoder. */
export const decode = (stored: RecordedEvent): DecodedEvent | undefined => decoder.decode(stored);
export const decodeCaseEvent = (stored: RecordedEvent): Decoded<CaseEvent> => decoder.decodeCaseEvent(stored);
export const decodeFamilyEvent = (stored: RecordedEvent): Decoded<FamilyEvent> => decoder.decodeFamilyEvent(stored);
export const decodeChildEvent = (stored: RecordedEvent): Decoded<ChildEvent> => decoder.decodeChildEvent(stored);
