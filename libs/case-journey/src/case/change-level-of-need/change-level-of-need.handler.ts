import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DecisionResult, DecisionRunner } from '../../shared/decision-runner';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, familyAggregate } from '../../events/aggregates';
import { ChangeLevelOfNeedCommand } from './change-level-of-need.command';

/** R6 asks whether the family has had early help: read it from the family, decide on the case. */
@CommandHandler(ChangeLevelOfNeedCommand)
export class ChangeLevelOfNeedHandler implements ICommandHandler<ChangeLevelOfNeedCommand, DecisionResult> {
  constructor(private readonly decisions: DecisionRunner) {}

  async execute({ data, context }: ChangeLevelOfNeedCommand): Promise<DecisionResult> {
    const child = await this.decisions.loadForDecision(caseAggregate, streamName.case(data.caseId));
    // Only a move to Specialist & safeguarding asks R6's question: other moves leave the family unread.
    // By the target level alone, not the case's current one: the state may be remembered, and the
    // command is decided again on the stream as read if it is out of date.
    const familyId = data.level === 'specialist' ? child.state.familyId : null;
    const family = familyId ? (await this.decisions.loadState(familyAggregate, streamName.family(familyId))).state : undefined;
    const familyHasEarlyHelpAssessment = (family?.earlyHelpAssessments.length ?? 0) > 0;
    return this.decisions.run(caseAggregate, streamName.case(data.caseId), { type: 'ChangeLevelOfNeed', data: { ...data, familyHasEarlyHelpAssessment }, context }, child);
  }
}
