import type { Actor } from '@windscreen/identity';

/**
 * Need-to-know (records "will be accessed only by staff who need to see them in order to do
 * their jobs"), the one rule for reading and for changing a case or a family:
 * - a case worker may know the cases held by their team, allocated to them, or of a family where
 *   they are the lead professional or a TAF/TAC member;
 * - a manager may know their team's cases, or every case with the all-teams claim;
 * - an auditor may know every case (read-only: the routes give auditors no command);
 * - an admin knows none unless they hold another role.
 * A case or family the actor may not know is answered as not found, so its existence is not confirmed.
 */
export interface WaysIn {
  /** The team whose cases the actor may know. */
  team: string | null;
  /** The user id a case may be allocated to, or a family professional named by, for the actor to know it. */
  userId: string | null;
}

/** What of a case decides who may know it. */
export interface CaseHolders {
  team: string | null;
  allocatedWorkerId: string | null;
}

/** The actor's ways in; null: the actor may know every case. */
export function waysIn(actor: Actor): WaysIn | null {
  if (actor.roles.includes('auditor') || (actor.roles.includes('manager') && actor.allTeams)) return null;
  const caseWorker = actor.roles.includes('case_worker');
  return {
    team: caseWorker || actor.roles.includes('manager') ? actor.team : null,
    userId: caseWorker ? actor.id : null,
  };
}

/** By the case alone: its team or its allocated worker. */
export function holdsCase(ways: WaysIn | null, holders: CaseHolders): boolean {
  if (ways === null) return true;
  return (
    (ways.team !== null && holders.team === ways.team) ||
    (ways.userId !== null && holders.allocatedWorkerId === ways.userId)
  );
}

/** By the family: the actor is its lead professional or a TAF/TAC member. */
export function professionalOf(ways: WaysIn | null, familyProfessionalIds: readonly string[]): boolean {
  if (ways === null) return true;
  return ways.userId !== null && familyProfessionalIds.includes(ways.userId);
}
