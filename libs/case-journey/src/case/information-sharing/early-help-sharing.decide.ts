import type { ConsentDecision, ConsentGiver, ConsentScope } from '../consent/consent.decide';
import type { CaseState } from '../case.state';
import { InformationSharingDecision, NOT_RECORDED, Recipient } from './information-sharing.decide';

/** Why an Early Help Assessment reached new people. */
export const EHA_SHARING_OCCASIONS = ['team_convened', 'team_member_joined', 'lead_professional_changed'] as const;
export type EhaSharingOccasion = (typeof EHA_SHARING_OCCASIONS)[number];

/** The consent an EHA is shared under: information-sharing consent where recorded, else the consent to early help (R1). */
export interface EhaSharingConsent {
  scope: Extract<ConsentScope, 'information_sharing' | 'early_help'>;
  decision: ConsentDecision;
  givenBy: ConsentGiver;
}

export function ehaSharingConsentOf(state: Pick<CaseState, 'consents'>): EhaSharingConsent | null {
  const consent = state.consents.information_sharing ?? state.consents.early_help;
  return consent
    ? { scope: consent.scope as EhaSharingConsent['scope'], decision: consent.decision, givenBy: consent.givenBy }
    : null;
}

const PURPOSE: Record<EhaSharingOccasion, string> = {
  team_convened: 'Coordinate support through the Team around the Family',
  team_member_joined: 'Coordinate support through the Team around the Family',
  lead_professional_changed: 'Hand over the lead professional role',
};

/**
 * R19: sharing the EHA with a team's members or a new lead professional is a decision to share,
 * recorded as one. Consent-based by default: the family agreed to early help with a team around it.
 */
export function ehaSharingDecision(
  occasion: EhaSharingOccasion,
  recipients: Recipient[],
  consent: EhaSharingConsent | null,
): Omit<InformationSharingDecision, 'decisionId'> {
  return {
    decision: 'share',
    information: 'The Early Help Assessment and plan',
    recipients,
    purpose: PURPOSE[occasion],
    basis: 'consent',
    consentSought: false,
    dataSubjects: ['child', 'parent_carer'],
    article6Basis: 'public_task',
    specialCategoryData: NOT_RECORDED,
    confidentialityBasis: 'consent',
    personInformed: { told: true },
    advice: { sought: false },
    request: null,
    reasons: consent
      ? `Shared under the ${consent.scope.replace(/_/g, ' ')} consent (${consent.decision} by ${consent.givenBy.replace(/_/g, ' ')})`
      : 'Shared with the team around the family; no consent was recorded on the child’s case',
  };
}
