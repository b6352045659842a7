import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsString, IsUUID, MaxLength } from 'class-validator';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandRequestDto, CommandResponseDto } from '../../shared/http-dto';
import { CorrectEntryCommand } from './correct-entry.command';

export class CorrectEntryRequestDto extends CommandRequestDto {
  @ApiProperty({ description: 'The id of the event being corrected (from the case history)' })
  @IsUUID('all', { message: 'correctsEventId must be the uuid of an entry in the case history' })
  correctsEventId!: string;
  @ApiProperty({ description: 'Fields of that entry with their corrected values', example: { reason: 'Needs met by the school nurse' } })
  @IsObject()
  correctedValues!: Record<string, unknown>;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) reason!: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:caseId/corrections')
export class CorrectionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'R22: EntryCorrected, naming the entry, its original and corrected values and why' })
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
