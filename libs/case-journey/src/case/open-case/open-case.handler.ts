import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { commandScopedId } from '../../shared/command-ids';
import { DecisionRunner } from '../../shared/decision-runner';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, familyAggregate } from '../../events/aggregates';
import { OpenCaseCommand, OpenCaseResult } from './open-case.command';

/**
 * A contact becomes a case. The case is decided first, so a refusal writes nothing. A new family
 * is registered in the same append as the case (a case never names a family that does not exist,
 * and a family never lacks its first case); a child joining an existing family is added to it
 * after the case is recorded.
 */
@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, OpenCaseResult> {
  constructor(private readonly decisions: DecisionRunner) {}

  async execute({ request, context }: OpenCaseCommand): Promise<OpenCaseResult> {
    const caseId = commandScopedId(context, 'case');
    const joining = request.familyId !== undefined;
    const familyId = request.familyId ?? commandScopedId(context, 'family');
    const family = joining ? await this.decisions.loadState(familyAggregate, streamName.family(familyId)) : this.decisions.newStream(familyAggregate);
    const addChild = { type: 'AddChildToFamily' as const, data: { familyId, caseId }, context };
    // Decided now, so that the family's own rule refuses a family that does not exist before
    // anything is written; appended after the case, on the family as it is then.
    if (joining) await this.decisions.prepare(familyAggregate, streamName.family(familyId), addChild, family);
    const openCase = await this.decisions.prepare(
      caseAggregate,
      streamName.case(caseId),
      { type: 'OpenCase', data: { ...request, caseId, familyId }, context },
      this.decisions.newStream(caseAggregate),
    );
    if (!joining) {
      const registerFamily = await this.decisions.prepare(
        familyAggregate,
        streamName.family(familyId),
        { type: 'RegisterFamily', data: { familyId, area: request.area, firstCaseId: caseId }, context },
        family,
      );
      // One append for both streams: the family and its first case are recorded together or not at all.
      const [registered, opened] = await this.decisions.commitTogether([registerFamily, openCase]);
      const position = registered.position > opened.position ? registered.position : opened.position;
      return { caseId, familyId, revision: opened.revision, position };
    }
    const opened = await openCase.commit();
    // Read again: another child may have joined since the family was read above.
    await this.decisions.run(familyAggregate, streamName.family(familyId), addChild);
    return { caseId, familyId, revision: opened.revision, position: opened.position };
  }
}
