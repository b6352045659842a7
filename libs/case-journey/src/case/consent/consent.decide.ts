import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

export const CONSENT_SCOPES = [
  'early_help',
  'csc_referral',
  'information_sharing',
  'section_17',
  'section_20',
] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const CONSENT_GIVERS = ['parent_carer', 'person_with_parental_responsibility', 'young_person'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];
export const CONSENT_DECISIONS = ['given', 'refused', 'withdrawn'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export interface ConsentRecord {
  scope: ConsentScope;
  givenBy: ConsentGiver;
  gillickCompetent: boolean;
  decision: ConsentDecision;
  notes?: string;
}

export type RecordConsent = Command<'RecordConsent', { caseId: string } & ConsentRecord>;
export type ConsentRecorded = DomainEvent<'ConsentRecorded', ConsentRecord>;

/** The rule each scope's consent serves, cited when a young person's consent is not valid. */
const RULE_BY_SCOPE: Record<ConsentScope, string> = {
  early_help: 'R1',
  csc_referral: 'R7',
  information_sharing: 'R19',
  section_17: 'R15',
  section_20: 'R17',
};

/** Consent in force from when it is recorded; a withdrawal takes effect from then on. */
export function decideRecordConsent(command: RecordConsent, state: CaseState): ConsentRecorded[] {
  const { caseId: _caseId, ...record } = command.data;
  if (record.givenBy === 'young_person' && !record.gillickCompetent && record.scope !== 'section_20') {
    throw new RuleViolation(
      RULE_BY_SCOPE[record.scope],
      'CONSENT.YOUNG_PERSON_NOT_COMPETENT',
      'A young person can decide on their own consent only when they are Gillick/Fraser competent',
      'Record the competence assessment (gillickCompetent: true), or record the parent or carer’s decision',
    );
  }
  if (record.decision === 'withdrawn' && state.consents[record.scope]?.decision !== 'given') {
    throw new RuleViolation(
      RULE_BY_SCOPE[record.scope],
      'CONSENT.NOTHING_TO_WITHDRAW',
      `There is no ${record.scope.replace(/_/g, ' ')} consent in force to withdraw`,
      'Record a refusal instead',
    );
  }
  return [{ type: 'ConsentRecorded', schemaVersion: 1, data: record }];
}
