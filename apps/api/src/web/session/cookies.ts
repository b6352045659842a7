import type { FastifyReply, FastifyRequest } from 'fastify';
import { WEB_PREFIX } from '../web-paths';

export const SESSION_COOKIE = 'windscreen_session';
/** The state of a sign-in in progress with the identity provider (OpenID Connect state, nonce, PKCE verifier). */
export const SIGN_IN_COOKIE = 'windscreen_sign_in';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name)
      return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (sent on the identity provider's redirect back, a
 * top-level GET, but not on another site's form posts), scoped to the pages, Secure unless the
 * configuration allows plain-http development. No Max-Age: the server decides when it ends.
 */
export function setCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  secure: boolean,
  maxAgeSeconds?: number,
): void {
  const attributes = [`${name}=${encodeURIComponent(value)}`, `Path=${WEB_PREFIX}`, 'HttpOnly', 'SameSite=Lax'];
  if (secure) attributes.push('Secure');
  if (maxAgeSeconds !== undefined) attributes.push(`Max-Age=${maxAgeSeconds}`);
  const previous = reply.getHeader('set-cookie');
  const cookies = previous === undefined ? [] : Array.isArray(previous) ? previous.map(String) : [String(previous)];
  reply.header('set-cookie', [...cookies, attributes.join('; ')]);
}

export function clearCookie(reply: FastifyReply, name: string, secure: boolean): void {
  setCookie(reply, name, '', secure, 0);
}
