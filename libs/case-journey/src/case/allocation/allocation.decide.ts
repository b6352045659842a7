import { Command, DomainEvent } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import type { CaseState } from '../case.state';

export interface AllocatedWorker {
  /** The worker's user id (the `sub` of their token): what need-to-know access matches on. */
  id: string;
  name: string;
}

export type AllocateCase = Command<
  'AllocateCase',
  { caseId: string; worker: AllocatedWorker; team: string; reason: string }
>;

export type CaseAllocated = DomainEvent<
  'CaseAllocated',
  {
    worker: AllocatedWorker;
    team: string;
    reason: string;
    previousWorker: AllocatedWorker | null;
    previousTeam: string | null;
  }
>;

/**
 * A case is held by a team and allocated to a worker. The team that opened a case holds it until
 * it is allocated; allocation decides who may see it on a need-to-know basis.
 */
export function decideAllocateCase(command: AllocateCase, state: CaseState): CaseAllocated[] {
  const { worker, team, reason } = command.data;
  if (state.allocatedWorker?.id === worker.id && state.team === team) {
    throw new RuleViolation(
      undefined,
      'CASE.ALREADY_ALLOCATED',
      `The case is already allocated to ${worker.name} in team ${team}`,
    );
  }
  return [
    {
      type: 'CaseAllocated',
      schemaVersion: 1,
      data: { worker, team, reason, previousWorker: state.allocatedWorker, previousTeam: state.team },
    },
  ];
}
