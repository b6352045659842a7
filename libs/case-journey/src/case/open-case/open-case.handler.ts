import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { laChildIdFormatProblem } from '../../child/la-child-id.decide';
import { CommandAccess } from '../access/command-access';
import { commandScopedId } from '../../shared/command-ids';
import { DecisionRunner } from '../../shared/decision-runner';
import { OpenCaseCommand, OpenCaseResult } from './open-case.command';
import { CaseNotYetRecorded, openCaseOnStreams } from './open-case.orchestration';

/** Two contacts about one child at once: the loser is decided again, and gets R40's answer rather than a bare conflict. */
const ATTEMPTS = 3;

/** A contact becomes a case: ids for the case (and a new child and family) come from the command. */
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
        return await openCaseOnStreams(this.decisions, {
          caseId: commandScopedId(context, 'case'),
          newChildId: commandScopedId(context, 'child'),
          newFamilyId: commandScopedId(context, 'family'),
          laChildIdFormat: this.config.laChildIdFormat,
          request,
          context,
          assertMayKnowCase: (state) => this.access.assertMayKnowCase(context.actor, state, this.decisions),
        });
      } catch (error) {
        // Nothing is written when the streams' all-or-none append conflicts: decide again on what is there now.
        if (!(error instanceof CaseNotYetRecorded)) throw error;
        if (attempt >= ATTEMPTS) throw error.conflict;
      }
    }
  }
}
