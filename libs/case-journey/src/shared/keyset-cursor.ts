/**
 * An opaque page cursor: the sort value and id of the last row seen, so the next page starts
 * strictly after it whatever is written meanwhile.
 */
export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

/** A moment as the lists write it in their cursors, in the years a record can have. */
const CURSOR_INSTANT = /^(19\d\d|20\d\d|2100)-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
/** A row id that is a uuid (a case's). */
export const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The cursor's parts (a moment and an id), or null when it is not one of ours: an edited cursor is
 * refused here, as a 400 naming it, rather than reaching the database.
 */
export function decodeCursor(cursor: string, id: RegExp = UUID_ID): [string, string] | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === 2 &&
      typeof parts[0] === 'string' &&
      typeof parts[1] === 'string' &&
      CURSOR_INSTANT.test(parts[0]) &&
      !Number.isNaN(Date.parse(parts[0])) &&
      id.test(parts[1])
    ) {
      return parts as [string, string];
    }
  } catch {
    // fall through: not a cursor
  }
  return null;
}
