import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { commandScopedId } from '../../shared/command-ids';
import { DecisionRunner } from '../../shared/decision-runner';
import { OpenCaseCommand, OpenCaseResult } from './open-case.command';
import { openCaseOnStreams } from './open-case.orchestration';

/** A contact becomes a case: ids for the case (and a new family) come from the command. */
@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, OpenCaseResult> {
  constructor(private readonly decisions: DecisionRunner) {}

  execute({ request: { familyId, ...request }, context }: OpenCaseCommand): Promise<OpenCaseResult> {
    return openCaseOnStreams(this.decisions, {
      caseId: commandScopedId(context, 'case'),
      familyId: familyId ?? commandScopedId(context, 'family'),
      joining: familyId !== undefined,
      request,
      context,
    });
  }
}
