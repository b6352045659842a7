import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RECORDING_ROLES, Roles } from '@windscreen/auth';
import { RequestContext, RequestIds } from '@windscreen/http';
import type { Actor } from '@windscreen/identity';
import type { ChildDetails } from '../child.decider';
import type { ParentOrCarer } from '../child.decider';
import { uuidParam } from '../../shared/case-id.pipe';
import { commandContext } from '../../shared/command-context.factory';
import { commandScopedId } from '../../shared/command-ids';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import {
  CorrectChildDetailsCommand,
  CorrectParentOrCarerCommand,
  RecordChildDeathCommand,
  RecordParentOrCarerCommand,
} from './record-on-child.commands';
import {
  CorrectChildDetailsRequestDto,
  CorrectParentOrCarerRequestDto,
  ParentOrCarerRecordedResponseDto,
  ParentOrCarerRequestDto,
  RecordChildDeathRequestDto,
} from './record-on-child.request.dto';

/** What is recorded about a child as a person: under need-to-know (through the child's cases), open to every recording role. */
@ApiTags('children')
@ApiBearerAuth()
@Controller('children/:childId')
@ApiNotFoundResponse({ description: 'No such child, or not one the caller may know' })
export class RecordOnChildHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('corrections')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'ChildDetailsCorrected: what changed and why; what was recorded stays (R22)',
  })
  @ApiConflictResponse({ description: 'R22: no reason, or nothing changed; R41: the details would not be coherent' })
  async correct(
    @Param('childId', uuidParam('childId')) childId: string,
    @Body() body: CorrectChildDetailsRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    const changes = body.changes as Partial<ChildDetails>;
    return commandResponse(
      await this.commandBus.execute(
        new CorrectChildDetailsCommand(
          { childId, changes, reason: body.reason },
          commandContext(actor, body.occurredAt, ids),
        ),
      ),
    );
  }

  @Post('death')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'ChildDeathRecorded' })
  @ApiConflictResponse({ description: 'R43: already recorded, before the date of birth, or in the future' })
  async recordDeath(
    @Param('childId', uuidParam('childId')) childId: string,
    @Body() body: RecordChildDeathRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new RecordChildDeathCommand(
          { childId, dateOfDeath: body.dateOfDeath },
          commandContext(actor, body.occurredAt, ids),
        ),
      ),
    );
  }

  @Post('parents-and-carers')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: ParentOrCarerRecordedResponseDto,
    description: 'ParentOrCarerRecorded, with whether they hold parental responsibility (R44)',
  })
  async recordParentOrCarer(
    @Param('childId', uuidParam('childId')) childId: string,
    @Body() body: ParentOrCarerRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<ParentOrCarerRecordedResponseDto> {
    const { occurredAt, ...person } = body;
    const context = commandContext(actor, occurredAt, ids);
    const personId = commandScopedId(context, 'parent or carer');
    const result = await this.commandBus.execute(
      new RecordParentOrCarerCommand({ childId, personId, ...person }, context),
    );
    return { personId, ...commandResponse(result) };
  }

  @Post('parents-and-carers/:personId/corrections')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'ParentOrCarerCorrected: what changed and why (R22)' })
  async correctParentOrCarer(
    @Param('childId', uuidParam('childId')) childId: string,
    @Param('personId', uuidParam('personId')) personId: string,
    @Body() body: CorrectParentOrCarerRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    const changes = body.changes as Partial<Omit<ParentOrCarer, 'personId'>>;
    return commandResponse(
      await this.commandBus.execute(
        new CorrectParentOrCarerCommand(
          { childId, personId, changes, reason: body.reason },
          commandContext(actor, body.occurredAt, ids),
        ),
      ),
    );
  }
}
