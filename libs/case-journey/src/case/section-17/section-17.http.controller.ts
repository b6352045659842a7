import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
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
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(await this.commandBus.execute(new OpenSection17AssessmentCommand({ caseId }, context)));
  }

  @Post('completion')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'Section17AssessmentCompleted with primary need and assessment factors',
  })
  async complete(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: CompleteSection17AssessmentRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new CompleteSection17AssessmentCommand({ caseId, ...data }, context)),
    );
  }
}
