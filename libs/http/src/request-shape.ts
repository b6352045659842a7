import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { InvalidField, RequestValidationError } from './validation';

/** No command needs more than a few levels; the limit keeps recursive code (transform, validation, hashing) far from the stack's end. */
export const MAX_BODY_DEPTH = 16;

/** Keys the DTO transformer drops without a word (and that pollute prototypes): refused, like any unknown field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * preHandler hook, once the body is parsed: refuses what no DTO or query should ever see, naming
 * where it is: bodies nested deeper than MAX_BODY_DEPTH; `__proto__`, `constructor` and
 * `prototype` keys; and text PostgreSQL cannot keep or compare as sent, in the body or the query
 * string: the NUL character, and unpaired surrogates (stored as U+FFFD, they would no longer match
 * the event's hash). A body that is not JSON never gets here: only JSON has a parser (415). The
 * walk is iterative, so a deep body cannot exhaust the stack here either.
 */
export function checkRequestShape(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const fields = [...invalidShape(request.query), ...invalidShape(request.body)];
  done(fields.length > 0 ? new RequestValidationError(fields) : undefined);
}

/** What checkRequestShape refuses in one value (a body or a query string), each with its path. */
function invalidShape(body: unknown, maxDepth = MAX_BODY_DEPTH): InvalidField[] {
  const invalid: InvalidField[] = [];
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (pending.length > 0 && invalid.length < 20) {
    const { value, path, depth } = pending.pop()!;
    const field = path || '(body)';
    if (typeof value === 'string') {
      const reason = textProblem(value);
      if (reason) invalid.push({ field, reasons: [`${field} ${reason}`] });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) {
      invalid.push({ field, reasons: [`${field} is nested more than ${maxDepth} levels deep`] });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        invalid.push({ field: childPath, reasons: [`${childPath} is not allowed`] });
        continue;
      }
      const keyReason = textProblem(key);
      if (keyReason) {
        invalid.push({ field: path || '(body)', reasons: [`a field name ${keyReason}`] });
        continue;
      }
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return invalid;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'must be well-formed Unicode (it has an unpaired surrogate)';
  return undefined;
}
