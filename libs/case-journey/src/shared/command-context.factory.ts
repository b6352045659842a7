import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@windscreen/http';
import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../domain/command';

/** Builds a command's context from the request: actor from the token, ids from the request, time from the clock. */
export function commandContext(
  actor: Actor,
  occurredAt: string | undefined,
  request: RequestContext | undefined,
  now: Date = new Date(),
): CommandContext {
  return {
    actor,
    occurredAt: occurredAt ?? now.toISOString(),
    now: now.toISOString(),
    correlationId: request?.correlationId ?? randomUUID(),
    causationId: request?.requestId ?? randomUUID(),
    idempotencyKey: request?.idempotencyKey,
  };
}
