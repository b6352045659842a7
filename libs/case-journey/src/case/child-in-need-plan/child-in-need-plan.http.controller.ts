import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandRequestDto, CommandResponseDto } from '../../shared/http-dto';
import { EndChildInNeedPlanCommand } from './end-child-in-need-plan.command';
import { RecordChildInNeedPlanReviewCommand } from './record-child-in-need-plan-review.command';
import { StartChildInNeedPlanCommand } from './start-child-in-need-plan.command';
import { EndChildInNeedPlanRequestDto, RecordChildInNeedPlanReviewRequestDto } from './child-in-need-plan.request.dto';

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/child-in-need-plan')
export class ChildInNeedPlanHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'ChildInNeedPlanStarted' })
  async start(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: CommandRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(await this.commandBus.execute(new StartChildInNeedPlanCommand({ caseId }, context)));
  }

  @Post('end')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'ChildInNeedPlanEnded' })
  async end(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: EndChildInNeedPlanRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(new EndChildInNeedPlanCommand({ caseId, reason: body.reason }, context)),
    );
  }

  @Post('reviews')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'ChildInNeedPlanReviewed (occurredAt: when it was held); the next is due 3 months on (R32)',
  })
  async review(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordChildInNeedPlanReviewRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new RecordChildInNeedPlanReviewCommand({ caseId, progress: body.progress }, context),
      ),
    );
  }
}
