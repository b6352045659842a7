import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import {
  EndChildProtectionPlanRequestDto,
  RecordCoreGroupMeetingRequestDto,
  RecordReviewConferenceRequestDto,
  StartChildProtectionPlanRequestDto,
} from './child-protection-plan.request.dto';
import { EndChildProtectionPlanCommand } from './end-child-protection-plan.command';
import { RecordCoreGroupMeetingCommand } from './record-core-group-meeting.command';
import { RecordReviewConferenceCommand } from './record-review-conference.command';
import { StartChildProtectionPlanCommand } from './start-child-protection-plan.command';

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/child-protection-plan')
export class ChildProtectionPlanHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'ChildProtectionPlanStarted' })
  @ApiConflictResponse({ description: 'A plan is already open, or the case is not at specialist' })
  async start(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: StartChildProtectionPlanRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new StartChildProtectionPlanCommand(
          {
            caseId,
            category: body.category,
            ...(body.previousPlansElsewhere !== undefined && { previousPlansElsewhere: body.previousPlansElsewhere }),
          },
          context,
        ),
      ),
    );
  }

  @Post('end')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'ChildProtectionPlanEnded' })
  async end(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: EndChildProtectionPlanRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(new EndChildProtectionPlanCommand({ caseId, reason: body.reason }, context)),
    );
  }

  @Post('core-group-meetings')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description:
      'CoreGroupMet (occurredAt: when it met); the first is due 10 working days after the initial conference (R30)',
  })
  async coreGroup(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordCoreGroupMeetingRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new RecordCoreGroupMeetingCommand({ caseId, ...data }, context)),
    );
  }

  @Post('review-conferences')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'ChildProtectionReviewConferenceHeld with the latest category; the next is due 6 months on (R31)',
  })
  async review(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordReviewConferenceRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new RecordReviewConferenceCommand({ caseId, ...data }, context)),
    );
  }
}
