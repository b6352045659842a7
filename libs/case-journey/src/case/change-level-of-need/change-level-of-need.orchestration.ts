import type { CommandContext } from '../../domain/command';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, familyAggregate } from '../../events/aggregates';
import type { DecisionResult } from '../../shared/decision-runner';
import type { StreamDecisions } from '../../shared/stream-decisions';
import type { ChangeLevelOfNeed } from './change-level-of-need.decide';

/**
 * R6 asks whether the family has had early help: read it from the family, decide on the case.
 * The handler and the demo's store player both run this.
 */
export async function changeLevelOfNeedOnStreams(
  decisions: StreamDecisions,
  data: Omit<ChangeLevelOfNeed['data'], 'familyHasEarlyHelpAssessment'>,
  context: CommandContext,
): Promise<DecisionResult> {
  const child = await decisions.loadForDecision(caseAggregate, streamName.case(data.caseId));
  // Only a move to Specialist & safeguarding asks R6's question: other moves leave the family unread.
  // By the target level alone, not the case's current one: the state may be remembered, and the
  // command is decided again on the stream as read if it is out of date.
  const familyId = data.level === 'specialist' ? child.state.familyId : null;
  const family = familyId ? (await decisions.loadState(familyAggregate, streamName.family(familyId))).state : undefined;
  const familyHasEarlyHelpAssessment = (family?.earlyHelpAssessments.length ?? 0) > 0;
  return decisions.run(
    caseAggregate,
    streamName.case(data.caseId),
    { type: 'ChangeLevelOfNeed', data: { ...data, familyHasEarlyHelpAssessment }, context },
    child,
  );
}
