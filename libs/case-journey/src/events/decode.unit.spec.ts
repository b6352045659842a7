import type { RecordedEvent } from '@windscreen/event-store';
import { streamName } from '../domain/stream-name';
import { decode, decodeCaseEvent, EventDecoder, UndecodableEvent } from './decode';
import { CASE_EVENT_VERSIONS, CHILD_EVENT_VERSIONS, FAMILY_EVENT_VERSIONS } from './event-versions';

const CASE_ID = '6f0c2a1e-8b7d-4c39-9a51-0d2f5e7c1b34';
const FAMILY_ID = '0b8e4d6a-2c1f-4e7a-b953-7d1c0a2e9f68';

function stored(overrides: Partial<RecordedEvent>): RecordedEvent {
  return {
    id: '3c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    streamId: streamName.case(CASE_ID),
    revision: 3n,
    position: 42n,
    type: 'CaseClosed',
    schemaVersion: 1,
    data: { reason: 'RC8', summary: 'Assessment completed, no further action' },
    metadata: {
      actor: { id: 'u1', name: 'Alice Smith', role: 'case_worker', agency: 'Early Help', team: 'north' },
      occurredAt: '2026-03-02T09:15:00.000Z',
      recordedAt: '2026-03-02T09:16:00.000Z',
      correlationId: 'c1',
      causationId: 'c1',
    },
    ...overrides,
  };
}

describe('streamName', () => {
  it('builds and parses case and family stream names', () => {
    expect(streamName.parse(streamName.case(CASE_ID))).toEqual({ kind: 'case', id: CASE_ID });
    expect(streamName.parse(streamName.family(FAMILY_ID))).toEqual({ kind: 'family', id: FAMILY_ID });
  });

  it('builds and parses child stream names', () => {
    expect(streamName.child(CASE_ID)).toBe(`child-${CASE_ID}`);
    expect(streamName.parse(streamName.child(CASE_ID))).toEqual({ kind: 'child', id: CASE_ID });
  });

  it.each(['orders-1', 'case', 'case-', '-case', 'casefile-1', 'child-', 'children-1', ''])(
    'does not read %p as a case, family or child stream',
    (name) => {
      expect(streamName.parse(name)).toBeUndefined();
    },
  );
});

describe('decode', () => {
  it('Given a current case event, when decoded, then it is typed with its case id and is the stored object itself', () => {
    const event = stored({});
    const decoded = decode(event);
    expect(decoded).toEqual({ kind: 'case', id: CASE_ID, event });
    expect(decoded?.event).toBe(event);
  });

  it('Given a family event, when decoded, then it is a family event with the family id', () => {
    const event = stored({
      streamId: streamName.family(FAMILY_ID),
      type: 'KeepInTouchEnded',
      data: { reason: 'moved away' },
    });
    expect(decode(event)).toMatchObject({ kind: 'family', id: FAMILY_ID, event: { type: 'KeepInTouchEnded' } });
  });

  it('Given an event of another kind of stream, when decoded, then it is left aside', () => {
    expect(decode(stored({ streamId: 'checkpoint-1' }))).toBeUndefined();
  });

  it('Given a family event type in a case stream, when decoded, then it is refused as undecodable', () => {
    expect(() => decodeCaseEvent(stored({ type: 'FamilyRegistered' }))).toThrow(UndecodableEvent);
    expect(() => decode(stored({ type: 'NoSuchEvent' }))).toThrow(/not an event of a case stream/);
  });

  it('Given an event written at a newer version than this system knows, when decoded, then it is refused rather than misread', () => {
    expect(() => decode(stored({ schemaVersion: CASE_EVENT_VERSIONS.CaseClosed + 1 }))).toThrow(/newer version/);
  });
});

describe('upcasting', () => {
  // A decoder whose CaseClosed is at v3: v1 had `code`, v2 renamed it `reason`, v3 added `closedBy` from the metadata.
  const decoder = new EventDecoder(
    [
      {
        type: 'CaseClosed',
        fromVersion: 1,
        upcast: (data) => {
          const { code, ...rest } = data as { code: string };
          return { ...rest, reason: code };
        },
      },
      {
        type: 'CaseClosed',
        fromVersion: 2,
        upcast: (data, event) => ({ ...(data as object), closedBy: event.metadata.actor.name }),
      },
    ],
    { case: { ...CASE_EVENT_VERSIONS, CaseClosed: 3 }, family: FAMILY_EVENT_VERSIONS, child: CHILD_EVENT_VERSIONS },
  );

  it('Given a v1 event, when decoded, then each upcaster runs in turn up to the current version', () => {
    const event = stored({ data: { code: 'RC8', summary: 'done' } });
    const decoded = decoder.decodeCaseEvent(event);
    expect(decoded.schemaVersion).toBe(3);
    expect(decoded.data).toEqual({ reason: 'RC8', summary: 'done', closedBy: 'Alice Smith' });
  });

  it('Given a v1 event, when decoded, then the stored event is left as it was (R22)', () => {
    const event = stored({ data: { code: 'RC8', summary: 'done' } });
    decoder.decodeCaseEvent(event);
    expect(event).toMatchObject({ schemaVersion: 1, data: { code: 'RC8', summary: 'done' } });
  });

  it('Given a version with no upcaster, when decoded, then it is refused naming the missing step', () => {
    const gap = new EventDecoder([], {
      case: { ...CASE_EVENT_VERSIONS, CaseClosed: 2 },
      family: FAMILY_EVENT_VERSIONS,
      child: CHILD_EVENT_VERSIONS,
    });
    expect(() => gap.decodeCaseEvent(stored({}))).toThrow(/no upcaster from v1/);
  });

  it('Given two upcasters for the same type and version, when the decoder is made, then it is refused', () => {
    const twice = { type: 'CaseClosed' as const, fromVersion: 1, upcast: (data: unknown) => data };
    expect(
      () =>
        new EventDecoder([twice, twice], {
          case: CASE_EVENT_VERSIONS,
          family: FAMILY_EVENT_VERSIONS,
          child: CHILD_EVENT_VERSIONS,
        }),
    ).toThrow(/Two upcasters/);
  });
});
