import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, childAggregate } from '../../events/aggregates';
import { CaseCommandMessage } from '../../shared/case-command';
import { DecisionResult, DecisionRunner } from '../../shared/decision-runner';

export class ReopenCaseCommand extends CaseCommandMessage<'ReopenCase'> {
  readonly type = 'ReopenCase';
}

/**
 * Reopening reads the child's other cases first: one open now refuses it (R40). A contact about
 * the child that opens a case at the same moment is not serialised with it (it writes the child's
 * stream, this the case's): the case summary shows both, and closing one settles it.
 */
@CommandHandler(ReopenCaseCommand)
export class ReopenCaseHandler implements ICommandHandler<ReopenCaseCommand, DecisionResult> {
  constructor(private readonly decisions: DecisionRunner) {}

  async execute(message: ReopenCaseCommand): Promise<DecisionResult> {
    const { caseId } = message.data;
    const { state } = await this.decisions.loadState(caseAggregate, streamName.case(caseId));
    let childOpenCaseId: string | null = null;
    if (state.childId) {
      const { state: child } = await this.decisions.loadState(childAggregate, streamName.child(state.childId));
      for (const other of child.caseIds.filter((id) => id !== caseId)) {
        if ((await this.decisions.loadState(caseAggregate, streamName.case(other))).state.status === 'open')
          childOpenCaseId = other;
      }
    }
    return this.decisions.run(caseAggregate, streamName.case(caseId), {
      ...message.toCommand(),
      data: { ...message.data, childOpenCaseId },
    });
  }
}
