import type { ErrorCode } from './error-codes';

/**
 * Domain refusals. `decide` throws these; the HTTP layer maps them once:
 * RuleViolation -> 409 with the rule id, NotFound -> 404, NotPermitted -> 403.
 */
export class RuleViolation extends Error {
  constructor(
    /** The threshold rule that forbids it (R1-R22), when one does. */
    readonly rule: string | undefined,
    /** Stable machine code, e.g. 'LEVEL_OF_NEED.UNCHANGED'. */
    readonly code: ErrorCode,
    message: string,
    /** What would satisfy the rule, in a practitioner's words. */
    readonly howToResolve?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}

export class NotFound extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NotFound';
  }
}

/** Separation of duties: the actor may see the record but this step is someone else's to take. */
export class NotPermitted extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Who may take the step instead. */
    readonly howToResolve?: string,
  ) {
    super(message);
    this.name = 'NotPermitted';
  }
}
