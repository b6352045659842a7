import type { NextFunction, Request, Response } from 'express';
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

const withPolicy = (directives: Record<string, string[]>) =>
  helmet({
    // Not upgrade-insecure-requests: the api is also served over plain http (localhost, behind a proxy).
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
  });

/**
 * Express middleware: security headers on every response, errors and /health included. Case data
 * must not be kept by browsers or proxies, so API responses are also `Cache-Control: no-store`
 * (a route may still set its own, as the dashboard does).
 */
export function securityHeaders(docsPath: string) {
  const api = withPolicy(API_CONTENT_SECURITY_POLICY);
  const docs = withPolicy(DOCS_CONTENT_SECURITY_POLICY);
  const docsPrefix = `/${docsPath.replace(/^\/+|\/+$/g, '')}`;
  return (request: Request, response: Response, next: NextFunction): void => {
    const isDocs = request.path === docsPrefix || request.path.startsWith(`${docsPrefix}/`);
    if (!isDocs) response.setHeader('Cache-Control', 'no-store');
    (isDocs ? docs : api)(request, response, next);
  };
}
