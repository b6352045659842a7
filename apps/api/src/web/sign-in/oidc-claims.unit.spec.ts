import { actorFromClaims, NoRoleInClaims } from './oidc-claims';

const mapping = {
  roleClaim: 'groups',
  roleMap: { 'CSC-Workers': 'case_worker', 'CSC-Managers': 'manager' } as const,
  teamClaim: 'team',
  agencyClaim: 'agency',
  allTeamsClaim: 'all_teams',
};

describe('actorFromClaims: who the identity provider says signed in', () => {
  it('Given groups mapped to roles, a team and an agency, When read, Then the actor has those roles, acting first in the first', () => {
    expect(
      actorFromClaims(
        {
          sub: 'u1',
          name: 'Sam Worker',
          groups: ['Everyone', 'CSC-Workers', 'CSC-Managers'],
          team: 'north',
          agency: 'Early Help',
        },
        mapping,
      ),
    ).toEqual({
      id: 'u1',
      name: 'Sam Worker',
      role: 'case_worker',
      roles: ['case_worker', 'manager'],
      agency: 'Early Help',
      team: 'north',
      allTeams: false,
    });
  });

  it('Given a space-separated string of groups and the all-teams claim, When read, Then both are understood', () => {
    expect(actorFromClaims({ sub: 'u2', groups: 'CSC-Managers Other', all_teams: true }, mapping)).toMatchObject({
      roles: ['manager'],
      allTeams: true,
      name: 'u2',
    });
  });

  it('Given no group that maps to a role, When read, Then sign-in is refused naming the claim', () => {
    expect(() => actorFromClaims({ sub: 'u3', groups: ['Everyone'] }, mapping)).toThrow(NoRoleInClaims);
    expect(() => actorFromClaims({ sub: 'u3' }, mapping)).toThrow('"groups"');
  });
});
