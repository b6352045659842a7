import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

/** R20: each route, in order. A dispute about a MASH decision has its own route. */
export const ESCALATION_ROUTES = {
  professional: ['practitioner', 'line_manager', 'senior_manager', 'independent_chair'],
  mash_decision: ['practitioner', 'mash_group_manager', 'head_of_service_integrated_front_door'],
} as const;
export type EscalationRoute = keyof typeof ESCALATION_ROUTES;
export const ESCALATION_LEVELS = [
  'practitioner',
  'line_manager',
  'senior_manager',
  'independent_chair',
  'mash_group_manager',
  'head_of_service_integrated_front_door',
] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export interface EscalationState {
  route: EscalationRoute;
  level: EscalationLevel;
  status: 'open' | 'resolved' | 'withdrawn';
  otherAgency: string;
  /** When it was raised: open escalations are listed in that order (absent in states folded before it was kept). */
  raisedAt?: string;
}

export type RaiseEscalation = Command<
  'RaiseEscalation',
  {
    caseId: string;
    escalationId: string;
    route: EscalationRoute;
    concern: string;
    otherAgency: string;
    startsAt: EscalationLevel;
  }
>;
export type EscalateFurther = Command<
  'EscalateFurther',
  { caseId: string; escalationId: string; to: EscalationLevel; why: string }
>;
export type RecordEscalationDiscussion = Command<
  'RecordEscalationDiscussion',
  { caseId: string; escalationId: string; discussion: string; agreements?: string; actions?: string }
>;
export type ResolveEscalation = Command<
  'ResolveEscalation',
  { caseId: string; escalationId: string; agreement: string }
>;
export type WithdrawEscalation = Command<
  'WithdrawEscalation',
  { caseId: string; escalationId: string; reason: string }
>;
export type EscalationCommand =
  RaiseEscalation | EscalateFurther | RecordEscalationDiscussion | ResolveEscalation | WithdrawEscalation;

export type EscalationRaised = DomainEvent<
  'EscalationRaised',
  { escalationId: string; route: EscalationRoute; concern: string; otherAgency: string; level: EscalationLevel }
>;
export type EscalatedFurther = DomainEvent<
  'EscalatedFurther',
  { escalationId: string; from: EscalationLevel; to: EscalationLevel; why: string }
>;
export type EscalationDiscussionRecorded = DomainEvent<
  'EscalationDiscussionRecorded',
  {
    escalationId: string;
    level: EscalationLevel;
    discussion: string;
    agreements: string | null;
    actions: string | null;
  }
>;
export type EscalationResolved = DomainEvent<
  'EscalationResolved',
  { escalationId: string; level: EscalationLevel; agreement: string }
>;
export type EscalationWithdrawn = DomainEvent<
  'EscalationWithdrawn',
  { escalationId: string; level: EscalationLevel; reason: string }
>;
export type EscalationEvent =
  EscalationRaised | EscalatedFurther | EscalationDiscussionRecorded | EscalationResolved | EscalationWithdrawn;

/** R20: problem resolution goes step by step and ends resolved (with the agreement) or withdrawn. */
export function decideEscalation(command: EscalationCommand, state: CaseState): EscalationEvent[] {
  const { escalationId } = command.data;
  if (command.type === 'RaiseEscalation') {
    const { route, concern, otherAgency, startsAt } = command.data;
    if (state.escalations[escalationId])
      throw new RuleViolation('R20', 'ESCALATION.EXISTS', `Escalation ${escalationId} already exists`);
    if (!(ESCALATION_ROUTES[route] as readonly string[]).includes(startsAt)) {
      throw new RuleViolation(
        'R20',
        'ESCALATION.WRONG_ROUTE',
        `${startsAt.replace(/_/g, ' ')} is not a step of the ${route.replace(/_/g, ' ')} route`,
      );
    }
    // R20: step by step from the start: a disagreement is first raised between practitioners.
    const first = ESCALATION_ROUTES[route][0];
    if (startsAt !== first) {
      throw new RuleViolation(
        'R20',
        'ESCALATION.NOT_FIRST_STEP',
        `An escalation starts at ${label(first)}, not ${label(startsAt)}`,
        `Raise it at ${first}, then escalate step by step`,
      );
    }
    return [
      {
        type: 'EscalationRaised',
        schemaVersion: 1,
        data: { escalationId, route, concern, otherAgency, level: startsAt },
      },
    ];
  }
  const escalation = state.escalations[escalationId];
  if (!escalation)
    throw new RuleViolation('R20', 'ESCALATION.NOT_FOUND', `There is no escalation ${escalationId} on this case`);
  if (escalation.status !== 'open')
    throw new RuleViolation('R20', 'ESCALATION.ENDED', `The escalation was ${escalation.status}`);
  switch (command.type) {
    case 'EscalateFurther': {
      const steps = ESCALATION_ROUTES[escalation.route] as readonly EscalationLevel[];
      const next = steps[steps.indexOf(escalation.level) + 1];
      if (command.data.to !== next) {
        throw new RuleViolation(
          'R20',
          'ESCALATION.OUT_OF_ORDER',
          next
            ? `Escalation goes step by step: from ${label(escalation.level)} the next step is ${label(next)}`
            : `${label(escalation.level)} is the last step`,
          next ? `Escalate to ${next}` : 'Resolve or withdraw the escalation',
        );
      }
      return [
        {
          type: 'EscalatedFurther',
          schemaVersion: 1,
          data: { escalationId, from: escalation.level, to: next, why: command.data.why },
        },
      ];
    }
    case 'RecordEscalationDiscussion':
      return [
        {
          type: 'EscalationDiscussionRecorded',
          schemaVersion: 1,
          data: {
            escalationId,
            level: escalation.level,
            discussion: command.data.discussion,
            agreements: command.data.agreements ?? null,
            actions: command.data.actions ?? null,
          },
        },
      ];
    case 'ResolveEscalation':
      return [
        {
          type: 'EscalationResolved',
          schemaVersion: 1,
          data: { escalationId, level: escalation.level, agreement: command.data.agreement },
        },
      ];
    case 'WithdrawEscalation':
      return [
        {
          type: 'EscalationWithdrawn',
          schemaVersion: 1,
          data: { escalationId, level: escalation.level, reason: command.data.reason },
        },
      ];
  }
}

const label = (level: EscalationLevel) => level.replace(/_/g, ' ');
