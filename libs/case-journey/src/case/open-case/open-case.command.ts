import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../domain/command';
import type { OpenCase } from './open-case.decide';

export interface OpenCaseResult {
  caseId: string;
  familyId: string;
  childId: string;
  laChildId: string;
  /** Whether the child was registered by this contact (false: an existing child was named). */
  childRegistered: boolean;
  revision: bigint;
  position: bigint;
}

/**
 * A contact about a child: either about a child already recorded (`childId`: the child's family is
 * theirs), or about a new child, registered with it (in `familyId` when given, else a new family).
 */
export class OpenCaseCommand extends Command<OpenCaseResult> {
  constructor(
    readonly request: Omit<OpenCase['data'], 'caseId' | 'familyId' | 'childId' | 'laChildId' | 'child'> & {
      familyId?: string;
      childId?: string;
      laChildId?: string;
      /** Required for a new child; for a child already recorded, their details are the child's own. */
      child?: OpenCase['data']['child'];
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}
