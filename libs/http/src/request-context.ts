import { randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

export interface RequestContext {
  /** Ties together everything one user action caused, across requests and events. */
  correlationId: string;
  /** This request: the cause of the events it records. */
  requestId: string;
}

// Kept beside the request, not in async-local storage: enabling async hooks slows every promise
// of the process, and a command's handling is promises from end to end.
const contexts = new WeakMap<FastifyRequest, RequestContext>();

/** The context given to this request when it arrived (undefined only for a request that never went through the hook). */
export const requestContextOf = (request: FastifyRequest): RequestContext | undefined => contexts.get(request);

/** The request's correlation and request ids, as a route handler's parameter. */
export const RequestIds = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestContext | undefined => contexts.get(context.switchToHttp().getRequest<FastifyRequest>()),
);

const HEADER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * onRequest hook: adopts a well-formed X-Correlation-Id or starts a new one, and echoes it. First
 * of all hooks, so that a refused body still gets one.
 */
export function startRequestContext(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const offered = request.headers['x-correlation-id'];
  const context = {
    correlationId: typeof offered === 'string' && HEADER_ID.test(offered) ? offered : randomUUID(),
    requestId: randomUUID(),
  };
  contexts.set(request, context);
  reply.header('X-Correlation-Id', context.correlationId);
  done();
}
