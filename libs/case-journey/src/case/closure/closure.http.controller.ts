import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { CloseCaseCommand } from './close-case.command';
import { CloseCaseRequestDto, ReopenCaseRequestDto } from './closure.request.dto';
import { ReopenCaseCommand } from './reopen-case.command';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class ClosureHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('closure')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'CaseClosed with its national reason code (R21)' })
  @ApiConflictResponse({ description: 'R21: a section 47 enquiry or child protection plan is still open' })
  async close(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: CloseCaseRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new CloseCaseCommand(
          {
            caseId,
            reason: body.reason,
            summary: body.summary,
            dateOfDeath: body.dateOfDeath,
            courtReference: body.courtReference,
          },
          context,
        ),
      ),
    );
  }

  @Post('reopening')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'CaseReopened; within 12 months of closure it is a re-referral (R21)',
  })
  async reopen(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: ReopenCaseRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new ReopenCaseCommand({ caseId, reason: body.reason, ...(body.source && { source: body.source }) }, context),
      ),
    );
  }
}
