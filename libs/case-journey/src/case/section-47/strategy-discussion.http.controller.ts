import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RECORDING_ROLES, Roles } from '@windscreen/auth';
import { RequestContext, RequestIds } from '@windscreen/http';
import type { Actor } from '../../domain/actor';
import { uuidParam } from '../../shared/case-id.pipe';
import { commandContext } from '../../shared/command-context.factory';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { RecordStrategyDiscussionCommand } from './record-strategy-discussion.command';
import { RecordStrategyDiscussionRequestDto } from './section-47.request.dto';

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/strategy-discussions')
export class StrategyDiscussionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'StrategyDiscussionHeld; when it decides on section 47 enquiries (R29), the ICPC is due 15 working days later' })
  async record(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordStrategyDiscussionRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new RecordStrategyDiscussionCommand(
          { caseId, attendees: body.attendees, decision: body.decision, ...(body.section47 !== undefined && { section47: body.section47 }) },
          commandContext(actor, body.occurredAt, ids),
        ),
      ),
    );
  }
}
