import { ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the writer expected: someone else wrote first. */
export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENCY';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** null when the stream does not exist. */
    readonly actual: bigint | null,
  ) {
    super(
      `Stream ${streamId} was expected at ${describe(expected)} but is at ${actual === null ? 'no stream' : `revision ${actual}`}`,
    );
    this.name = 'ConcurrencyError';
  }
}

/** An event id was appended before: the same write was already made. */
export class DuplicateEventError extends Error {
  readonly code = 'DUPLICATE_EVENT';
  constructor(readonly eventId: string) {
    super(`Event ${eventId} has already been recorded`);
    this.name = 'DuplicateEventError';
  }
}

export function describe(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? `revision ${expected}` : expected.replace('_', ' ');
}
