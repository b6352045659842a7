import type { CommandContext } from './command';
import { RuleViolation } from './domain-error';

/** Devices disagree a little about the time; more than this ahead is a mistake, not skew. */
export const CLOCK_SKEW_MS = 2 * 60 * 1000;

/**
 * Late recording is normal (occurredAt in the past keeps the true order of what happened);
 * recording something that has not happened yet is not.
 */
export function assertOccurredAtNotInFuture(context: CommandContext): void {
  if (Date.parse(context.occurredAt) > Date.parse(context.now) + CLOCK_SKEW_MS) {
    throw new RuleViolation(
      'R22',
      'OCCURRED_AT.IN_FUTURE',
      `occurredAt ${context.occurredAt} is in the future`,
      'Record events when they have happened; give the time they happened, or leave occurredAt out for now',
    );
  }
}

/**
 * R35: a fact cannot have happened before what it follows (a decision before the rating it
 * decides on, a notification before the decision, anything before the contact): backdating past
 * it would make a timescale look met.
 */
export function assertNotBefore(context: CommandContext, earliest: string | null | undefined, what: string): void {
  if (earliest && Date.parse(context.occurredAt) < Date.parse(earliest)) {
    throw new RuleViolation(
      'R35',
      'OCCURRED_AT.BEFORE_WHAT_IT_FOLLOWS',
      `occurredAt ${context.occurredAt} is before ${what} (${earliest})`,
      `Give the time it happened: on or after ${earliest}`,
      { earliest },
    );
  }
}
