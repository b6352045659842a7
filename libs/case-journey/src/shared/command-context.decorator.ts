import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '@windscreen/auth';
import { requestContextOf } from '@windscreen/http';
import type { FastifyRequest } from 'fastify';
import type { CommandContext } from '../domain/command';
import { commandContext } from './command-context.factory';

/** When the request does not say when it happened: a moment it does state (the contact's receipt). */
export type OccurredAtByDefault = (body: Record<string, unknown>) => unknown;

/**
 * A command's context, as a route handler's parameter: the actor from the token, the correlation,
 * request and idempotency ids from the request, `occurredAt` from the body (else the default given,
 * else now) and the clock now. Read when the handler runs, after the guard, the idempotency
 * interceptor and the body's validation, so the body's `occurredAt` is a valid instant or absent.
 *
 *   async close(@Body() body: CloseCaseRequestDto, @CommandContextOf() context: CommandContext)
 *   async open(@Body() body: OpenCaseRequestDto, @CommandContextOf((body) => body.contact?.receivedAt) context: CommandContext)
 */
export const CommandContextOf = createParamDecorator(
  (occurredAtByDefault: OccurredAtByDefault | undefined, execution: ExecutionContext): CommandContext => {
    const request = execution.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    if (!request.actor) throw new Error('CommandContextOf used on a public route');
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const stated = body.occurredAt ?? occurredAtByDefault?.(body);
    return commandContext(request.actor, typeof stated === 'string' ? stated : undefined, requestContextOf(request));
  },
);
