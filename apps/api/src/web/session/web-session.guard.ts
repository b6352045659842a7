import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ALLOWED_ROLES, AuthenticatedRequest } from '@windscreen/auth';
import type { Actor, Role } from '@windscreen/identity';
import { readCookie, SESSION_COOKIE } from './cookies';
import { csrfTokenMatches, WebSession, WebSessions } from './web-sessions';

export interface WebRequest extends AuthenticatedRequest {
  webSession?: WebSession;
}

/** No live session: the error filter sends the browser to sign in, and back here afterwards. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('Sign in to continue');
  }
}

/** A form posted without this session's CSRF token: refused, nothing recorded. */
export class CsrfTokenMismatch extends ForbiddenException {
  constructor() {
    super('This form has expired or did not come from this service. Go back, reload the page and try again.');
  }
}

/** The role the actor acts in for something that allows these roles (the first of theirs that is allowed), or a 403. */
export function actingAs(actor: Actor, allowed: readonly Role[] | undefined): Actor {
  const role = allowed ? actor.roles.find((candidate) => allowed.includes(candidate)) : actor.roles[0];
  if (!role)
    throw new ForbiddenException(
      `This needs one of the roles ${allowed!.map((name) => name.replace('_', ' ')).join(', ')}`,
    );
  return { ...actor, role };
}

/**
 * The pages' counterpart of the bearer-token guard: the actor comes from the session cookie, every
 * form post must carry the session's CSRF token, and @Roles() narrows who may open the page. The
 * actor is set where the API's guard sets it, so the access log and need-to-know apply alike.
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & WebRequest>();
    const session = await this.sessions.resume(readCookie(request, SESSION_COOKIE));
    if (!session) throw new SignInRequired(request.method === 'GET' ? request.url : '');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      if (!csrfTokenMatches(session.csrfToken, (request.body as Record<string, unknown> | undefined)?._csrf))
        throw new CsrfTokenMismatch();
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    request.actor = actingAs(session.actor, allowed);
    request.webSession = session;
    return true;
  }
}
