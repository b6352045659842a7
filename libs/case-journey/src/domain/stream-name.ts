/**
 * Stream names, built and read in one place. A case's events live in `case-<caseId>`, a family's
 * in `family-<familyId>`, a child's in `child-<childId>`; nothing else should spell those prefixes out.
 */
export type StreamKind = 'case' | 'family' | 'child';

export interface ParsedStreamName {
  kind: StreamKind;
  id: string;
}

const KINDS: readonly StreamKind[] = ['case', 'family', 'child'];

export const streamName = {
  case: (caseId: string): string => `case-${caseId}`,
  family: (familyId: string): string => `family-${familyId}`,
  child: (childId: string): string => `child-${childId}`,
  /** The kind and id of a stream name, or undefined for a stream that is not a case's, a family's or a child's. */
  parse(name: string): ParsedStreamName | undefined {
    const dash = name.indexOf('-');
    if (dash <= 0) return undefined;
    const kind = name.slice(0, dash) as StreamKind;
    const id = name.slice(dash + 1);
    return KINDS.includes(kind) && id.length > 0 ? { kind, id } : undefined;
  },
};
