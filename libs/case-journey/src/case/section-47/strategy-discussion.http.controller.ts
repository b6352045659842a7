import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
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
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description:
      'StrategyDiscussionHeld; when it decides on section 47 enquiries (R29), the ICPC is due 15 working days later',
  })
  async record(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordStrategyDiscussionRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new RecordStrategyDiscussionCommand(
          {
            caseId,
            attendees: body.attendees,
            decision: body.decision,
            ...(body.section47 !== undefined && { section47: body.section47 }),
          },
          context,
        ),
      ),
    );
  }
}
