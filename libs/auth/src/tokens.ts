import * as jwt from 'jsonwebtoken';
import { Actor, Role, ROLES } from '@windscreen/case-journey/domain';

export interface TokenClaims {
  sub: string;
  name: string;
  roles: Role[];
  agency: string;
  team: string;
  allTeams?: boolean;
}

export class InvalidToken extends Error {}

export function signToken(claims: TokenClaims, secret: string, expiresInSeconds = 8 * 3600): string {
  return jwt.sign({ name: claims.name, roles: claims.roles, agency: claims.agency, team: claims.team, ...(claims.allTeams && { allTeams: true }) }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    expiresIn: expiresInSeconds,
  });
}

/** Verifies an HS256 token and turns its claims into the actor recorded in event metadata. */
export function verifyToken(token: string, secret: string): Actor {
  let payload: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof decoded === 'string') throw new InvalidToken('token payload must be a JSON object');
    payload = decoded;
  } catch (error) {
    throw new InvalidToken(error instanceof Error ? error.message : 'invalid token');
  }
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is Role => ROLES.includes(role)) : [];
  if (typeof payload.sub !== 'string' || !payload.sub) throw new InvalidToken('token has no subject (sub)');
  if (roles.length === 0) throw new InvalidToken(`token has no known role (one of ${ROLES.join(', ')})`);
  return {
    id: payload.sub,
    name: typeof payload.name === 'string' ? payload.name : payload.sub,
    role: roles[0],
    roles,
    agency: typeof payload.agency === 'string' ? payload.agency : '',
    team: typeof payload.team === 'string' ? payload.team : '',
    allTeams: payload.allTeams === true,
  };
}
