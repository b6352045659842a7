import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

export type RecordChildVisit = Command<
  'RecordChildVisit',
  {
    caseId: string;
    /** Whether the child was seen (Annex A: date the child was last seen). */
    seen: boolean;
    /** Whether the child was seen alone; only when seen. */
    seenAlone?: boolean;
    /** A statutory visit to a child on a child protection plan (Annex A list 7). */
    statutory: boolean;
    notes?: string;
  }
>;

/** A visit to the child, when it happened (occurredAt): seen or not, alone or not, statutory or not. */
export type ChildVisited = DomainEvent<
  'ChildVisited',
  { seen: boolean; seenAlone: boolean | null; statutory: boolean; notes: string | null }
>;

/**
 * R45: a visit records whether the child was seen, and alone only if seen; a statutory visit is
 * to a child on a child protection plan (Working Together: visits under the plan).
 */
export function decideRecordChildVisit(command: RecordChildVisit, state: CaseState): ChildVisited[] {
  const { seen, seenAlone, statutory, notes } = command.data;
  if (!seen && seenAlone !== undefined) {
    throw new RuleViolation(
      'R45',
      'VISIT.ALONE_UNSEEN',
      'A child who was not seen cannot have been seen alone',
      'Leave seenAlone out when the child was not seen',
    );
  }
  if (statutory && !state.childProtectionPlan) {
    throw new RuleViolation(
      'R45',
      'VISIT.NO_PLAN',
      'A statutory visit is to a child on a child protection plan, and the child has none',
      'Record it as a visit that is not statutory',
    );
  }
  return [
    {
      type: 'ChildVisited',
      schemaVersion: 1,
      data: { seen, seenAlone: seen ? (seenAlone ?? null) : null, statutory, notes: notes ?? null },
    },
  ];
}
