import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandScopedId } from '../../shared/command-ids';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import type { Recipient } from './information-sharing.decide';
import {
  RecipientDto,
  RecordInformationSentRequestDto,
  RecordInformationSharingDecisionRequestDto,
} from './information-sharing.request.dto';
import {
  RecordInformationSentCommand,
  RecordInformationSharingDecisionCommand,
} from './record-information-sharing-decision.command';

export class InformationSharingDecisionResponseDto extends CommandResponseDto {
  @ApiProperty({ description: 'Names the decision: the information sent under it refers to it' }) decisionId!: string;
}

const recipientsOf = (recipients: RecipientDto[] | undefined): Recipient[] =>
  (recipients ?? []).map(({ agency, role, name }) => ({ agency, ...(role && { role }), ...(name && { name }) }));

@ApiTags('information sharing')
@ApiBearerAuth()
@Controller('cases/:caseId/information-sharing-decisions')
export class InformationSharingHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: InformationSharingDecisionResponseDto,
    description:
      'R19: InformationSharingDecisionRecorded, with the consent in force and what the case record said at the time',
  })
  @ApiConflictResponse({
    description:
      'R19: consent basis without consent; special-category data without an Article 9 / Schedule 1 condition; without consent resting on consent; no judgement; not told without a reason; an objection overridden without significant harm',
  })
  async record(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordInformationSharingDecisionRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<InformationSharingDecisionResponseDto> {
    const { occurredAt, recipients, youngPersonObjection, personInformed, advice, request, ...decision } = body;
    // From the Idempotency-Key when there is one: a retry answers with the id the first attempt recorded.
    const decisionId = commandScopedId(context, 'information-sharing-decision');
    const result = await this.commandBus.execute(
      new RecordInformationSharingDecisionCommand(
        {
          caseId,
          decisionId,
          ...decision,
          recipients: recipientsOf(recipients),
          personInformed: {
            told: personInformed.told,
            ...(personInformed.notToldReason && { notToldReason: personInformed.notToldReason }),
            ...(personInformed.notToldDetails && { notToldDetails: personInformed.notToldDetails }),
          },
          advice: {
            sought: advice.sought,
            ...(advice.from && { from: advice.from }),
            ...(advice.name && { name: advice.name }),
          },
          request: request ? { from: request.from, receivedAt: request.receivedAt } : null,
          ...(youngPersonObjection && {
            youngPersonObjection: { overridden: youngPersonObjection.overridden, why: youngPersonObjection.why },
          }),
        },
        context,
      ),
    );
    return { ...commandResponse(result), decisionId };
  }

  @Post(':decisionId/sent')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'R19 (golden rule 6): InformationSent under the decision',
  })
  @ApiNotFoundResponse({ description: 'No such decision on this case' })
  @ApiConflictResponse({
    description: 'R19: the decision was not to share; sent before the decision; an insecure method without a reason',
  })
  async sent(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('decisionId', uuidParam('decisionId')) decisionId: string,
    @Body() body: RecordInformationSentRequestDto,
    // Unless told otherwise, it happened when it was sent.
    @CommandContextOf((sent) => sent.sentAt) context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { recipients, insecureMethodReason, sentAt, method, information } = body;
    return commandResponse(
      await this.commandBus.execute(
        new RecordInformationSentCommand(
          {
            caseId,
            decisionId,
            sentAt,
            method,
            information,
            recipients: recipientsOf(recipients),
            ...(insecureMethodReason && { insecureMethodReason }),
          },
          context,
        ),
      ),
    );
  }
}
