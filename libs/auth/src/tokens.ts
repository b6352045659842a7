import type { KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { Actor, Role, ROLES } from '@windscreen/identity';
import type { AppConfig } from '@windscreen/config';

export interface TokenClaims {
  sub: string;
  name: string;
  roles: Role[];
  agency: string;
  team: string;
  allTeams?: boolean;
}

/** Why a token was refused, for the log (never the token itself). */
export type TokenRejection =
  | 'expired'
  | 'not-yet-valid'
  | 'bad-signature'
  | 'unsigned'
  | 'wrong-algorithm'
  | 'malformed-token'
  | 'no-subject'
  | 'no-role'
  | 'no-expiry'
  | 'lifetime-too-long'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'invalid-token';

/** What a token must satisfy besides its signature. */
export interface TokenPolicy {
  /** The longest a token may be valid for: `exp` is required, at most this far from `iat` (and from now). */
  maxLifetimeSeconds: number;
  /** When set, `iss` must be this. */
  issuer?: string;
  /** When set, `aud` must name this. */
  audience?: string;
}

/** Twelve hours (AUTH_TOKEN_MAX_HOURS's default): a working day with its overtime, and no more. */
export const DEFAULT_TOKEN_POLICY: TokenPolicy = { maxLifetimeSeconds: 12 * 3600 };

/** The policy the configuration sets. */
export function tokenPolicyOf(
  config: Pick<AppConfig, 'authTokenMaxHours' | 'authIssuer' | 'authAudience'>,
): TokenPolicy {
  return {
    maxLifetimeSeconds: config.authTokenMaxHours * 3600,
    issuer: config.authIssuer,
    audience: config.authAudience,
  };
}

export class InvalidToken extends Error {
  constructor(
    message: string,
    readonly reason: TokenRejection = 'invalid-token',
  ) {
    super(message);
  }
}

function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof jwt.TokenExpiredError) return 'expired';
  if (error instanceof jwt.NotBeforeError) return 'not-yet-valid';
  const message = error instanceof Error ? error.message : '';
  if (message === 'invalid signature') return 'bad-signature';
  if (message === 'jwt signature is required') return 'unsigned';
  if (message === 'invalid algorithm') return 'wrong-algorithm';
  if (message.startsWith('jwt issuer invalid')) return 'wrong-issuer';
  if (message.startsWith('jwt audience invalid')) return 'wrong-audience';
  if (/malformed|invalid token|unexpected token|json/i.test(message)) return 'malformed-token';
  return 'invalid-token';
}

export function signToken(
  claims: TokenClaims,
  secret: string,
  expiresInSeconds = 8 * 3600,
  { issuer, audience }: Pick<TokenPolicy, 'issuer' | 'audience'> = {},
): string {
  return jwt.sign(
    {
      name: claims.name,
      roles: claims.roles,
      agency: claims.agency,
      team: claims.team,
      ...(claims.allTeams && { allTeams: true }),
    },
    secret,
    {
      algorithm: 'HS256',
      subject: claims.sub,
      expiresIn: expiresInSeconds,
      ...(issuer && { issuer }),
      ...(audience && { audience }),
    },
  );
}

/** Verifies an HS256 token and turns its claims into the actor recorded in event metadata. */
export function verifyToken(
  token: string,
  secret: string | KeyObject,
  policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
): Actor {
  return verifyTokenClaims(token, secret, Date.now(), policy).actor;
}

interface VerifiedToken {
  actor: Actor;
  /** `exp`, in seconds since the epoch. */
  expiresAt: number;
}

function verifyTokenClaims(
  token: string,
  secret: string | KeyObject,
  nowMs: number,
  policy: TokenPolicy,
): VerifiedToken {
  let payload: jwt.JwtPayload;
  const now = Math.floor(nowMs / 1000);
  try {
    const decoded = jwt.verify(token, secret, {
      algorithms: ['HS256'],
      clockTimestamp: now,
      ...(policy.issuer && { issuer: policy.issuer }),
      ...(policy.audience && { audience: policy.audience }),
    });
    if (typeof decoded === 'string') throw new InvalidToken('token payload must be a JSON object', 'malformed-token');
    payload = decoded;
  } catch (error) {
    if (error instanceof InvalidToken) throw error;
    throw new InvalidToken(error instanceof Error ? error.message : 'invalid token', rejectionOf(error));
  }
  if (typeof payload.exp !== 'number') throw new InvalidToken('token has no expiry (exp)', 'no-expiry');
  // Measured from when it was issued, or (without iat) from now: a token valid for a week is refused either way.
  const from = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
  if (payload.exp - from > policy.maxLifetimeSeconds) {
    throw new InvalidToken(`token lives longer than ${policy.maxLifetimeSeconds / 3600} h`, 'lifetime-too-long');
  }
  const roles = Array.isArray(payload.roles)
    ? (payload.roles as unknown[]).filter((role): role is Role => ROLES.includes(role as Role))
    : [];
  if (typeof payload.sub !== 'string' || !payload.sub)
    throw new InvalidToken('token has no subject (sub)', 'no-subject');
  if (roles.length === 0) throw new InvalidToken(`token has no known role (one of ${ROLES.join(', ')})`, 'no-role');
  const actor = {
    id: payload.sub,
    name: typeof payload.name === 'string' ? payload.name : payload.sub,
    role: roles[0],
    roles,
    agency: typeof payload.agency === 'string' ? payload.agency : '',
    team: typeof payload.team === 'string' ? payload.team : '',
    allTeams: payload.allTeams === true,
  };
  return { actor, expiresAt: payload.exp };
}

/**
 * Verifies tokens, remembering those it has verified until they expire: a client sends the same
 * token with every request of its session, and checking its signature again each time is a
 * large part of a small request. A token is remembered never past its `exp` (every accepted
 * token has one); a token that fails is never remembered. Memory is bounded: past `maxTokens`, the token
 * verified longest ago is forgotten (and verified again if it comes back).
 */
export class TokenVerifier {
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly secret: string | KeyObject,
    private readonly maxTokens = 10_000,
    private readonly now: () => number = Date.now,
    private readonly policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
  ) {}

  verify(token: string): Actor {
    const now = this.now();
    const known = this.verified.get(token);
    // jsonwebtoken refuses a token once now >= exp: so does the cache.
    if (known && now / 1000 < known.expiresAt) return known.actor;
    if (known) this.verified.delete(token);
    const checked = verifyTokenClaims(token, this.secret, now, this.policy);
    this.verified.set(token, checked);
    if (this.verified.size > this.maxTokens) this.verified.delete(this.verified.keys().next().value!);
    return checked.actor;
  }
}
