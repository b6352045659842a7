/**
 * Who acts: the roles a person holds and the actor recorded with every event. Shared by the
 * domain (which decides on it) and auth (which reads it from a token); pure, and depends on nothing.
 */
/** `mash`: staff of the Multi-Agency Safeguarding Hub, who make the front door's decisions (with `case_worker` or `manager`). */
export type Role = 'case_worker' | 'manager' | 'mash' | 'auditor' | 'admin';
export const ROLES: readonly Role[] = ['case_worker', 'manager', 'mash', 'auditor', 'admin'];

export interface Actor {
  id: string;
  name: string;
  role: Role;
  roles: Role[];
  agency: string;
  team: string;
  /** A manager or auditor whose reports and caseload span every team, not only their own. */
  allTeams: boolean;
}
