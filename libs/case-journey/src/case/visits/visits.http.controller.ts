import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import type { CommandContext } from '../../domain/command';
import { uuidParam } from '../../shared/case-id.pipe';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { RecordChildVisitCommand } from './record-child-visit.command';
import { RecordChildVisitRequestDto } from './visits.request.dto';

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/visits')
export class VisitsHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'ChildVisited, dated when the visit took place (occurredAt)',
  })
  @ApiConflictResponse({
    description: 'R45: seen alone but not seen, or a statutory visit without a child protection plan',
  })
  async record(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordChildVisitRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(await this.commandBus.execute(new RecordChildVisitCommand({ caseId, ...data }, context)));
  }
}
