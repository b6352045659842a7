import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../domain/command';
import { commandScopedId } from '../../shared/command-ids';
import { DecisionRunner } from '../../shared/decision-runner';
import { CommandAccess } from '../../case/access/command-access';
import type { Professional } from '../family.decider';
import { startEarlyHelpAssessmentOnStreams } from './start-early-help-assessment.orchestration';

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

/** The EHA's id comes from the command; need-to-know on the child's case is checked first. */
@CommandHandler(StartEarlyHelpAssessmentCommand)
export class StartEarlyHelpAssessmentHandler implements ICommandHandler<
  StartEarlyHelpAssessmentCommand,
  EarlyHelpAssessmentStartedResult
> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly access: CommandAccess,
  ) {}

  async execute({
    caseId,
    leadProfessional,
    context,
  }: StartEarlyHelpAssessmentCommand): Promise<EarlyHelpAssessmentStartedResult> {
    const ehaId = commandScopedId(context, 'early-help-assessment');
    const started = await startEarlyHelpAssessmentOnStreams(this.decisions, {
      caseId,
      ehaId,
      leadProfessional,
      context,
      assertMayKnowCase: (child) => this.access.assertMayKnowCase(context.actor, child, this.decisions),
    });
    return { ehaId, ...started };
  }
}
