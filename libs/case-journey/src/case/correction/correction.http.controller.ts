import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { CorrectEntryCommand } from './correct-entry.command';
import { CorrectEntryRequestDto } from './correction.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:caseId/corrections')
export class CorrectionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'R22: EntryCorrected, naming the entry, its original and corrected values and why',
  })
  @ApiConflictResponse({ description: 'R22: correcting a correction, or fields the entry does not have' })
  async correct(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: CorrectEntryRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(await this.commandBus.execute(new CorrectEntryCommand({ caseId, ...data }, context)));
  }
}
