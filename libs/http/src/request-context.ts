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

export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

const HEADER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Express middleware: adopts a well-formed X-Correlation-Id or starts a new one, and echoes it. */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  const offered = request.header('x-correlation-id');
  const context: RequestContext = {
    correlationId: offered && HEADER_ID.test(offered) ? offered : randomUUID(),
    requestId: randomUUID(),
  };
  response.setHeader('X-Correlation-Id', context.correlationId);
  storage.run(context, next);
}
