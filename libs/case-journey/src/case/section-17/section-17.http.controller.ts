import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RECORDING_ROLES, Roles } from '@windscreen/auth';
import { RequestContext, RequestIds } from '@windscreen/http';
import type { Actor } from '../../domain/actor';
import { uuidParam } from '../../shared/case-id.pipe';
import { commandContext } from '../../shared/command-context.factory';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { CompleteSection17AssessmentCommand } from './complete-section-17-assessment.command';
import { OpenSection17AssessmentCommand } from './open-section-17-assessment.command';
import { CompleteSection17AssessmentRequestDto, OpenSection17AssessmentRequestDto } from './section-17.request.dto';

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/section-17-assessment')
export class Section17HttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'Section17AssessmentOpened, due in 45 working days' })
  @ApiConflictResponse({ description: 'R15: no section_17 consent, not at specialist, or already open' })
  async open(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: OpenSection17AssessmentRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    return commandResponse(await this.commandBus.execute(new OpenSection17AssessmentCommand({ caseId }, commandContext(actor, body.occurredAt, ids))));
  }

  @Post('completion')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'Section17AssessmentCompleted with primary need and assessment factors' })
  async complete(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: CompleteSection17AssessmentRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(await this.commandBus.execute(new CompleteSection17AssessmentCommand({ caseId, ...data }, commandContext(actor, occurredAt, ids))));
  }
}
