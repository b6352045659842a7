import { HttpStatus } from '@nestjs/common';
import { PROBLEM_BASE, ProblemMapper } from '@windscreen/http';
import { NotFound, NotPermitted, RuleViolation } from '../domain';

/**
 * The domain's refusals as problem documents: a rule's refusal is a 409 naming the rule, a step
 * that is someone else's to take a 403, a record not found (or not to be known of) a 404.
 */
export const domainErrorProblem: ProblemMapper = (exception) => {
  if (exception instanceof RuleViolation) {
    return {
      type: `${PROBLEM_BASE}rule-violation`,
      title: exception.rule ? `Refused by rule ${exception.rule}` : 'Refused',
      status: HttpStatus.CONFLICT,
      detail: exception.message,
      ...(exception.rule ? { rule: exception.rule } : {}),
      code: exception.code,
      ...(exception.howToResolve ? { howToResolve: exception.howToResolve } : {}),
      ...(exception.details ?? {}),
    };
  }
  if (exception instanceof NotPermitted) {
    return {
      type: `${PROBLEM_BASE}not-permitted`,
      title: 'Not permitted',
      status: HttpStatus.FORBIDDEN,
      detail: exception.message,
      code: exception.code,
      ...(exception.howToResolve ? { howToResolve: exception.howToResolve } : {}),
    };
  }
  if (exception instanceof NotFound) {
    return {
      type: `${PROBLEM_BASE}not-found`,
      title: 'Not found',
      status: HttpStatus.NOT_FOUND,
      detail: exception.message,
      code: exception.code,
    };
  }
  return undefined;
};
