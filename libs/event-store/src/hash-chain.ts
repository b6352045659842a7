import { createHash } from 'node:crypto';
import type { EventMetadata, NewEvent, RecordedEvent } from './event-store.port';

/**
 * Tamper evidence: each event's hash covers its content and the previous event's hash in the same
 * stream, so changing any recorded event (even by a database superuser) breaks every later link.
 * Both adapters and the verifier use these functions, so they agree byte for byte.
 */

/**
 * JSON with object keys sorted at every level: the same value always gives the same text.
 * Written as loops over sorted keys because every appended event is hashed through it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++)
      text += (i === 0 ? '' : ',') + canonicalJson(value[i] === undefined ? null : value[i]);
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined) continue;
    text += (text.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item);
  }
  return `${text}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The content of an event, without its place in the chain. */
export function contentHash(event: {
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Omit<EventMetadata, 'hash' | 'previousHash'>;
}): string {
  const { hash: _hash, previousHash: _previous, ...metadata } = event.metadata as EventMetadata;
  return sha256(canonicalJson({ type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata }));
}

/** The link: previous hash, the event's place and id, and its content. Mirrored in the PostgreSQL append statement. */
export function chainHash(
  previousHash: string | null,
  streamId: string,
  revision: bigint,
  eventId: string,
  content: string,
): string {
  return sha256(`${previousHash ?? ''}|${streamId}|${revision}|${eventId}|${content}`);
}

export function contentHashOfNew(event: NewEvent, recordedAt: string): string {
  return contentHash({
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: { ...event.metadata, recordedAt },
  });
}

export interface BrokenLink {
  streamId: string;
  revision: string;
  position: string;
  eventId: string;
  problem: 'content_changed' | 'chain_broken' | 'hash_missing';
  detail: string;
}

/**
 * Checks events in the order they were recorded, any number of streams at once (readAll order
 * keeps each stream in revision order); remembers the first broken link of each stream.
 */
export class ChainVerifier {
  private readonly lastHash = new Map<string, string | null>();
  private readonly broken = new Map<string, BrokenLink>();
  eventsChecked = 0;

  check(event: RecordedEvent): BrokenLink | null {
    this.eventsChecked++;
    if (this.broken.has(event.streamId)) return null; // report only the first break of a stream
    const previous = this.lastHash.get(event.streamId) ?? null;
    const link = {
      streamId: event.streamId,
      revision: event.revision.toString(),
      position: event.position.toString(),
      eventId: event.id,
    };
    const { hash, previousHash } = event.metadata;
    let problem: BrokenLink | null = null;
    if (!hash) {
      problem = { ...link, problem: 'hash_missing', detail: 'The event carries no hash' };
    } else if ((previousHash ?? null) !== previous) {
      problem = {
        ...link,
        problem: 'chain_broken',
        detail: `It names ${previousHash ?? 'no'} previous hash, but the event before it hashes to ${previous ?? 'nothing'}`,
      };
    } else if (chainHash(previous, event.streamId, event.revision, event.id, contentHash(event)) !== hash) {
      problem = {
        ...link,
        problem: 'content_changed',
        detail: 'Its content no longer matches the hash recorded with it',
      };
    }
    if (problem) {
      this.broken.set(event.streamId, problem);
      return problem;
    }
    this.lastHash.set(event.streamId, hash!);
    return null;
  }

  get streamsChecked(): number {
    return this.lastHash.size + [...this.broken.keys()].filter((stream) => !this.lastHash.has(stream)).length;
  }

  get brokenLinks(): BrokenLink[] {
    return [...this.broken.values()];
  }
}

/** Recomputes one stream's chain, oldest first; returns the first broken link, if any. */
export function verifyStream(events: RecordedEvent[]): BrokenLink | null {
  const verifier = new ChainVerifier();
  for (const event of events) verifier.check(event);
  return verifier.brokenLinks[0] ?? null;
}
