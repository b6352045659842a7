import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RECORDING_ROLES, Roles } from '@windscreen/auth';
import { RequestContext, RequestIds } from '@windscreen/http';
import type { Actor } from '../../domain/actor';
import { uuidParam } from '../../shared/case-id.pipe';
import { commandContext } from '../../shared/command-context.factory';
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
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(new StartChildProtectionPlanCommand({ caseId, category: body.category, ...(body.previousPlansElsewhere !== undefined && { previousPlansElsewhere: body.previousPlansElsewhere }) }, commandContext(actor, body.occurredAt, ids))),
    );
  }

  @Post('end')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'ChildProtectionPlanEnded' })
  async end(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: EndChildProtectionPlanRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(new EndChildProtectionPlanCommand({ caseId, reason: body.reason }, commandContext(actor, body.occurredAt, ids))),
    );
  }

  @Post('core-group-meetings')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'CoreGroupMet (occurredAt: when it met); the first is due 10 working days after the initial conference (R30)' })
  async coreGroup(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordCoreGroupMeetingRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(await this.commandBus.execute(new RecordCoreGroupMeetingCommand({ caseId, ...data }, commandContext(actor, occurredAt, ids))));
  }

  @Post('review-conferences')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'ChildProtectionReviewConferenceHeld with the latest category; the next is due 6 months on (R31)' })
  async review(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordReviewConferenceRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(await this.commandBus.execute(new RecordReviewConferenceCommand({ caseId, ...data }, commandContext(actor, occurredAt, ids))));
  }
}
