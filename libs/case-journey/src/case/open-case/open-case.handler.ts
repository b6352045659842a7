import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { ConcurrencyError } from '@windscreen/event-store';
import type { ChildState } from '../../child/child.decider';
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
    const known = request.childId !== undefined ? await this.existingChild(request.childId, context) : undefined;
    const childId = request.childId ?? commandScopedId(context, 'child');
    const laChildId = known?.child.laChildId ?? request.laChildId ?? formatLaChildId(this.config.laChildIdFormat, childId);
    const familyId = known?.child.familyId ?? request.familyId ?? commandScopedId(context, 'family');
    const details = known?.child.details ?? request.child;
    if (!details) throw new RuleViolation('R41', 'CHILD.DETAILS_MISSING', 'A contact about a new child gives the child’s details', 'Give child, or childId for a child already recorded');
    const joining = known !== undefined || request.familyId !== undefined;
    const family = joining ? await this.decisions.loadState(familyAggregate, streamName.family(familyId)) : this.decisions.newStream(familyAggregate);
    const joinFamily: AddChildToFamily = { type: 'AddChildToFamily', data: { familyId, caseId }, context };
    // Decided now, so that the family's own rule refuses a family that does not exist before
    // anything is written; appended after the case, on the family as it is then.
    if (joining) await this.decisions.prepare(familyAggregate, streamName.family(familyId), joinFamily, family);
    const { childId: _named, laChildId: _given, familyId: _family, child: _details, ...contact } = request;
    const earlier = known ? await this.casesOf(known.child.caseIds) : { open: [], referrals: [] };
    const onChild = await this.decisions.prepare(
      childAggregate,
      streamName.child(childId),
      !known
        ? { type: 'RegisterChild', data: { childId, laChildId, familyId, details, firstCaseId: caseId }, context }
        : known.registeredFromCase
          ? { type: 'RegisterChild', data: { childId, laChildId, familyId, details, firstCaseId: childId, linkCaseId: caseId, openCaseIds: earlier.open }, context }
          : { type: 'LinkCaseToChild', data: { childId, caseId, openCaseIds: earlier.open }, context },
      known?.stream ?? this.decisions.newStream(childAggregate),
    );
    if (known && request.familyId !== undefined && request.familyId !== familyId) {
      throw new RuleViolation('R41', 'CHILD.OTHER_FAMILY', `Child ${childId} belongs to family ${familyId}, not ${request.familyId}`, 'Leave familyId out: the child’s family is taken from the child');
    }
    const openCase = await this.decisions.prepare(
      caseAggregate,
      streamName.case(caseId),
      {
        type: 'OpenCase',
        data: { ...contact, child: details, caseId, familyId, childId, laChildId, ...(earlier.referrals.length > 0 && { childReferralsBefore: earlier.referrals }) },
        context,
      },
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
   * The child a contact names, as the child's stream has it. A child recorded before children had
   * streams of their own is a v1 case's child (named by its case id): its facts are that case's,
   * and it is registered from it in the same append as the new case (`registeredFromCase`).
   */
  private async existingChild(
    childId: string,
    context: CommandContext,
  ): Promise<{ stream: LoadedStream<ChildState>; child: Pick<ChildState, 'laChildId' | 'familyId' | 'details' | 'caseIds'>; registeredFromCase: boolean }> {
    const stream = await this.decisions.loadState(childAggregate, streamName.child(childId));
    // Need-to-know on a recorded child is checked when the case is linked to it (CommandAccess).
    if (stream.state.exists) return { stream, child: stream.state, registeredFromCase: false };
    const { state: earlier } = await this.decisions.loadState(caseAggregate, streamName.case(childId));
    if (earlier.status === 'none' || earlier.childId !== childId) throw new NotFound('CHILD.NOT_FOUND', `Child ${childId} was not found`);
    await this.access.assertMayKnowCase(context.actor, earlier, this.decisions);
    return { stream, child: { laChildId: earlier.laChildId, familyId: earlier.familyId, details: earlier.child, caseIds: [childId] }, registeredFromCase: true };
  }

  /** The child's cases as they are now: which are open (R40), and when the child was referred on them (R28). */
  private async casesOf(caseIds: string[]): Promise<{ open: string[]; referrals: string[] }> {
    const open: string[] = [];
    const referrals: string[] = [];
    for (const caseId of caseIds) {
      const { state } = await this.decisions.loadState(caseAggregate, streamName.case(caseId));
      if (state.status === 'open') open.push(caseId);
      referrals.push(...state.referrals);
    }
    return { open, referrals: [...new Set(referrals)].sort((a, b) => Date.parse(a) - Date.parse(b)) };
  }
}

/** The streams' all-or-none append met a concurrent writer: nothing of this contact is recorded yet. */
class CaseNotYetRecorded extends Error {
  constructor(readonly conflict: ConcurrencyError) {
    super(conflict.message);
  }
}
