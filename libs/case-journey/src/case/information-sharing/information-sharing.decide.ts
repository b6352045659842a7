import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

export const SHARING_DECISIONS = ['share', 'not_share'] as const;
export type SharingDecision = (typeof SHARING_DECISIONS)[number];
export const SHARING_BASES = ['consent', 'without_consent'] as const;
export type SharingBasis = (typeof SHARING_BASES)[number];
/** Lawful bases for sharing without consent (golden rules 4-6). */
export const LAWFUL_BASES_WITHOUT_CONSENT = [
  'risk_of_significant_harm',
  'prevention_or_detection_of_crime',
  'vital_interests',
  'public_task',
  'legal_obligation',
] as const;
export type LawfulBasisWithoutConsent = (typeof LAWFUL_BASES_WITHOUT_CONSENT)[number];

export interface Recipient {
  agency: string;
  role?: string;
  name?: string;
}

export interface InformationSharingDecision {
  decision: SharingDecision;
  /** What was (or would have been) shared. */
  information: string;
  recipients: Recipient[];
  purpose: string;
  basis: SharingBasis;
  consentSought: boolean;
  consentAnswer?: 'given' | 'refused';
  /** Without consent: the lawful basis and the judgement that overrode consent or did not seek it. */
  lawfulBasis?: LawfulBasisWithoutConsent;
  judgement?: string;
  /** A Gillick competent young person objected to sharing with their parents. */
  youngPersonObjection?: { overridden: boolean; why: string };
  reasons: string;
}

export type RecordInformationSharingDecision = Command<'RecordInformationSharingDecision', { caseId: string } & InformationSharingDecision>;
export type InformationSharingDecisionRecorded = DomainEvent<
  'InformationSharingDecisionRecorded',
  InformationSharingDecision & { consentInForce: 'given' | 'refused' | 'withdrawn' | null }
>;

/**
 * R19 (golden rule 7): every decision to share or not is recorded with its reasons; a share says
 * what, with whom, why and on what basis; sharing without consent names its lawful basis and the
 * judgement behind it.
 */
export function decideRecordInformationSharingDecision(
  command: RecordInformationSharingDecision,
  state: CaseState,
): InformationSharingDecisionRecorded[] {
  const { caseId: _caseId, ...decision } = command.data;
  const consentInForce = state.consents.information_sharing?.decision ?? null;
  if (decision.decision === 'share') {
    if (decision.basis === 'consent' && consentInForce !== 'given' && decision.consentAnswer !== 'given') {
      throw new RuleViolation(
        'R19',
        'SHARING.NO_CONSENT',
        'Sharing on the basis of consent needs consent: none is in force and none was given when sought',
        'Record the consent, or share without consent on a lawful basis with the judgement that justifies it',
      );
    }
    if (decision.basis === 'without_consent' && (!decision.lawfulBasis || !decision.judgement?.trim())) {
      throw new RuleViolation(
        'R19',
        'SHARING.NO_LAWFUL_BASIS',
        'Sharing without consent needs its lawful basis and the judgement that overrode consent or did not seek it',
        'Give lawfulBasis and judgement',
      );
    }
    if (decision.youngPersonObjection?.overridden && decision.lawfulBasis !== 'risk_of_significant_harm') {
      throw new RuleViolation(
        'R19',
        'SHARING.OBJECTION_OVERRIDDEN',
        'A Gillick competent young person’s objection to sharing with their parents may be overridden only where not sharing would result in significant harm',
        'Respect the objection, or record lawfulBasis risk_of_significant_harm with the judgement',
      );
    }
  }
  if (decision.consentSought && !decision.consentAnswer) {
    throw new RuleViolation('R19', 'SHARING.CONSENT_ANSWER_MISSING', 'Consent was sought: record the answer', 'Add consentAnswer');
  }
  return [{ type: 'InformationSharingDecisionRecorded', schemaVersion: 1, data: { ...decision, consentInForce } }];
}
