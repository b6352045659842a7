import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@windscreen/case-journey/domain';
import { ALLOWED_ROLES, AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';
import { InvalidToken, verifyToken } from './tokens';

export const JWT_SECRET = Symbol('JWT_SECRET');

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SECRET) private readonly secret: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <token>)');
    let actor;
    try {
      actor = verifyToken(match[1], this.secret);
    } catch (error) {
      throw new UnauthorizedException(error instanceof InvalidToken ? `Invalid token: ${error.message}` : 'Invalid token');
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed) {
      const role = actor.roles.find((candidate) => allowed.includes(candidate));
      if (!role) {
        throw new ForbiddenException(`This needs one of the roles ${allowed.join(', ')}; you have ${actor.roles.join(', ')}`);
      }
      actor = { ...actor, role };
    }
    request.actor = actor;
    return true;
  }
}
