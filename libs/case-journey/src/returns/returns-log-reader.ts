import type { EventStore } from '@windscreen/event-store';
import { decode } from '../events/decode';
import { RETURN_EVENT_TYPES, ReturnsRecord } from './returns-record';

/** Events read from the log at a time: a page, so the log itself is never held in memory. */
export const RETURNS_PAGE_SIZE = 10_000;

const RETURN_TYPE_LIST = [...RETURN_EVENT_TYPES];

/** How long a return waits for writes still committing when it is asked for, before it refuses. */
const VISIBLE_LOG_WAIT_MS = 10_000;

/** The log's end is held back by a write still in progress: a return now would miss what was recorded before it was asked. */
export class LogNotYetReadable extends Error {}

/**
 * The record as it was known at `asOf`: every event the store had recorded by then (recordedAt
 * <= asOf), read from the log in pages in commit order and folded as it is read. An event
 * recorded later, even about an earlier day, is not part of what was known.
 */
export async function readReturnsRecord(
  store: EventStore,
  asOf: string,
  onPage?: (eventsRead: number) => void,
): Promise<ReturnsRecord> {
  // Positions are visible in commit order: wait for writes that began earlier to finish, so nothing
  // recorded before the request is left out.
  if (!(await store.waitUntilAllCommittedAreVisible(VISIBLE_LOG_WAIT_MS))) {
    throw new LogNotYetReadable(`The event log is still being written; try again in a moment`);
  }
  const record = new ReturnsRecord();
  const knownBy = Date.parse(asOf);
  let read = 0;
  for (let from = 0n; ;) {
    // Only the kinds of event the returns fold are sent: the rest of the log stays at the server.
    const page = await store.readAll({ fromPosition: from, limit: RETURNS_PAGE_SIZE, types: RETURN_TYPE_LIST });
    if (page.length === 0) break;
    for (const stored of page) {
      if (Date.parse(stored.metadata.recordedAt) > knownBy) continue;
      const decoded = decode(stored);
      if (decoded) record.apply(decoded);
    }
    read += page.length;
    onPage?.(read);
    from = page[page.length - 1].position;
  }
  return record;
}
