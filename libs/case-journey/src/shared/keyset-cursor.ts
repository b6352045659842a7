/**
 * An opaque page cursor: the sort value and id of the last row seen, so the next page starts
 * strictly after it whatever is written meanwhile.
 */
export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

/** The cursor's parts, or null when it is not one of ours. */
export function decodeCursor(cursor: string): [string, string] | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === 2 && parts.every((part) => typeof part === 'string')) return parts as [string, string];
  } catch {
    // fall through: not a cursor
  }
  return null;
}
