import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { AllocateCaseCommand } from './allocate-case.command';
import { AllocateCaseRequestDto } from './allocation.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class AllocationHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('allocation')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'CaseAllocated: the team that holds the case and its allocated worker',
  })
  @ApiForbiddenResponse({
    description: 'DUTY.ALLOCATION: only a manager of the holding team, or an all-teams manager, allocates',
  })
  @ApiConflictResponse({ description: 'ALLOCATION.UNKNOWN_TEAM: the team is not one of TEAMS or MASH_TEAMS' })
  async allocate(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: AllocateCaseRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { worker, team, reason } = body;
    return commandResponse(
      await this.commandBus.execute(
        new AllocateCaseCommand({ caseId, worker: { id: worker.id, name: worker.name }, team, reason }, context),
      ),
    );
  }
}
