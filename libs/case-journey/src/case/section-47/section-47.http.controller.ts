import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { ConcludeSection47EnquiryCommand } from './conclude-section-47-enquiry.command';
import { OpenSection47EnquiryCommand } from './open-section-47-enquiry.command';
import { RecordInitialChildProtectionConferenceCommand } from './record-initial-conference.command';
import {
  ConcludeSection47EnquiryRequestDto,
  OpenSection47EnquiryRequestDto,
  RecordInitialConferenceRequestDto,
} from './section-47.request.dto';

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/section-47-enquiry')
export class Section47HttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'Section47EnquiryOpened; SteppedUp first when the case was below specialist (R16)',
  })
  @ApiConflictResponse({ description: 'R16: an enquiry is already open' })
  async open(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: OpenSection47EnquiryRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new OpenSection47EnquiryCommand({ caseId, ...data }, context)),
    );
  }

  @Post('conclusion')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'Section47EnquiryConcluded' })
  @ApiConflictResponse({ description: 'R16: no open enquiry, or an ICPC is needed without its date' })
  async conclude(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: ConcludeSection47EnquiryRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new ConcludeSection47EnquiryCommand({ caseId, ...data }, context)),
    );
  }

  @Post('initial-conference')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'InitialChildProtectionConferenceHeld (occurredAt: when it met), with its decision (R24)',
  })
  @ApiConflictResponse({
    description: 'R24: no section 47 enquiry, its conference already recorded, or a plan without its category',
  })
  async conference(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordInitialConferenceRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new RecordInitialChildProtectionConferenceCommand({ caseId, ...data }, context)),
    );
  }
}
