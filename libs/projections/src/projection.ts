import type { SqlTransaction } from '@windscreen/database';
import type { RecordedEvent } from '@windscreen/event-store';
import type { WrittenKeys } from './written-keys';

/**
 * A read model kept up to date from the event log. `apply` runs inside the runner's transaction,
 * the same one that moves the checkpoint, so each event's effect lands exactly once. The events
 * are shared with the other projections that read the same stretch of the log: read, never changed.
 */
export interface Projection {
  readonly name: string;
  /** Tables this projection owns; a rebuild empties them and replays from position 0. */
  readonly tables: readonly string[];
  /**
   * Indexes on those tables that only the read side uses (never `apply`'s own lookups): a rebuild
   * drops them while it replays and builds each once at the end.
   */
  readonly readIndexes?: readonly string[];
  /**
   * `written`: the keys of the rows written since the tables were emptied, when a rebuild knows
   * them (a key not among them needs no lookup); else `WrittenKeys.UNKNOWN`. What a batch writes,
   * it records there.
   */
  apply(events: RecordedEvent[], sql: SqlTransaction, written: WrittenKeys): Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
