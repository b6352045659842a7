import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createSecretKey } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@windscreen/identity';
import { ALLOWED_ROLES, AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';
import { FailedLoginMonitor } from './failed-login-monitor';
import { InvalidToken, TokenPolicy, TokenRejection, TokenVerifier } from './tokens';

export const JWT_SECRET = Symbol('JWT_SECRET');
export const TOKEN_POLICY = Symbol('TOKEN_POLICY');

type Rejection = TokenRejection | 'missing-token' | 'malformed-header';

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SECRET) secret: string,
    private readonly failedLogins: FailedLoginMonitor,
    @Inject(TOKEN_POLICY) policy: TokenPolicy,
  ) {
    // Prepared once: given the raw string, jsonwebtoken would build a key on every request.
    this.tokens = new TokenVerifier(createSecretKey(Buffer.from(secret, 'utf8')), undefined, undefined, policy);
  }

  private readonly tokens: TokenVerifier;

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & FastifyRequest>();
    const header = request.headers.authorization;
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) {
      throw this.reject(
        context,
        header === undefined ? 'missing-token' : 'malformed-header',
        'A bearer token is required (Authorization: Bearer <token>)',
      );
    }
    let actor;
    try {
      actor = this.tokens.verify(match[1]);
    } catch (error) {
      const invalid = error instanceof InvalidToken ? error : undefined;
      throw this.reject(
        context,
        invalid?.reason ?? 'invalid-token',
        invalid ? `Invalid token: ${invalid.message}` : 'Invalid token',
      );
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    const role = allowed ? actor.roles.find((candidate) => allowed.includes(candidate)) : actor.role;
    if (!role) {
      throw new ForbiddenException(
        `This needs one of the roles ${allowed!.join(', ')}; you have ${actor.roles.join(', ')}`,
      );
    }
    // A new object: the verifier hands the same actor to every request with this token.
    request.actor = { ...actor, role };
    return true;
  }

  /** Logs the refusal (why, from where, on what; never the token) and counts it against the client. */
  private reject(context: ExecutionContext, reason: Rejection, detail: string): UnauthorizedException {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // The id this request answers with (set as it arrived), so that the refusal can be found by it.
    const correlationId = context.switchToHttp().getResponse<FastifyReply>().getHeader('x-correlation-id');
    const ip = request.ip ?? 'unknown';
    const path = request.url.split('?')[0].slice(0, 200);
    const { failuresInWindow, warning } = this.failedLogins.record(ip);
    this.logger.log({
      msg: 'token rejected',
      event: 'auth.rejected',
      reason,
      ip,
      method: request.method,
      path,
      failuresInWindow,
      correlationId,
    });
    if (warning) {
      this.logger.warn({
        msg: `repeated token rejections from ${ip}`,
        event: 'auth.repeated-rejections',
        ip,
        failuresSinceLastWarning: warning.failuresSinceLastWarning,
        threshold: this.failedLogins.threshold,
        windowSeconds: this.failedLogins.windowMs / 1000,
      });
    }
    return new UnauthorizedException(detail);
  }
}
