import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import helmet from 'helmet';

/**
 * The API answers JSON, CSV and one printable HTML page (the chronology, styled inline): nothing
 * it serves may load or run anything, nor be framed.
 */
export const API_CONTENT_SECURITY_POLICY = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Swagger UI loads its own scripts and styles from the same origin and styles itself inline. */
export const DOCS_CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The pages: GOV.UK Frontend's styles, scripts, fonts and images are served by the api itself; no
 * inline script or style; forms post only back here. Nothing else is loaded.
 */
export const WEB_CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The headers helmet sets for a policy. They depend on nothing in the request, so helmet runs
 * once, against a response that only records them, rather than on every request.
 */
function helmetHeaders(directives: Record<string, string[]>): Record<string, string> {
  const middleware = helmet({
    // Not upgrade-insecure-requests: the api is also served over plain http (localhost, behind a proxy).
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure)
    throw failure instanceof Error
      ? failure
      : new Error('The security headers could not be computed', { cause: failure });
  return headers;
}

/**
 * onRequest hook: security headers on every response, errors, 404s and /health included. Case
 * data must not be kept by browsers or proxies, so API responses are also `Cache-Control:
 * no-store` (a route may still set its own, as the dashboard does).
 */
export function securityHeaders(docsPath: string, webPath?: string, identityProvider?: string) {
  const api = { ...helmetHeaders(API_CONTENT_SECURITY_POLICY), 'cache-control': 'no-store' };
  const docs = helmetHeaders(DOCS_CONTENT_SECURITY_POLICY);
  // Signing out is a form whose answer sends the browser on to the identity provider, to end its session too:
  // browsers hold a form's redirects to form-action as well.
  const formAction = identityProvider
    ? [...WEB_CONTENT_SECURITY_POLICY['form-action'], new URL(identityProvider).origin]
    : WEB_CONTENT_SECURITY_POLICY['form-action'];
  // Pages show case data too: not kept either (their static assets set their own caching).
  const web = {
    ...helmetHeaders({ ...WEB_CONTENT_SECURITY_POLICY, 'form-action': formAction }),
    'cache-control': 'no-store',
  };
  const under = (prefix: string, path: string) => path === prefix || path.startsWith(`${prefix}/`);
  const docsPrefix = `/${docsPath.replace(/^\/+|\/+$/g, '')}`;
  const webPrefix = webPath === undefined ? undefined : `/${webPath.replace(/^\/+|\/+$/g, '')}`;
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const path = request.url.split('?', 1)[0];
    reply.headers(under(docsPrefix, path) ? docs : webPrefix && under(webPrefix, path) ? web : api);
    done();
  };
}
