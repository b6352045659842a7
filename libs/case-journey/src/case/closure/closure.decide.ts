import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

/** CIN census reason for closure. */
export const CLOSURE_REASONS = ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export type CloseCase = Command<'CloseCase', { caseId: string; reason: ClosureReason; summary: string }>;
export type ReopenCase = Command<'ReopenCase', { caseId: string; reason: string }>;

export type CaseClosed = DomainEvent<'CaseClosed', { reason: ClosureReason; summary: string }>;
export type CaseReopened = DomainEvent<'CaseReopened', { reason: string; closedAt: string; reReferral: boolean }>;

/** R21: closure records a reason; open statutory work must end first. */
export function decideCloseCase(command: CloseCase, state: CaseState): CaseClosed[] {
  const open = [state.section47Open && 'a section 47 enquiry', state.childProtectionPlan && 'a child protection plan'].filter(Boolean);
  if (open.length) {
    throw new RuleViolation('R21', 'CASE.OPEN_WORK', `The case still has ${open.join(' and ')}`, 'Conclude or end it before closing the case');
  }
  return [{ type: 'CaseClosed', schemaVersion: 1, data: { reason: command.data.reason, summary: command.data.summary } }];
}

/** R21: a case reopened within 12 months of its closure counts as a re-referral. */
export function decideReopenCase(command: ReopenCase, state: CaseState): CaseReopened[] {
  if (state.status !== 'closed' || !state.closedAt) {
    throw new RuleViolation('R21', 'CASE.NOT_CLOSED', 'The case is open; only a closed case can be reopened');
  }
  const closed = new Date(state.closedAt);
  const yearLater = new Date(Date.UTC(closed.getUTCFullYear() + 1, closed.getUTCMonth(), closed.getUTCDate(), closed.getUTCHours(), closed.getUTCMinutes()));
  const reReferral = Date.parse(command.context.occurredAt) <= yearLater.getTime();
  return [{ type: 'CaseReopened', schemaVersion: 1, data: { reason: command.data.reason, closedAt: state.closedAt, reReferral } }];
}
