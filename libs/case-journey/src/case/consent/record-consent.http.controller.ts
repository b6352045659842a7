import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { RecordConsentCommand } from './record-consent.command';
import { RecordConsentRequestDto } from './record-consent.request.dto';

@ApiTags('consent')
@ApiBearerAuth()
@Controller('cases/:caseId/consents')
export class RecordConsentHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'ConsentRecorded: in force from now; a withdrawal takes effect from now on',
  })
  @ApiConflictResponse({
    description: 'R1/R7/R15/R19: a young person’s decision without Gillick competence; nothing to withdraw',
  })
  async recordConsent(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordConsentRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, gillickCompetent, ...consent } = body;
    return commandResponse(
      await this.commandBus.execute(
        new RecordConsentCommand({ caseId, ...consent, gillickCompetent: gillickCompetent ?? false }, context),
      ),
    );
  }
}
