import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandScopedId } from '../../shared/command-ids';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { EscalateFurtherCommand } from './escalate-further.command';
import { RaiseEscalationCommand } from './raise-escalation.command';
import { RecordEscalationDiscussionCommand } from './record-escalation-discussion.command';
import { ResolveEscalationCommand } from './resolve-escalation.command';
import { WithdrawEscalationCommand } from './withdraw-escalation.command';
import {
  RaiseEscalationRequestDto,
  EscalateFurtherRequestDto,
  EscalationDiscussionRequestDto,
  ResolveEscalationRequestDto,
  WithdrawEscalationRequestDto,
} from './escalation.request.dto';

export class EscalationRaisedDto extends CommandResponseDto {
  @ApiProperty() escalationId!: string;
}

/** R20: problem resolution between agencies, step by step. */
@ApiTags('escalation')
@ApiBearerAuth()
@Controller('cases/:caseId/escalations')
export class EscalationHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: EscalationRaisedDto, description: 'EscalationRaised' })
  async raise(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RaiseEscalationRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<EscalationRaisedDto> {
    const { occurredAt, ...data } = body;
    const escalationId = commandScopedId(context, 'escalation');
    const result = await this.commandBus.execute(
      new RaiseEscalationCommand({ caseId, escalationId, ...data }, context),
    );
    return { escalationId, ...commandResponse(result) };
  }

  @Post(':escalationId/next-level')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'EscalatedFurther' })
  @ApiConflictResponse({ description: 'R20: not the next step of the route, or the escalation has ended' })
  async escalate(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('escalationId', uuidParam('escalationId')) escalationId: string,
    @Body() body: EscalateFurtherRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new EscalateFurtherCommand({ caseId, escalationId, ...data }, context)),
    );
  }

  @Post(':escalationId/discussions')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'EscalationDiscussionRecorded: discussions, agreements and actions',
  })
  async discuss(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('escalationId', uuidParam('escalationId')) escalationId: string,
    @Body() body: EscalationDiscussionRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new RecordEscalationDiscussionCommand({ caseId, escalationId, ...data }, context)),
    );
  }

  @Post(':escalationId/resolution')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'EscalationResolved, with the agreement' })
  async resolve(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('escalationId', uuidParam('escalationId')) escalationId: string,
    @Body() body: ResolveEscalationRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new ResolveEscalationCommand({ caseId, escalationId, agreement: body.agreement }, context),
      ),
    );
  }

  @Post(':escalationId/withdrawal')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'EscalationWithdrawn' })
  async withdraw(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('escalationId', uuidParam('escalationId')) escalationId: string,
    @Body() body: WithdrawEscalationRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new WithdrawEscalationCommand({ caseId, escalationId, reason: body.reason }, context),
      ),
    );
  }
}
