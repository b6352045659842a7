import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { ApplyBragRatingCommand } from './apply-brag-rating.command';
import {
  ApplyBragRatingRequestDto,
  RecordMashDecisionRequestDto,
  RecordReferrerNotifiedRequestDto,
  RecordWrittenFollowUpRequestDto,
} from './mash.request.dto';
import { RecordMashDecisionCommand } from './record-mash-decision.command';
import { RecordReferrerNotifiedCommand } from './record-referrer-notified.command';
import { RecordWrittenFollowUpCommand } from './record-written-follow-up.command';

@ApiTags('mash')
@ApiBearerAuth()
@Controller('cases/:caseId/mash')
export class MashHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('brag-rating')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'BragRatingApplied, with the due time for MASH information (R11)',
  })
  @ApiConflictResponse({ description: 'R11: the same rating again' })
  async applyBragRating(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: ApplyBragRatingRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new ApplyBragRatingCommand({ caseId, rating: body.rating, rationale: body.rationale }, context),
      ),
    );
  }

  @Post('written-follow-up')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'R10: the written follow-up of a telephone contact arrived (late when after 24 hours)',
  })
  @ApiConflictResponse({ description: 'R10: the contact was not by telephone, or the follow-up is already recorded' })
  async recordWrittenFollowUp(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordWrittenFollowUpRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(await this.commandBus.execute(new RecordWrittenFollowUpCommand({ caseId }, context)));
  }

  @Post('decision')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description:
      'R12: MashDecisionRecorded with the referrer notification due (R13), then the next step: s47 opened, s17 opened, or the case closed',
  })
  @ApiConflictResponse({
    description: 'R12: not rated yet, already decided, provision unnamed; R15/R16 from the next step',
  })
  async recordDecision(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordMashDecisionRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(await this.commandBus.execute(new RecordMashDecisionCommand({ caseId, ...data }, context)));
  }

  @Post('referrer-notified')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'R13: the referrer was told the outcome (late when after one working day)',
  })
  async recordReferrerNotified(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordReferrerNotifiedRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(new RecordReferrerNotifiedCommand({ caseId, how: body.how }, context)),
    );
  }
}
