import type { Actor, Role } from '@windscreen/identity';
import type { OidcConfig } from '@windscreen/config';

/** Signed in at the identity provider, but nothing in the claims gives a role here. */
export class NoRoleInClaims extends Error {
  constructor(readonly claim: string) {
    super(
      `Your account has no role in Windscreen (nothing in its "${claim}" claim is mapped to one). Ask your manager to request access.`,
    );
  }
}

/** The actor an ID token describes, through the configured claim names and group-to-role map. */
export function actorFromClaims(
  claims: Record<string, unknown>,
  config: Pick<OidcConfig, 'roleClaim' | 'roleMap' | 'teamClaim' | 'agencyClaim' | 'allTeamsClaim'>,
): Actor {
  const raw = claims[config.roleClaim];
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const roles = [
    ...new Set(groups.map((group) => config.roleMap[group]).filter((role): role is Role => role !== undefined)),
  ];
  if (roles.length === 0) throw new NoRoleInClaims(config.roleClaim);
  const text = (name: string) => (typeof claims[name] === 'string' && claims[name] !== '' ? claims[name] : undefined);
  return {
    id: String(claims.sub),
    name: text('name') ?? text('preferred_username') ?? String(claims.sub),
    role: roles[0],
    roles,
    agency: text(config.agencyClaim) ?? 'Not given',
    team: text(config.teamClaim) ?? 'Not given',
    allTeams: claims[config.allTeamsClaim] === true || claims[config.allTeamsClaim] === 'true',
  };
}
