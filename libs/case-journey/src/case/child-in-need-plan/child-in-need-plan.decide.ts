import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

export type StartChildInNeedPlan = Command<'StartChildInNeedPlan', { caseId: string }>;
export type EndChildInNeedPlan = Command<'EndChildInNeedPlan', { caseId: string; reason: string }>;
export type ChildInNeedPlanStarted = DomainEvent<'ChildInNeedPlanStarted', Record<string, never>>;
export type ChildInNeedPlanEnded = DomainEvent<'ChildInNeedPlanEnded', { reason: string }>;

export function decideStartChildInNeedPlan(_command: StartChildInNeedPlan, state: CaseState): ChildInNeedPlanStarted[] {
  if (state.childInNeedPlanSince) throw new RuleViolation(undefined, 'CIN_PLAN.ALREADY_OPEN', 'The child already has a child in need plan');
  if (state.level !== 'specialist') {
    throw new RuleViolation('R15', 'CIN_PLAN.NOT_SPECIALIST', 'A child in need plan is statutory work at Specialist & safeguarding', 'Step the case up first');
  }
  return [{ type: 'ChildInNeedPlanStarted', schemaVersion: 1, data: {} }];
}

export function decideEndChildInNeedPlan(command: EndChildInNeedPlan, state: CaseState): ChildInNeedPlanEnded[] {
  if (!state.childInNeedPlanSince) throw new RuleViolation(undefined, 'CIN_PLAN.NOT_OPEN', 'The child has no child in need plan to end');
  return [{ type: 'ChildInNeedPlanEnded', schemaVersion: 1, data: { reason: command.data.reason } }];
}
