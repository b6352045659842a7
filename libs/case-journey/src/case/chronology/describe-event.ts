import { LEVEL_LABELS, LevelOfNeed } from '../../domain/levels-of-need';
import type { CaseEventType } from '../../events/event-versions';
import type { CaseEvent } from '../case.events';

const level = (key: unknown) => LEVEL_LABELS[key as LevelOfNeed] ?? String(key);
/** A value of an event's data as text: strings and numbers as they are, anything else as JSON. */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
const words = (key: unknown) => asText(key).replace(/_/g, ' ');
const sentence = (text: unknown) => (text ? `: ${asText(text)}` : '');

/** One describer per case event, over that event's own data: an event without one is a compile error. */
type Describers = { readonly [T in CaseEventType]: (data: Extract<CaseEvent, { type: T }>['data']) => string };

/** What a social worker would write for each kind of entry. */
const DESCRIBERS: Describers = {
  CaseOpened: (d) =>
    `Contact received (${words(d.contact?.route)}) from ${d.contact?.referrer?.anonymous ? 'an anonymous member of the public' : `${d.contact?.referrer?.name ?? 'unknown'}${d.contact?.referrer?.agency ? ` (${d.contact.referrer.agency})` : ''}`}, source ${d.contact?.source}${sentence(d.concerns)}`,
  LevelOfNeedAssessed: (d) => `Level of need assessed as ${level(d.level)}${sentence(d.reason)}`,
  SteppedUp: (d) => `Stepped up from ${level(d.from)} to ${level(d.to)}${sentence(d.reason)}`,
  SteppedDown: (d) => `Stepped down from ${level(d.from)} to ${level(d.to)}${sentence(d.whatChanged ?? d.reason)}`,
  ConsentRecorded: (d) =>
    `Consent to ${words(d.scope)} ${d.decision} by ${words(d.givenBy)}${d.gillickCompetent ? ' (Gillick competent)' : ''}${sentence(d.notes)}`,
  BragRatingApplied: (d) =>
    `MASH rated ${String(d.rating).toUpperCase()}${d.previousRating ? ` (was ${String(d.previousRating).toUpperCase()})` : ''}${d.referralToChildrensSocialCare ? ', a referral to Children’s Social Care' : ''}${sentence(d.rationale)}`,
  WrittenFollowUpReceived: (d) => `Written follow-up of the telephone contact received${d.late ? ' (late)' : ''}`,
  MashDecisionRecorded: (d) =>
    `MASH decision: ${words(d.outcome)}${d.provisionName ? ` (${d.provisionName})` : ''}${sentence(d.rationale)}`,
  ReferrerNotified: (d) => `Referrer notified of the outcome${d.late ? ' (late)' : ''}${sentence(d.how)}`,
  StrategyDiscussionHeld: (d) =>
    `Strategy discussion held with ${(d.attendees ?? []).join(', ')}${d.section47 === false ? ', no section 47 enquiry' : ''}${sentence(d.decision)}`,
  Section47EnquiryOpened: (d) => `Section 47 enquiry opened${sentence(d.reasonableCause)}`,
  Section47EnquiryConcluded: (d) =>
    `Section 47 enquiry concluded: concerns ${d.concernsSubstantiated ? 'substantiated' : 'not substantiated'}${d.icpcNeeded ? `, ICPC on ${d.icpcDate}` : ', no ICPC'}${sentence(d.outcome)}`,
  InitialChildProtectionConferenceHeld: (d) =>
    `Initial child protection conference held${d.late ? ' (late)' : ''}: ${d.decision === 'child_protection_plan' ? `child protection plan (category ${d.category})` : 'no plan'}${sentence(d.notes)}`,
  Section17AssessmentOpened: () => 'Section 17 assessment started',
  Section17AssessmentCompleted: (d) =>
    `Section 17 assessment completed${d.late ? ' (late)' : ''}: ${words(d.outcome)}, primary need ${d.primaryNeed}`,
  ChildInNeedPlanStarted: () => 'Child in need plan started',
  ChildInNeedPlanEnded: (d) => `Child in need plan ended${sentence(d.reason)}`,
  ChildProtectionPlanStarted: (d) => `Child protection plan started (category ${d.category})`,
  CoreGroupMet: (d) =>
    `Core group met${d.late ? ' (first meeting late)' : ''} with ${(d.attendees ?? []).join(', ')}${sentence(d.notes)}`,
  ChildProtectionReviewConferenceHeld: (d) =>
    `Review child protection conference held${d.late ? ' (late)' : ''}: plan continues, category ${d.category}${d.category !== d.previousCategory ? ` (was ${d.previousCategory})` : ''}${sentence(d.notes)}`,
  ChildInNeedPlanReviewed: (d) => `Child in need plan reviewed${d.late ? ' (late)' : ''}${sentence(d.progress)}`,
  ChildProtectionPlanEnded: (d) => `Child protection plan ended${sentence(d.reason)}`,
  Section20AccommodationStarted: (d) =>
    `Accommodated under section 20 (${d.placement}), consent by ${words(d.consentGivenBy)}`,
  Section20AccommodationEnded: (d) => `Section 20 accommodation ended: ${words(d.ending)}`,
  CareOrderStepRecorded: (d) => `Care order ${d.step} (court reference ${d.courtReference})`,
  InformationSharingDecisionRecorded: (d) =>
    `Decided ${d.decision === 'share' ? 'to share' : 'not to share'} ${d.information}${d.decision === 'share' ? ` with ${(d.recipients ?? []).map((r: { agency: string }) => r.agency).join(', ')}` : ''} ${d.basis === 'consent' ? 'with consent' : `without consent (${words(d.publicInterestGround ?? d.confidentialityBasis)})`}${sentence(d.reasons)}`,
  InformationSent: (d) =>
    `Information sent (${words(d.method)}) to ${(d.recipients ?? []).map((r: { agency: string }) => r.agency).join(', ')}${sentence(d.information)}`,
  EscalationRaised: (d) => `Escalation raised with ${d.otherAgency} at ${words(d.level)}${sentence(d.concern)}`,
  EscalatedFurther: (d) => `Escalation taken to ${words(d.to)}${sentence(d.why)}`,
  EscalationDiscussionRecorded: (d) => `Escalation discussed${sentence(d.discussion)}`,
  EscalationResolved: (d) => `Escalation resolved${sentence(d.agreement)}`,
  EscalationWithdrawn: (d) => `Escalation withdrawn${sentence(d.reason)}`,
  CaseClosed: (d) => `Case closed (${d.reason})${sentence(d.summary)}`,
  ContactClosed: (d) => `Contact closed by the front door: no further action${sentence(d.summary)}`,
  ChildVisited: (d) =>
    `${d.statutory ? 'Statutory visit' : 'Visit'}: the child was ${d.seen ? `seen${d.seenAlone ? ' alone' : d.seenAlone === false ? ', not alone' : ''}` : 'not seen'}${sentence(d.notes)}`,
  CaseReopened: (d) => `Case reopened${d.reReferral ? ' (a re-referral within 12 months)' : ''}${sentence(d.reason)}`,
  ReferralRecorded: (d) =>
    `Referred to Children’s Social Care (${d.route === 'mash_decision' ? 'MASH decision' : 'move to Specialist & safeguarding'})${d.reReferral ? ', a re-referral within 12 months of the previous referral' : ''}`,
  CaseAllocated: (d) => `Case allocated to ${d.worker?.name} (team ${d.team})${sentence(d.reason)}`,
  EntryCorrected: (d) => `Correction of an earlier entry${sentence(d.reason)}`,
};

export function describeEvent(event: CaseEvent): string {
  // The registry is keyed by the event's own type, so its describer takes this event's data.
  const describe = DESCRIBERS[event.type] as (data: CaseEvent['data']) => string;
  return describe(event.data);
}
