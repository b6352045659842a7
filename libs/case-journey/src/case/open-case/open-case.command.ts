import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../domain/command';
import type { OpenCaseRequest, OpenedCase } from './open-case.orchestration';

/** The case opened, its child and its family: revision of the case's stream, position of the last event written. */
export type OpenCaseResult = OpenedCase;

/** A contact about a child already recorded (`childId`) or about a new child. */
export class OpenCaseCommand extends Command<OpenCaseResult> {
  constructor(
    readonly request: OpenCaseRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
