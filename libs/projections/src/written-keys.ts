/**
 * What a rebuild knows of a projection's tables, emptied when it began: the keys (case ids, family
 * ids, child ids...) of the rows its batches have written since. A key not among them has no row
 * yet, so a batch need not look it up: most of what a rebuild's batches touch is new, and those
 * lookups were a large part of its time. Kept only while this process is the only writer: once
 * another runner has applied a batch, what is stored is no longer known, and every key may be.
 * Recording a key whose transaction then failed is harmless (it is only looked up again).
 */
export class WrittenKeys {
  /** For a runner that does not know what is stored (live): every key may be. */
  static readonly UNKNOWN = new WrittenKeys(false);

  private readonly written = new Map<string, Set<string>>();

  private constructor(private known: boolean) {}

  /** A rebuild's, for tables just emptied. */
  static sinceEmptied(): WrittenKeys {
    return new WrittenKeys(true);
  }

  /** Of `keys`, those that may have a row: the ones written, or all of them when that is not known. */
  mayBeStored(kind: string, keys: Iterable<string>): string[] {
    if (!this.known) return [...keys];
    const written = this.written.get(kind);
    return written ? [...keys].filter((key) => written.has(key)) : [];
  }

  /** Rows of `kind` with these keys were written (null and undefined are skipped). */
  record(kind: string, keys: Iterable<string | null | undefined>): void {
    if (!this.known) return;
    let written = this.written.get(kind);
    if (!written) this.written.set(kind, (written = new Set()));
    for (const key of keys) if (key !== null && key !== undefined) written.add(key);
  }

  /** Another runner wrote to the tables: from now on, every key may be stored. */
  forget(): void {
    this.known = false;
    this.written.clear();
  }
}
