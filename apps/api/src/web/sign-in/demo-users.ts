import type { Actor } from '@windscreen/identity';
import { TEAMS, teamStaff } from '../../../../cli/src/demo/scenario';

/** The seed `npm run demo` uses unless told otherwise: its staff have these names. */
const DEMO_SEED = 'windscreen';

/**
 * People to act as on the development sign-in page: from each demo team, an early help worker,
 * a social worker, the MASH worker and manager, and the team manager (the staff `npm run demo` records as), and
 * an auditor and a head of service who see every team.
 */
export function demoUsers(): Actor[] {
  const teams = Object.values(TEAMS).flatMap((teams) => teams.map(([team]) => team));
  const users: Actor[] = teams.flatMap((team) => {
    const staff = teamStaff(DEMO_SEED, team);
    return [
      staff.earlyHelpWorkers[0],
      staff.socialWorkers[0],
      staff.mashWorker,
      staff.mashManager,
      staff.teamManager,
    ].map((person) => ({
      id: person.id,
      name: person.name,
      role: person.role,
      // MASH staff also hold the `mash` role: the front door's decisions are theirs.
      roles: person.roles ?? [person.role],
      agency: person.agency,
      team,
      allTeams: false,
    }));
  });
  users.push(
    {
      id: 'demo-auditor',
      name: 'Avery Auditor',
      role: 'auditor',
      roles: ['auditor'],
      agency: 'Quality Assurance',
      team: 'audit',
      allTeams: true,
    },
    {
      id: 'demo-head-of-service',
      name: 'Harper Head',
      role: 'manager',
      roles: ['manager'],
      agency: 'Children’s Social Care',
      team: 'north',
      allTeams: true,
    },
  );
  return users;
}
