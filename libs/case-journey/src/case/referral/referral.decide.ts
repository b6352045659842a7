import type { DomainEvent } from '../../domain/command';
import { isReReferral } from '../../domain/calendar-months';
import type { CaseState } from '../case.state';

/**
 * R28: how a contact became a referral to Children's Social Care: a MASH decision to pass it for a
 * section 47 enquiry or a section 17 assessment, or a move to Specialist & safeguarding (R6-R8).
 */
export const REFERRAL_ROUTES = ['mash_decision', 'move_to_specialist'] as const;
export type ReferralRoute = (typeof REFERRAL_ROUTES)[number];

export type ReferralRecorded = DomainEvent<
  'ReferralRecorded',
  {
    route: ReferralRoute;
    /** The child's latest earlier referral on this case, if any. */
    previousReferralAt: string | null;
    /** R28 (DfE): within 12 months of a previous referral of the child. */
    reReferral: boolean;
  }
>;

/**
 * R28: the referral, dated when it happens (occurredAt), unless the case is already referred in
 * this episode (a referral stands until the case steps down from specialist or closes).
 */
export function referralIfNew(state: CaseState, occurredAt: string, route: ReferralRoute): ReferralRecorded[] {
  if (state.currentReferralAt) return [];
  const previousReferralAt = state.referrals.length ? state.referrals[state.referrals.length - 1] : null;
  return [
    {
      type: 'ReferralRecorded',
      schemaVersion: 1,
      data: { route, previousReferralAt, reReferral: isReReferral(state.referrals, occurredAt) },
    },
  ];
}
