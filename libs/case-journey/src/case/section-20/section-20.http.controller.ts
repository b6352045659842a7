import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import { EndSection20AccommodationCommand } from './end-section-20-accommodation.command';
import { StartSection20AccommodationCommand } from './start-section-20-accommodation.command';
import { StartSection20AccommodationRequestDto, EndSection20AccommodationRequestDto } from './section-20.request.dto';

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/section-20-accommodation')
export class Section20HttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'Section20AccommodationStarted' })
  @ApiConflictResponse({
    description: 'R17: no consent of a person with parental responsibility, and the young person is not 16 or 17',
  })
  async start(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: StartSection20AccommodationRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new StartSection20AccommodationCommand({ caseId, placement: body.placement }, context),
      ),
    );
  }

  @Post('end')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'Section20AccommodationEnded' })
  async end(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: EndSection20AccommodationRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new EndSection20AccommodationCommand({ caseId, ...data }, context)),
    );
  }
}
