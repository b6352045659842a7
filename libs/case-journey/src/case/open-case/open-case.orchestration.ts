import type { CommandContext } from '../../domain/command';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, familyAggregate } from '../../events/aggregates';
import type { PendingDecision, StreamDecisions } from '../../shared/stream-decisions';
import type { OpenCase } from './open-case.decide';

export interface OpenCaseOnStreams {
  caseId: string;
  familyId: string;
  /** The child joins an existing family; otherwise a new family is registered with this case. */
  joining: boolean;
  request: Omit<OpenCase['data'], 'caseId' | 'familyId'>;
  context: CommandContext;
}

export interface OpenedCase {
  caseId: string;
  familyId: string;
  revision: bigint;
  position: bigint;
}

/**
 * A contact becomes a case, across the case's and the family's streams. The case is decided
 * first, so a refusal writes nothing. A new family is registered in the same append as the case
 * (a case never names a family that does not exist, and a family never lacks its first case); a
 * child joining an existing family is added to it after the case is recorded.
 * The handler and the demo's store player both run this, so they cannot drift apart.
 */
export async function openCaseOnStreams<P extends PendingDecision>(
  decisions: StreamDecisions<P>,
  { caseId, familyId, joining, request, context }: OpenCaseOnStreams,
): Promise<OpenedCase> {
  const family = joining ? await decisions.loadState(familyAggregate, streamName.family(familyId)) : decisions.newStream(familyAggregate);
  const addChild = { type: 'AddChildToFamily' as const, data: { familyId, caseId }, context };
  // Decided now, so that the family's own rule refuses a family that does not exist before
  // anything is written; appended after the case, on the family as it is then.
  if (joining) await decisions.prepare(familyAggregate, streamName.family(familyId), addChild, family);
  const openCase = await decisions.prepare(
    caseAggregate,
    streamName.case(caseId),
    { type: 'OpenCase', data: { ...request, caseId, familyId }, context },
    decisions.newStream(caseAggregate),
  );
  if (!joining) {
    const registerFamily = await decisions.prepare(
      familyAggregate,
      streamName.family(familyId),
      { type: 'RegisterFamily', data: { familyId, area: request.area, firstCaseId: caseId }, context },
      family,
    );
    // One append for both streams: the family and its first case are recorded together or not at all.
    const [registered, opened] = await decisions.commitTogether([registerFamily, openCase]);
    const position = registered.position > opened.position ? registered.position : opened.position;
    return { caseId, familyId, revision: opened.revision, position };
  }
  const opened = await openCase.commit();
  // Read again: another child may have joined since the family was read above.
  await decisions.run(familyAggregate, streamName.family(familyId), addChild);
  return { caseId, familyId, revision: opened.revision, position: opened.position };
}
