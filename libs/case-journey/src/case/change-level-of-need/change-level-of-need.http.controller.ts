import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { ChangeLevelOfNeedCommand } from './change-level-of-need.command';
import { ChangeLevelOfNeedRequestDto } from './change-level-of-need.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:caseId/level-of-need')
export class ChangeLevelOfNeedHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'The first assessment records LevelOfNeedAssessed; later changes SteppedUp or SteppedDown',
  })
  @ApiConflictResponse({
    description:
      'R6/R7/R8 for a move to specialist; the case is already at that level or closed; or someone else changed it first',
  })
  async changeLevelOfNeed(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: ChangeLevelOfNeedRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, immediateRisk, consentException, ...data } = body;
    const result = await this.commandBus.execute(
      new ChangeLevelOfNeedCommand(
        {
          caseId,
          ...data,
          ...(immediateRisk && { immediateRisk: { justification: immediateRisk.justification } }),
          ...(consentException && {
            consentException: { reason: consentException.reason, justification: consentException.justification },
          }),
        },
        context,
      ),
    );
    return commandResponse(result);
  }
}
