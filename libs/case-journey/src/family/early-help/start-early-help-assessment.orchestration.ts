import type { CommandContext } from '../../domain/command';
import { NotFound } from '../../domain/domain-error';
import { streamName } from '../../domain/stream-name';
import type { CaseState } from '../../case/case.state';
import { caseAggregate, familyAggregate } from '../../events/aggregates';
import type { DecisionResult } from '../../shared/decision-runner';
import type { StreamDecisions } from '../../shared/stream-decisions';
import type { Professional } from '../family.decider';

export interface StartEarlyHelpAssessmentOnStreams {
  caseId: string;
  ehaId: string;
  leadProfessional: Professional;
  context: CommandContext;
  /** Need-to-know on the child's case, before any rule (the API checks it; the demo's own actors may). */
  assertMayKnowCase?: (child: CaseState) => void | Promise<void>;
}

/**
 * The EHA belongs to the child's family (R2: one per family), so it is decided on the family's
 * stream with what the child's case says about consent (R1). Two practitioners starting one at
 * once: the second is decided again on the first's EHA and gets the R2 refusal.
 * The handler and the demo's store player both run this.
 */
export async function startEarlyHelpAssessmentOnStreams(
  decisions: StreamDecisions,
  { caseId, ehaId, leadProfessional, context, assertMayKnowCase }: StartEarlyHelpAssessmentOnStreams,
): Promise<DecisionResult & { familyId: string }> {
  const { state: child } = await decisions.loadState(caseAggregate, streamName.case(caseId));
  // The case is the way in: one the actor may not know is not found, before any rule.
  if (assertMayKnowCase) await assertMayKnowCase(child);
  if (child.status === 'none' || !child.familyId) throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
  const consent = child.consents.early_help;
  const result = await decisions.runRedecidingOnConflict(familyAggregate, streamName.family(child.familyId), {
    type: 'StartEarlyHelpAssessment',
    data: {
      familyId: child.familyId,
      ehaId,
      caseId,
      leadProfessional,
      childCaseOpen: child.status === 'open',
      consentInForce: consent
        ? { decision: consent.decision, givenBy: consent.givenBy, gillickCompetent: consent.gillickCompetent }
        : null,
    },
    context,
  });
  return { familyId: child.familyId, ...result };
}
