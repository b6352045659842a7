import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RECORDING_ROLES, Roles } from '@windscreen/auth';
import { RequestContext, RequestIds } from '@windscreen/http';
import type { Actor } from '../../domain/actor';
import { uuidParam } from '../../shared/case-id.pipe';
import { commandContext } from '../../shared/command-context.factory';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { RecordInformationSharingDecisionRequestDto } from './information-sharing.request.dto';
import { RecordInformationSharingDecisionCommand } from './record-information-sharing-decision.command';

@ApiTags('information sharing')
@ApiBearerAuth()
@Controller('cases/:caseId/information-sharing-decisions')
export class InformationSharingHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'R19: InformationSharingDecisionRecorded, with the consent in force at the time' })
  @ApiConflictResponse({ description: 'R19: consent basis without consent; without consent and no lawful basis or judgement; an objection overridden without significant harm' })
  async record(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordInformationSharingDecisionRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    const { occurredAt, recipients, youngPersonObjection, ...decision } = body;
    return commandResponse(
      await this.commandBus.execute(
        new RecordInformationSharingDecisionCommand(
          {
            caseId,
            ...decision,
            recipients: (recipients ?? []).map(({ agency, role, name }) => ({ agency, ...(role && { role }), ...(name && { name }) })),
            ...(youngPersonObjection && { youngPersonObjection: { overridden: youngPersonObjection.overridden, why: youngPersonObjection.why } }),
          },
          commandContext(actor, occurredAt, ids),
        ),
      ),
    );
  }
}
