import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

/** Category of abuse for child protection plans (national codes). */
export const ABUSE_CATEGORIES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const;
export type AbuseCategory = (typeof ABUSE_CATEGORIES)[number];

export type StartChildProtectionPlan = Command<'StartChildProtectionPlan', { caseId: string; category: AbuseCategory }>;
export type EndChildProtectionPlan = Command<'EndChildProtectionPlan', { caseId: string; reason: string }>;

export type ChildProtectionPlanStarted = DomainEvent<'ChildProtectionPlanStarted', { category: AbuseCategory }>;
export type ChildProtectionPlanEnded = DomainEvent<'ChildProtectionPlanEnded', { reason: string }>;

export function decideStartChildProtectionPlan(command: StartChildProtectionPlan, state: CaseState): ChildProtectionPlanStarted[] {
  if (state.childProtectionPlan) {
    throw new RuleViolation(undefined, 'CP_PLAN.ALREADY_OPEN', 'The child already has a child protection plan', 'End it before starting another');
  }
  if (state.level !== 'specialist') {
    throw new RuleViolation(
      'R16',
      'CP_PLAN.NOT_SPECIALIST',
      'A child protection plan follows a section 47 enquiry at Specialist & safeguarding',
      'Open a section 47 enquiry (or step the case up to specialist) first',
    );
  }
  // R24: a plan is made by an initial conference that followed a section 47 enquiry and decided on one.
  const conference = state.section47Enquiry?.conference;
  if (!conference || conference.decision !== 'child_protection_plan' || conference.planStarted) {
    throw new RuleViolation(
      'R24',
      'CP_PLAN.NO_CONFERENCE_DECISION',
      !state.section47Enquiry
        ? 'A child protection plan needs a section 47 enquiry and an initial conference that decided on a plan'
        : !conference
          ? 'The initial child protection conference of the section 47 enquiry is not recorded'
          : conference.decision !== 'child_protection_plan'
            ? 'The initial child protection conference decided against a plan'
            : 'The plan this conference decided on has already started',
      'Record the section 47 enquiry and its initial conference (decision child_protection_plan) first',
    );
  }
  return [{ type: 'ChildProtectionPlanStarted', schemaVersion: 1, data: { category: command.data.category } }];
}

export function decideEndChildProtectionPlan(command: EndChildProtectionPlan, state: CaseState): ChildProtectionPlanEnded[] {
  if (!state.childProtectionPlan) {
    throw new RuleViolation(undefined, 'CP_PLAN.NOT_OPEN', 'The child has no child protection plan to end');
  }
  return [{ type: 'ChildProtectionPlanEnded', schemaVersion: 1, data: { reason: command.data.reason } }];
}
