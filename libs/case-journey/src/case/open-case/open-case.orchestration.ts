import { ConcurrencyError } from '@windscreen/event-store';
import type { ChildState } from '../../child/child.decider';
import { formatLaChildId } from '../../child/la-child-id.decide';
import type { CommandContext } from '../../domain/command';
import { NotFound, RuleViolation } from '../../domain/domain-error';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, childAggregate, familyAggregate } from '../../events/aggregates';
import type { AddChildToFamily } from '../../family/family.decider';
import type { LoadedStream } from '../../shared/decision-runner';
import type { PendingDecision, StreamDecisions } from '../../shared/stream-decisions';
import type { CaseState } from '../case.state';
import type { OpenCase } from './open-case.decide';

/**
 * A contact about a child: either about a child already recorded (`childId`: the child's family is
 * theirs), or about a new child, registered with it (in `familyId` when given, else a new family).
 */
export type OpenCaseRequest = Omit<OpenCase['data'], 'caseId' | 'familyId' | 'childId' | 'laChildId' | 'child'> & {
  familyId?: string;
  childId?: string;
  laChildId?: string;
  /** Required for a new child; for a child already recorded, their details are the child's own. */
  child?: OpenCase['data']['child'];
};

export interface OpenCaseOnStreams {
  caseId: string;
  /** The ids a new child and a new family get, when the contact names neither. */
  newChildId: string;
  newFamilyId: string;
  laChildIdFormat: string;
  request: OpenCaseRequest;
  context: CommandContext;
  /** Need-to-know on a child known only through a case recorded before children had streams of their own. */
  assertMayKnowCase(state: CaseState): void | Promise<void>;
}

export interface OpenedCase {
  caseId: string;
  familyId: string;
  childId: string;
  laChildId: string;
  /** Whether the child was registered by this contact (false: an existing child was named). */
  childRegistered: boolean;
  /** The case stream's revision. */
  revision: bigint;
  /** The position of the last event written. */
  position: bigint;
}

/** The streams' all-or-none append met a concurrent writer: nothing of this contact is recorded yet, so it may be decided again. */
export class CaseNotYetRecorded extends Error {
  constructor(readonly conflict: ConcurrencyError) {
    super(conflict.message);
  }
}

/**
 * A contact becomes a case, about a child, across the case's, the child's and the family's streams.
 * The case is decided first, so a refusal writes nothing. A new child is registered, and a new
 * family, in the same append as the case; a case about a child already recorded is linked to the
 * child in that append too, expecting the child's stream where it was read, so two contacts about
 * one child cannot both open a case (R40). A child joining an existing family is added to it after
 * the case is recorded. The handler and the demo's store player both run this, so they cannot drift.
 */
export async function openCaseOnStreams<P extends PendingDecision>(
  decisions: StreamDecisions<P>,
  input: OpenCaseOnStreams,
): Promise<OpenedCase> {
  const { caseId, request, context } = input;
  const known = request.childId !== undefined ? await existingChild(decisions, request.childId, input) : undefined;
  const childId = request.childId ?? input.newChildId;
  const laChildId = known?.child.laChildId ?? request.laChildId ?? formatLaChildId(input.laChildIdFormat, childId);
  const familyId = known?.child.familyId ?? request.familyId ?? input.newFamilyId;
  const details = known?.child.details ?? request.child;
  if (!details)
    throw new RuleViolation(
      'R41',
      'CHILD.DETAILS_MISSING',
      'A contact about a new child gives the child’s details',
      'Give child, or childId for a child already recorded',
    );
  if (known && request.familyId !== undefined && request.familyId !== familyId) {
    throw new RuleViolation(
      'R41',
      'CHILD.OTHER_FAMILY',
      `Child ${childId} belongs to family ${familyId}, not ${request.familyId}`,
      'Leave familyId out: the child’s family is taken from the child',
    );
  }
  const joining = known !== undefined || request.familyId !== undefined;
  const family = joining
    ? await decisions.loadState(familyAggregate, streamName.family(familyId))
    : decisions.newStream(familyAggregate);
  const joinFamily: AddChildToFamily = { type: 'AddChildToFamily', data: { familyId, caseId }, context };
  // Decided now, so that the family's own rule refuses a family that does not exist before
  // anything is written; appended after the case, on the family as it is then.
  if (joining) await decisions.prepare(familyAggregate, streamName.family(familyId), joinFamily, family);
  const { childId: _named, laChildId: _given, familyId: _family, child: _details, ...contact } = request;
  const earlier = known ? await casesOf(decisions, known.child.caseIds) : { open: [], referrals: [] };
  const onChild = await decisions.prepare(
    childAggregate,
    streamName.child(childId),
    !known
      ? { type: 'RegisterChild', data: { childId, laChildId, familyId, details, firstCaseId: caseId }, context }
      : known.registeredFromCase
        ? {
            type: 'RegisterChild',
            data: {
              childId,
              laChildId,
              familyId,
              details,
              firstCaseId: childId,
              linkCaseId: caseId,
              openCaseIds: earlier.open,
            },
            context,
          }
        : { type: 'LinkCaseToChild', data: { childId, caseId, openCaseIds: earlier.open }, context },
    known?.stream ?? decisions.newStream(childAggregate),
  );
  const openCase = await decisions.prepare(
    caseAggregate,
    streamName.case(caseId),
    {
      type: 'OpenCase',
      data: {
        ...contact,
        child: details,
        caseId,
        familyId,
        childId,
        laChildId,
        ...(earlier.referrals.length > 0 && { childReferralsBefore: earlier.referrals }),
      },
      context,
    },
    decisions.newStream(caseAggregate),
  );
  const together: P[] = [openCase, onChild];
  if (!joining) {
    together.push(
      await decisions.prepare(
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
    results = await decisions.commitTogether(together);
  } catch (error) {
    throw error instanceof ConcurrencyError ? new CaseNotYetRecorded(error) : error;
  }
  let position = results.reduce((latest, result) => (result.position > latest ? result.position : latest), 0n);
  if (joining) {
    // Read again: another child may have joined since the family was read.
    const joined = await decisions.run(familyAggregate, streamName.family(familyId), joinFamily);
    if (joined.position > position) position = joined.position;
  }
  return { caseId, familyId, childId, laChildId, childRegistered: !known, revision: results[0].revision, position };
}

/**
 * The child a contact names, as the child's stream has it. A child recorded before children had
 * streams of their own is a v1 case's child (named by its case id): its facts are that case's,
 * and it is registered from it in the same append as the new case (`registeredFromCase`).
 */
async function existingChild<P extends PendingDecision>(
  decisions: StreamDecisions<P>,
  childId: string,
  input: OpenCaseOnStreams,
): Promise<{
  stream: LoadedStream<ChildState>;
  child: Pick<ChildState, 'laChildId' | 'familyId' | 'details' | 'caseIds'>;
  registeredFromCase: boolean;
}> {
  const stream = await decisions.loadState(childAggregate, streamName.child(childId));
  // Need-to-know on a recorded child is checked when the case is linked to it (CommandAccess).
  if (stream.state.exists) return { stream, child: stream.state, registeredFromCase: false };
  const { state: earlier } = await decisions.loadState(caseAggregate, streamName.case(childId));
  if (earlier.status === 'none' || earlier.childId !== childId)
    throw new NotFound('CHILD.NOT_FOUND', `Child ${childId} was not found`);
  await input.assertMayKnowCase(earlier);
  return {
    stream,
    child: { laChildId: earlier.laChildId, familyId: earlier.familyId, details: earlier.child, caseIds: [childId] },
    registeredFromCase: true,
  };
}

/** The child's cases as they are now: which are open (R40), and when the child was referred on them (R28). */
async function casesOf<P extends PendingDecision>(
  decisions: StreamDecisions<P>,
  caseIds: string[],
): Promise<{ open: string[]; referrals: string[] }> {
  const open: string[] = [];
  const referrals: string[] = [];
  for (const caseId of caseIds) {
    const { state } = await decisions.loadState(caseAggregate, streamName.case(caseId));
    if (state.status === 'open') open.push(caseId);
    referrals.push(...state.referrals);
  }
  return { open, referrals: [...new Set(referrals)].sort((a, b) => Date.parse(a) - Date.parse(b)) };
}
