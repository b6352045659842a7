import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../domain/command';
import type { OpenCase } from './open-case.decide';
import type { OpenedCase } from './open-case.orchestration';

/** The case opened and its family: revision of the case's stream, position of the last event written. */
export type OpenCaseResult = OpenedCase;

export class OpenCaseCommand extends Command<OpenCaseResult> {
  constructor(
    readonly request: Omit<OpenCase['data'], 'caseId' | 'familyId'> & { familyId?: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
