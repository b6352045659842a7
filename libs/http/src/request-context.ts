import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  /** Ties together everything one user action caused, across requests and events. */
  correlationId: string;
  /** This request: the cause of the events it records. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const contexts = new WeakMap<Request, RequestContext>();

export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

/** The context given to this request, even where the async context was lost (errors of the body parser). */
export const requestContextOf = (request: Request): RequestContext | undefined => contexts.get(request);

const HEADER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Express middleware: adopts a well-formed X-Correlation-Id or starts a new one, and echoes it.
 * Used before the body parser (so even a refused body gets a correlation id) and again after it,
 * since reading the body's stream does not keep the async context; the second use re-enters the
 * same context.
 */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  let context = contexts.get(request);
  if (!context) {
    const offered = request.header('x-correlation-id');
    context = { correlationId: offered && HEADER_ID.test(offered) ? offered : randomUUID(), requestId: randomUUID() };
    contexts.set(request, context);
    response.setHeader('X-Correlation-Id', context.correlationId);
  }
  storage.run(context, next);
}
