import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { ConcurrencyError } from '@windscreen/event-store';
import type { ChildState, RegisterChild } from '../../child/child.decider';
import type { AddChildToFamily } from '../../family/family.decider';
import { CommandAccess } from '../access/command-access';
import { formatLaChildId, laChildIdFormatProblem } from '../../child/la-child-id.decide';
import type { CommandContext } from '../../domain/command';
import { NotFound, RuleViolation } from '../../domain/domain-error';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, childAggregate, familyAggregate } from '../../events/aggregates';
import { commandScopedId } from '../../shared/command-ids';
import { DecisionRunner, LoadedStream, PreparedDecision } from '../../shared/decision-runner';
import { OpenCaseCommand, OpenCaseResult } from './open-case.command';

/** Two contacts about one child at once: the loser is decided again, and gets R40's answer rather than a bare conflict. */
const ATTEMPTS = 3;

/**
 * A contact becomes a case, about a child. The case is decided first, so a refusal writes nothing.
 * A new child is registered, and a new family, in the same append as the case; a case about a
 * child already recorded is linked to the child in that append too, expecting the child's stream
 * where it was read, so two contacts about one child cannot both open a case (R40). A child joining
 * an existing family is added to it after the case is recorded.
 */
@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, OpenCaseResult> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly access: CommandAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const problem = laChildIdFormatProblem(config.laChildIdFormat);
    if (problem) throw new Error(`LA_CHILD_ID_FORMAT ${config.laChildIdFormat}: ${problem}`);
  }

  async execute({ request, context }: OpenCaseCommand): Promise<OpenCaseResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, joinFamily } = await this.recordCase(request, context);
        if (!joinFamily) return result;
        // Read again: another child may have joined since the family was read.
        const joined = await this.decisions.run(familyAggregate, streamName.family(result.familyId), joinFamily);
        return { ...result, position: joined.position > result.position ? joined.position : result.position };
      } catch (error) {
        // Nothing is written when the streams' all-or-none append conflicts: decide again on what is there now.
        if (!(error instanceof CaseNotYetRecorded) || attempt >= ATTEMPTS) throw error instanceof CaseNotYetRecorded ? error.conflict : error;
      }
    }
  }

  private async recordCase(request: OpenCaseCommand['request'], context: CommandContext): Promise<{ result: OpenCaseResult; joinFamily?: AddChildToFamily }> {
    const caseId = commandScopedId(context, 'case');
    const known = request.childId !== undefined ? await this.existingChild(request.childId, caseId, context) : undefined;
    const childId = request.childId ?? commandScopedId(context, 'child');
    const laChildId = known?.state.laChildId ?? request.laChildId ?? formatLaChildId(this.config.laChildIdFormat, childId);
    const familyId = known?.state.familyId ?? request.familyId ?? commandScopedId(context, 'family');
    const details = known?.state.details ?? request.child;
    if (!details) throw new RuleViolation('R41', 'CHILD.DETAILS_MISSING', 'A contact about a new child gives the child’s details', 'Give child, or childId for a child already recorded');
    const joining = known !== undefined || request.familyId !== undefined;
    const family = joining ? await this.decisions.loadState(familyAggregate, streamName.family(familyId)) : this.decisions.newStream(familyAggregate);
    const joinFamily: AddChildToFamily = { type: 'AddChildToFamily', data: { familyId, caseId }, context };
    // Decided now, so that the family's own rule refuses a family that does not exist before
    // anything is written; appended after the case, on the family as it is then.
    if (joining) await this.decisions.prepare(familyAggregate, streamName.family(familyId), joinFamily, family);
    const { childId: _named, laChildId: _given, familyId: _family, child: _details, ...contact } = request;
    const onChild = known
      ? await this.decisions.prepare(
          childAggregate,
          streamName.child(childId),
          { type: 'LinkCaseToChild', data: { childId, caseId, openCaseIds: await this.openCasesOf(known.state) }, context },
          known,
        )
      : await this.decisions.prepare(
          childAggregate,
          streamName.child(childId),
          { type: 'RegisterChild', data: { childId, laChildId, familyId, details, firstCaseId: caseId }, context },
          this.decisions.newStream(childAggregate),
        );
    if (known && request.familyId !== undefined && request.familyId !== familyId) {
      throw new RuleViolation('R41', 'CHILD.OTHER_FAMILY', `Child ${childId} belongs to family ${familyId}, not ${request.familyId}`, 'Leave familyId out: the child’s family is taken from the child');
    }
    const openCase = await this.decisions.prepare(
      caseAggregate,
      streamName.case(caseId),
      { type: 'OpenCase', data: { ...contact, child: details, caseId, familyId, childId, laChildId }, context },
      this.decisions.newStream(caseAggregate),
    );
    const together: PreparedDecision[] = [openCase, onChild];
    if (!joining) {
      together.push(
        await this.decisions.prepare(
          familyAggregate,
          streamName.family(familyId),
          { type: 'RegisterFamily', data: { familyId, area: request.area, firstCaseId: caseId }, context },
          family,
        ),
      );
    }
    // One append: the case, its child and a new family are recorded together or not at all.
    let results;
    try {
      results = await this.decisions.commitTogether(together);
    } catch (error) {
      throw error instanceof ConcurrencyError ? new CaseNotYetRecorded(error) : error;
    }
    const position = results.reduce((latest, result) => (result.position > latest ? result.position : latest), 0n);
    return {
      result: { caseId, familyId, childId, laChildId, childRegistered: !known, revision: results[0].revision, position },
      ...(joining && { joinFamily }),
    };
  }

  /**
   * The child named by the contact, as the child's stream has it. A child recorded before children
   * had streams of their own is a v1 case's child (named by its case id): it is registered from
   * that case first, as a fact of its own, so that it can be linked to like any other.
   */
  private async existingChild(childId: string, caseId: string, context: CommandContext): Promise<LoadedStream<ChildState>> {
    const loaded = await this.decisions.loadState(childAggregate, streamName.child(childId));
    // Need-to-know on a recorded child is checked when the case is linked to it (CommandAccess).
    if (loaded.state.exists) return loaded;
    const { state: earlier } = await this.decisions.loadState(caseAggregate, streamName.case(childId));
    if (earlier.status === 'none' || earlier.childId !== childId) throw new NotFound('CHILD.NOT_FOUND', `Child ${childId} was not found`);
    await this.access.assertMayKnowCase(context.actor, earlier, this.decisions);
    const register: RegisterChild = {
      type: 'RegisterChild',
      data: { childId, laChildId: earlier.laChildId!, familyId: earlier.familyId!, details: earlier.child!, firstCaseId: childId },
      context,
    };
    // A refused contact records nothing: the child's rules are asked first, on the child as registering would leave it.
    const metadata = { occurredAt: context.occurredAt, actor: context.actor };
    const registered = childAggregate.decide(register, loaded.state).reduce((state, event) => childAggregate.evolve(state, { ...event, metadata }), loaded.state);
    childAggregate.decide({ type: 'LinkCaseToChild', data: { childId, caseId, openCaseIds: earlier.status === 'open' ? [childId] : [] }, context }, registered);
    await this.decisions.run(childAggregate, streamName.child(childId), register, loaded);
    return this.decisions.loadState(childAggregate, streamName.child(childId));
  }

  /** R40 reads the child's cases: which are open now. */
  private async openCasesOf(child: ChildState): Promise<string[]> {
    const open: string[] = [];
    for (const caseId of child.caseIds) {
      const { state } = await this.decisions.loadState(caseAggregate, streamName.case(caseId));
      if (state.status === 'open') open.push(caseId);
    }
    return open;
  }
}

/** The streams' all-or-none append met a concurrent writer: nothing of this contact is recorded yet. */
class CaseNotYetRecorded extends Error {
  constructor(readonly conflict: ConcurrencyError) {
    super(conflict.message);
  }
}
