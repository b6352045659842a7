import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../domain/command';
import { NotFound } from '../../domain/domain-error';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, familyAggregate } from '../../events/aggregates';
import { commandScopedId } from '../../shared/command-ids';
import { DecisionRunner } from '../../shared/decision-runner';
import { CommandAccess } from '../../case/access/command-access';
import type { Professional } from '../family.decider';

export interface EarlyHelpAssessmentStartedResult {
  ehaId: string;
  familyId: string;
  revision: bigint;
  position: bigint;
}

export class StartEarlyHelpAssessmentCommand extends Command<EarlyHelpAssessmentStartedResult> {
  constructor(
    readonly caseId: string,
    readonly leadProfessional: Professional,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * The EHA belongs to the child's family (R2: one per family), so it is decided on the family's
 * stream with what the child's case says about consent (R1). Two practitioners starting one at
 * once: the second is decided again on the first's EHA and gets the R2 refusal.
 */
@CommandHandler(StartEarlyHelpAssessmentCommand)
export class StartEarlyHelpAssessmentHandler implements ICommandHandler<StartEarlyHelpAssessmentCommand, EarlyHelpAssessmentStartedResult> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly access: CommandAccess,
  ) {}

  async execute({ caseId, leadProfessional, context }: StartEarlyHelpAssessmentCommand): Promise<EarlyHelpAssessmentStartedResult> {
    const { state: child } = await this.decisions.loadState(caseAggregate, streamName.case(caseId));
    // The case is the way in: one the actor may not know is not found, before any rule.
    await this.access.assertMayKnowCase(context.actor, child, this.decisions);
    if (child.status === 'none' || !child.familyId) throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
    const consent = child.consents.early_help;
    const ehaId = commandScopedId(context, 'early-help-assessment');
    const result = await this.decisions.runRedecidingOnConflict(familyAggregate, streamName.family(child.familyId), {
      type: 'StartEarlyHelpAssessment',
      data: {
        familyId: child.familyId,
        ehaId,
        caseId,
        leadProfessional,
        childCaseOpen: child.status === 'open',
        consentInForce: consent ? { decision: consent.decision, givenBy: consent.givenBy, gillickCompetent: consent.gillickCompetent } : null,
      },
      context,
    });
    return { ehaId, familyId: child.familyId, ...result };
  }
}
