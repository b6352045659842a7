import { createHash } from 'node:crypto';
import { canonicalJson } from '../hash-chain';
import type { RecordedEvent } from '../event-store.port';

/**
 * Tamper evidence over the whole log, beside each stream's own chain: a running hash over every
 * event in position order, and each stream's last event (revision, position, hash). A signed
 * checkpoint of these (see log-checkpoints.ts) fixes the log as it was; recomputing them from the
 * log later and comparing names what changed since.
 */

/** A stream's last event as a checkpoint saw it. */
export interface StreamHead {
  revision: string;
  position: string;
  hash: string;
}

/** What a checkpoint signs: small enough to keep as a receipt. */
export interface CheckpointStatement {
  format: 'windscreen-log-checkpoint/1';
  /** The last position covered: every event at or below it. */
  position: string;
  events: number;
  /** The running hash over every event covered, in position order. */
  logHash: string;
  streams: number;
  /** sha256 over every stream's head (stream, revision, position, hash), sorted by stream. */
  streamsHash: string;
  signedAt: string;
  /** sha256 of the public key that signed it (hex, first 16 characters). */
  keyId: string;
}

export type FindingKind =
  | 'recomputed_chain'
  | 'deleted_tail'
  | 'deleted_event'
  | 'inserted_event'
  | 'reordered_events'
  | 'checkpoint_record_altered';

/** One difference between the log now and a signed checkpoint of it. */
export interface CheckpointFinding {
  kind: FindingKind;
  streamId?: string;
  detail: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const EMPTY_LOG_HASH = sha256('windscreen-log');

export function streamsHashOf(heads: ReadonlyMap<string, StreamHead>): string {
  const sorted = [...heads.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(canonicalJson(sorted.map(([stream, head]) => [stream, head.revision, head.position, head.hash])));
}

/** The running hash and the stream heads of a log read in position order. */
export class LogDigest {
  logHash = EMPTY_LOG_HASH;
  events = 0;
  position = 0n;
  readonly heads = new Map<string, StreamHead>();

  /** Continues from a checkpoint's digest (its heads checked against its signed statement first). */
  static resume(statement: CheckpointStatement, heads: Record<string, StreamHead>): LogDigest {
    const digest = new LogDigest();
    digest.logHash = statement.logHash;
    digest.events = statement.events;
    digest.position = BigInt(statement.position);
    for (const [stream, head] of Object.entries(heads)) digest.heads.set(stream, head);
    return digest;
  }

  add(event: RecordedEvent): void {
    // The event's own chain hash stands for its content and its place in its stream.
    this.logHash = sha256(
      `${this.logHash}|${event.position}|${event.streamId}|${event.revision}|${event.metadata.hash ?? ''}`,
    );
    this.events++;
    this.position = event.position;
    this.heads.set(event.streamId, {
      revision: event.revision.toString(),
      position: event.position.toString(),
      hash: event.metadata.hash ?? '',
    });
  }

  statement(signedAt: string, keyId: string): CheckpointStatement {
    return {
      format: 'windscreen-log-checkpoint/1',
      position: this.position.toString(),
      events: this.events,
      logHash: this.logHash,
      streams: this.heads.size,
      streamsHash: streamsHashOf(this.heads),
      signedAt,
      keyId,
    };
  }
}

/**
 * What changed in one stream, given its head at the checkpoint and its head now (among the events
 * the checkpoint covers). A changed event rewrites the stream's chain from there on, so it shows
 * in the head: a different hash at the same place, fewer or more events.
 */
export function compareStreamHead(
  streamId: string,
  then: StreamHead,
  now: StreamHead | undefined,
): CheckpointFinding | undefined {
  if (!now) {
    return {
      kind: 'deleted_tail',
      streamId,
      detail: `Every event of the stream is gone; it reached revision ${then.revision} at the checkpoint`,
    };
  }
  const [revisionThen, revisionNow] = [BigInt(then.revision), BigInt(now.revision)];
  if (revisionNow < revisionThen) {
    return now.position === then.position
      ? {
          kind: 'deleted_event',
          streamId,
          detail: `The stream ends at the same event but at revision ${now.revision}, not ${then.revision}: an event was removed and the later ones renumbered`,
        }
      : {
          kind: 'deleted_tail',
          streamId,
          detail: `The stream reached revision ${then.revision} at the checkpoint; revisions after ${now.revision} are gone`,
        };
  }
  if (revisionNow > revisionThen) {
    return {
      kind: 'inserted_event',
      streamId,
      detail: `The stream holds revision ${now.revision} within the checkpoint's range, which ended at revision ${then.revision}`,
    };
  }
  if (now.hash !== then.hash) {
    return {
      kind: 'recomputed_chain',
      streamId,
      detail: `Revision ${then.revision} no longer hashes to what the checkpoint signed, though the stream's chain holds: an event at or before it was altered (or its events reordered) and the chain recomputed`,
    };
  }
  if (now.position !== then.position) {
    return {
      kind: 'reordered_events',
      streamId,
      detail: `Revision ${then.revision} is unchanged but has moved in the log, from position ${then.position} to ${now.position}`,
    };
  }
  return undefined;
}

/** A stream the checkpoint did not know, with events in the range it covered. */
export function streamInsertedBehind(streamId: string, now: StreamHead): CheckpointFinding {
  return {
    kind: 'inserted_event',
    streamId,
    detail: `The stream did not exist at the checkpoint, yet holds events within its range (up to revision ${now.revision})`,
  };
}

/** Every difference between the log as read now (up to the checkpoint's position) and the checkpoint. */
export function compareWithCheckpoint(
  statement: CheckpointStatement,
  heads: Record<string, StreamHead> | undefined,
  now: LogDigest,
): CheckpointFinding[] {
  const findings: CheckpointFinding[] = [];
  if (heads) {
    for (const [streamId, then] of Object.entries(heads)) {
      const finding = compareStreamHead(streamId, then, now.heads.get(streamId));
      if (finding) findings.push(finding);
    }
    for (const [streamId, head] of now.heads) {
      if (!(streamId in heads)) findings.push(streamInsertedBehind(streamId, head));
    }
  }
  const summaryDiffers =
    now.logHash !== statement.logHash ||
    now.events !== statement.events ||
    streamsHashOf(now.heads) !== statement.streamsHash;
  if (summaryDiffers && findings.length === 0) findings.push(summaryFinding(statement, now));
  return findings;
}

/** What the summary alone tells, when no stream's head names the change (or the heads are not at hand). */
function summaryFinding(statement: CheckpointStatement, now: LogDigest): CheckpointFinding {
  const range = `The checkpoint covered ${statement.events} events up to position ${statement.position}; the log now holds ${now.events} there`;
  if (now.events < statement.events) return { kind: 'deleted_event', detail: `${range}: events were removed` };
  if (now.events > statement.events) return { kind: 'inserted_event', detail: `${range}: events were inserted` };
  if (streamsHashOf(now.heads) !== statement.streamsHash) {
    return {
      kind: 'recomputed_chain',
      detail: `${range}, but streams no longer end as signed: events were altered and their chains recomputed, or moved in the log`,
    };
  }
  return {
    kind: 'reordered_events',
    detail:
      'Every stream ends where it did, but the log no longer hashes as signed: events were moved in the order of the log',
  };
}
