import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

export interface RequestContext {
  /** Ties together everything one user action caused, across requests and events. */
  correlationId: string;
  /** This request: the cause of the events it records. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const contexts = new WeakMap<FastifyRequest, RequestContext>();

export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

/** The context given to this request, even where the async context was lost (errors while reading the body). */
export const requestContextOf = (request: FastifyRequest): RequestContext | undefined => contexts.get(request);

const HEADER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * onRequest hook: adopts a well-formed X-Correlation-Id or starts a new one, echoes it, and runs
 * the rest of the request in its context. First of all hooks, so a refused body still gets one.
 */
export function startRequestContext(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const offered = request.headers['x-correlation-id'];
  const context = {
    correlationId: typeof offered === 'string' && HEADER_ID.test(offered) ? offered : randomUUID(),
    requestId: randomUUID(),
  };
  contexts.set(request, context);
  reply.header('X-Correlation-Id', context.correlationId);
  storage.run(context, done);
}

/**
 * preHandler hook: reading the body's stream does not keep the async context, so the handler is
 * entered in the request's context again.
 */
export function reenterRequestContext(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const context = contexts.get(request);
  if (context) storage.run(context, done);
  else done();
}
