import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandRequestDto, CommandResponseDto } from '../../shared/http-dto';
import { EndSection20AccommodationCommand } from './end-section-20-accommodation.command';
import { SECTION_20_ENDINGS, Section20Ending } from './section-20.decide';
import { StartSection20AccommodationCommand } from './start-section-20-accommodation.command';

export class StartSection20AccommodationRequestDto extends CommandRequestDto {
  @ApiProperty({ example: 'Foster placement, Peterborough' }) @IsString() @IsNotEmpty() @MaxLength(500) placement!: string;
}

export class EndSection20AccommodationRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: SECTION_20_ENDINGS }) @IsIn(SECTION_20_ENDINGS) ending!: Section20Ending;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/section-20-accommodation')
export class Section20HttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'Section20AccommodationStarted' })
  @ApiConflictResponse({ description: 'R17: no consent of a person with parental responsibility, and the young person is not 16 or 17' })
  async start(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: StartSection20AccommodationRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(new StartSection20AccommodationCommand({ caseId, placement: body.placement }, context)),
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
    return commandResponse(await this.commandBus.execute(new EndSection20AccommodationCommand({ caseId, ...data }, context)));
  }
}
