import { randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

export interface RequestContext {
  /** Ties together everything one user action caused, across requests and events. */
  correlationId: string;
  /** This request: the cause of the events it records. */
  requestId: string;
  /** The actor and the Idempotency-Key this request claimed (set by the idempotency interceptor). */
  idempotencyKey?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    // On the request itself, not in async-local storage: enabling async hooks slows every
    // promise of the process, and a command's handling is promises from end to end.
    requestContext: RequestContext | null;
  }
}

/** The context given to this request when it arrived (undefined only for a request that never went through the hook). */
export const requestContextOf = (request: FastifyRequest): RequestContext | undefined =>
  request.requestContext ?? undefined;

/** The request's correlation and request ids, as a route handler's parameter. */
export const RequestIds = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext | undefined =>
  requestContextOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

const HEADER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request its context as it arrives: adopts a well-formed X-Correlation-Id or starts a
 * new one, and echoes it. The first of all hooks, so that a refused body still gets one.
 */
export function trackRequestContext(fastify: FastifyInstance): void {
  // Declared up front, so that every request object has the same shape.
  fastify.decorateRequest('requestContext', null);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const offered = request.headers['x-correlation-id'];
    request.requestContext = {
      correlationId: typeof offered === 'string' && HEADER_ID.test(offered) ? offered : randomUUID(),
      requestId: randomUUID(),
    };
    reply.header('X-Correlation-Id', request.requestContext.correlationId);
    done();
  });
}
