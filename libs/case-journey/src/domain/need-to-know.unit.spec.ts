import type { Actor } from '@windscreen/identity';
import { holdsCase, professionalOf, waysIn } from './need-to-know';

const actor = (overrides: Partial<Actor>): Actor => ({
  id: 'alice',
  name: 'Alice',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Early Help',
  team: 'north',
  allTeams: false,
  ...overrides,
});
const northCase = { team: 'north', allocatedWorkerId: 'bob' };

describe('Need-to-know: the one rule reads and commands share', () => {
  it.each([
    ['a case worker of the holding team', actor({}), true],
    ['a case worker of another team', actor({ team: 'south' }), false],
    ['the allocated worker of another team', actor({ id: 'bob', team: 'south' }), true],
    ['a manager of the holding team', actor({ roles: ['manager'], role: 'manager' }), true],
    ['a manager of another team', actor({ roles: ['manager'], role: 'manager', team: 'south' }), false],
    [
      'a manager of another team allocated the case',
      actor({ id: 'bob', roles: ['manager'], role: 'manager', team: 'south' }),
      false,
    ],
    ['an all-teams manager', actor({ roles: ['manager'], role: 'manager', team: 'south', allTeams: true }), true],
    ['an auditor', actor({ roles: ['auditor'], role: 'auditor', team: 'audit' }), true],
    ['an admin of the holding team', actor({ roles: ['admin'], role: 'admin' }), false],
    ['a mash-only token of the holding team', actor({ roles: ['mash'], role: 'mash' }), false],
  ])('Given %s, When the case is held by north and allocated to bob, Then holdsCase is %s', (_who, who, expected) => {
    expect(holdsCase(waysIn(who), northCase)).toBe(expected);
  });

  it('Given a case worker named as a family professional, Then the family lets them in; a manager is never let in that way', () => {
    expect(professionalOf(waysIn(actor({ id: 'lp', team: 'west' })), ['lp'])).toBe(true);
    expect(professionalOf(waysIn(actor({ id: 'lp', team: 'west' })), ['tm'])).toBe(false);
    expect(professionalOf(waysIn(actor({ id: 'lp', roles: ['manager'], role: 'manager', team: 'west' })), ['lp'])).toBe(
      false,
    );
  });
});
