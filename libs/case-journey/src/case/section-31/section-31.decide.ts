import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

/** The steps of care proceedings: the local authority applies; only the court decides. */
export const CARE_ORDER_STEPS = ['applied', 'granted', 'refused', 'discharged'] as const;
export type CareOrderStep = (typeof CARE_ORDER_STEPS)[number];

export type RecordCareOrderStep = Command<
  'RecordCareOrderStep',
  { caseId: string; step: CareOrderStep; courtReference: string; notes?: string }
>;
export type CareOrderStepRecorded = DomainEvent<
  'CareOrderStepRecorded',
  { step: CareOrderStep; courtReference: string; notes: string | null }
>;

const ALLOWED_AFTER: Record<CareOrderStep, (CareOrderStep | null)[]> = {
  applied: [null, 'refused', 'discharged'],
  granted: ['applied'],
  refused: ['applied'],
  discharged: ['granted'],
};

/** R18: every step names its court reference; granted, refused and discharged follow the court’s order. */
export function decideRecordCareOrderStep(command: RecordCareOrderStep, state: CaseState): CareOrderStepRecorded[] {
  const { step, courtReference, notes } = command.data;
  if (!courtReference.trim()) {
    throw new RuleViolation(
      'R18',
      'S31.NO_COURT_REFERENCE',
      'Only the court makes or discharges a care order: give the court reference',
    );
  }
  const current = state.careOrder?.step ?? null;
  if (!ALLOWED_AFTER[step].includes(current)) {
    throw new RuleViolation(
      'R18',
      'S31.OUT_OF_ORDER',
      current
        ? `A care order cannot be ${step} after it was ${current}`
        : `There is no application for a care order to be ${step}`,
      'The local authority applies; the court then grants or refuses; only a granted order is discharged',
    );
  }
  return [{ type: 'CareOrderStepRecorded', schemaVersion: 1, data: { step, courtReference, notes: notes ?? null } }];
}
