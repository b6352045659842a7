import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { RecordCareOrderStepCommand } from './record-care-order-step.command';
import { RecordCareOrderStepRequestDto } from './section-31.request.dto';

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/care-order-proceedings')
export class Section31HttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'CareOrderStepRecorded: applied, granted, refused or discharged (s31)',
  })
  @ApiConflictResponse({ description: 'R18: a step out of order' })
  async record(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordCareOrderStepRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(await this.commandBus.execute(new RecordCareOrderStepCommand({ caseId, ...data }, context)));
  }
}
