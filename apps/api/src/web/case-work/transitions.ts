import type { Type } from '@nestjs/common';
import { ChangeLevelOfNeedHttpController } from '../../../../../libs/case-journey/src/case/change-level-of-need/change-level-of-need.http.controller';
import { ChildInNeedPlanHttpController } from '../../../../../libs/case-journey/src/case/child-in-need-plan/child-in-need-plan.http.controller';
import { ChildProtectionPlanHttpController } from '../../../../../libs/case-journey/src/case/child-protection-plan/child-protection-plan.http.controller';
import { ClosureHttpController } from '../../../../../libs/case-journey/src/case/closure/closure.http.controller';
import { RecordConsentHttpController } from '../../../../../libs/case-journey/src/case/consent/record-consent.http.controller';
import { CorrectionHttpController } from '../../../../../libs/case-journey/src/case/correction/correction.http.controller';
import { EscalationHttpController } from '../../../../../libs/case-journey/src/case/escalation/escalation.http.controller';
import { InformationSharingHttpController } from '../../../../../libs/case-journey/src/case/information-sharing/information-sharing.http.controller';
import { MashHttpController } from '../../../../../libs/case-journey/src/case/mash/mash.http.controller';
import { Section17HttpController } from '../../../../../libs/case-journey/src/case/section-17/section-17.http.controller';
import { Section20HttpController } from '../../../../../libs/case-journey/src/case/section-20/section-20.http.controller';
import { VisitsHttpController } from '../../../../../libs/case-journey/src/case/visits/visits.http.controller';
import { Section31HttpController } from '../../../../../libs/case-journey/src/case/section-31/section-31.http.controller';
import { Section47HttpController } from '../../../../../libs/case-journey/src/case/section-47/section-47.http.controller';
import { StrategyDiscussionHttpController } from '../../../../../libs/case-journey/src/case/section-47/strategy-discussion.http.controller';
import { AllocationHttpController } from '../../../../../libs/case-journey/src/case/allocation/allocation.http.controller';
import { EarlyHelpHttpController } from '../../../../../libs/case-journey/src/family/early-help/early-help.http.controller';

/** Which path parameter the API route takes: the case, its family, one of its open escalations, or one of its sharing decisions. */
export type TransitionTarget = 'case' | 'family' | 'escalation' | 'decision';

/** A step the API offers on a case, as a page: its route (controller and method) gives the form's questions and does the work. */
export interface Transition {
  slug: string;
  title: string;
  group: string;
  controller: Type;
  method: string;
  target: TransitionTarget;
}

const t = (
  group: string,
  slug: string,
  title: string,
  controller: Type,
  method: string,
  target: TransitionTarget = 'case',
): Transition => ({ group, slug, title, controller, method, target });

/** Every command route of a case or its family, grouped as the case page lists them. */
export const TRANSITIONS: readonly Transition[] = [
  t(
    'Level of need',
    'level-of-need',
    'Record the level of need, or step up or down',
    ChangeLevelOfNeedHttpController,
    'changeLevelOfNeed',
  ),
  t('Consent', 'consent', 'Record consent given, refused or withdrawn', RecordConsentHttpController, 'recordConsent'),
  t('Early help', 'early-help-assessment', 'Start an early help assessment (EHA)', EarlyHelpHttpController, 'start'),
  t(
    'Early help',
    'need-and-strength',
    'Record need and strength (EHA)',
    EarlyHelpHttpController,
    'needAndStrength',
    'family',
  ),
  t(
    'Early help',
    'early-help-assessment-completion',
    'Complete the early help assessment',
    EarlyHelpHttpController,
    'complete',
    'family',
  ),
  t(
    'Early help',
    'early-help-assessment-closure',
    'Close the early help assessment',
    EarlyHelpHttpController,
    'closeEha',
    'family',
  ),
  t(
    'Early help',
    'team-around-the-family',
    'Convene a team around the family (TAF) or child (TAC)',
    EarlyHelpHttpController,
    'convene',
    'family',
  ),
  t(
    'Early help',
    'team-around-the-family-member',
    'Add a professional to the team around the family',
    EarlyHelpHttpController,
    'addMember',
    'family',
  ),
  t(
    'Early help',
    'team-around-the-family-review',
    'Record a TAF review meeting',
    EarlyHelpHttpController,
    'review',
    'family',
  ),
  t('Early help', 'lead-professional', 'Change the lead professional', EarlyHelpHttpController, 'changeLead', 'family'),
  t(
    'Early help',
    'early-help-hub-decision',
    'Record the Early Help Hub decision',
    EarlyHelpHttpController,
    'hubDecision',
    'family',
  ),
  t('Early help', 'keep-in-touch', 'Start Keep in Touch', EarlyHelpHttpController, 'startKeepInTouch', 'family'),
  t('Early help', 'keep-in-touch-end', 'End Keep in Touch', EarlyHelpHttpController, 'endKeepInTouch', 'family'),
  t(
    'MASH',
    'written-follow-up',
    'Record the written follow-up of a telephone contact',
    MashHttpController,
    'recordWrittenFollowUp',
  ),
  t('MASH', 'brag-rating', 'Apply a BRAG rating', MashHttpController, 'applyBragRating'),
  t('MASH', 'mash-decision', 'Record the MASH decision', MashHttpController, 'recordDecision'),
  t('MASH', 'referrer-notified', 'Record that the referrer was told', MashHttpController, 'recordReferrerNotified'),
  t('Section 17', 'section-17-assessment', 'Open a section 17 assessment', Section17HttpController, 'open'),
  t(
    'Section 17',
    'section-17-assessment-completion',
    'Complete the section 17 assessment',
    Section17HttpController,
    'complete',
  ),
  t('Section 47', 'strategy-discussion', 'Record a strategy discussion', StrategyDiscussionHttpController, 'record'),
  t('Section 47', 'section-47-enquiry', 'Open a section 47 enquiry', Section47HttpController, 'open'),
  t(
    'Section 47',
    'section-47-enquiry-conclusion',
    'Conclude the section 47 enquiry',
    Section47HttpController,
    'conclude',
  ),
  t(
    'Section 47',
    'initial-child-protection-conference',
    'Record the initial child protection conference',
    Section47HttpController,
    'conference',
  ),
  t('Plans', 'child-in-need-plan', 'Start a child in need plan', ChildInNeedPlanHttpController, 'start'),
  t(
    'Plans',
    'child-in-need-plan-review',
    'Record a child in need plan review',
    ChildInNeedPlanHttpController,
    'review',
  ),
  t('Plans', 'child-in-need-plan-end', 'End the child in need plan', ChildInNeedPlanHttpController, 'end'),
  t('Plans', 'child-protection-plan', 'Start a child protection plan', ChildProtectionPlanHttpController, 'start'),
  t('Plans', 'core-group-meeting', 'Record a core group meeting', ChildProtectionPlanHttpController, 'coreGroup'),
  t(
    'Plans',
    'child-protection-review-conference',
    'Record a child protection review conference',
    ChildProtectionPlanHttpController,
    'review',
  ),
  t('Plans', 'child-protection-plan-end', 'End the child protection plan', ChildProtectionPlanHttpController, 'end'),
  t('Plans', 'visit', 'Record a visit to the child', VisitsHttpController, 'record'),
  t('Looked after', 'section-20-accommodation', 'Start section 20 accommodation', Section20HttpController, 'start'),
  t('Looked after', 'section-20-accommodation-end', 'End section 20 accommodation', Section20HttpController, 'end'),
  t(
    'Looked after',
    'care-order-proceedings',
    'Record a step in care order proceedings (section 31)',
    Section31HttpController,
    'record',
  ),
  t(
    'Information sharing',
    'information-sharing-decision',
    'Record a decision to share information, or not',
    InformationSharingHttpController,
    'record',
  ),
  t(
    'Information sharing',
    'information-sent',
    'Record that shared information was sent',
    InformationSharingHttpController,
    'sent',
    'decision',
  ),
  t('Escalation', 'escalation', 'Raise an escalation', EscalationHttpController, 'raise'),
  t(
    'Escalation',
    'escalation-next-level',
    'Take an escalation to the next level',
    EscalationHttpController,
    'escalate',
    'escalation',
  ),
  t(
    'Escalation',
    'escalation-discussion',
    'Record an escalation discussion',
    EscalationHttpController,
    'discuss',
    'escalation',
  ),
  t(
    'Escalation',
    'escalation-resolution',
    'Record that an escalation is resolved',
    EscalationHttpController,
    'resolve',
    'escalation',
  ),
  t(
    'Escalation',
    'escalation-withdrawal',
    'Withdraw an escalation',
    EscalationHttpController,
    'withdraw',
    'escalation',
  ),
  t('Case', 'allocation', 'Allocate the case to a team and worker', AllocationHttpController, 'allocate'),
  t('Case', 'closure', 'Close the case', ClosureHttpController, 'close'),
  t('Case', 'reopening', 'Reopen the case', ClosureHttpController, 'reopen'),
  t('Case', 'correction', 'Correct an entry', CorrectionHttpController, 'correct'),
];

export function transitionNamed(slug: string): Transition | undefined {
  return TRANSITIONS.find((transition) => transition.slug === slug);
}
