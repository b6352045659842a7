import { NotFound, NotPermitted, RuleViolation } from './domain-error';
import type { ErrorCode } from './error-codes';

describe('error codes', () => {
  it('Given a listed code, When a refusal is built with it, Then it carries the code', () => {
    const code: ErrorCode = 'LEVEL_OF_NEED.UNCHANGED';
    expect(new RuleViolation(undefined, code, 'unchanged').code).toBe('LEVEL_OF_NEED.UNCHANGED');
  });

  it('Given a code that is not listed, When a refusal is built with it, Then the type check refuses it', () => {
    // `npm run typecheck` fails should any of these compile: every code is one of ErrorCode.
    // @ts-expect-error: not an ErrorCode
    const violation = new RuleViolation('R1', 'CASE.MISSPELT', 'a misspelt code');
    // @ts-expect-error: not an ErrorCode
    const notFound = new NotFound('NOT.LISTED', 'a free string');
    // @ts-expect-error: not an ErrorCode
    const notPermitted = new NotPermitted('DUTY.INVENTED', 'a free string');
    expect([violation.code, notFound.code, notPermitted.code]).toEqual([
      'CASE.MISSPELT',
      'NOT.LISTED',
      'DUTY.INVENTED',
    ]);
  });
});
