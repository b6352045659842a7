import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../domain/command';
import type { OpenCase } from './open-case.decide';

export interface OpenCaseResult {
  caseId: string;
  familyId: string;
  revision: bigint;
  position: bigint;
}

export class OpenCaseCommand extends Command<OpenCaseResult> {
  constructor(
    readonly request: Omit<OpenCase['data'], 'caseId' | 'familyId'> & { familyId?: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
