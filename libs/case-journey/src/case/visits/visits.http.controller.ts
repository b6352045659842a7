import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentActor, RECORDING_ROLES, Roles } from '@windscreen/auth';
import { RequestContext, RequestIds } from '@windscreen/http';
import type { Actor } from '../../domain/actor';
import { uuidParam } from '../../shared/case-id.pipe';
import { commandContext } from '../../shared/command-context.factory';
import { commandResponse, CommandRequestDto, CommandResponseDto } from '../../shared/http-dto';
import { RecordChildVisitCommand } from './record-child-visit.command';

export class RecordChildVisitRequestDto extends CommandRequestDto {
  @ApiProperty({ description: 'Whether the child was seen' }) @IsBoolean() seen!: boolean;
  @ApiPropertyOptional({ description: 'Whether the child was seen alone (only when seen)' }) @IsOptional() @IsBoolean() seenAlone?: boolean;
  @ApiProperty({ description: 'A statutory visit under a child protection plan' }) @IsBoolean() statutory!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) notes?: string;
}

@ApiTags('statutory')
@ApiBearerAuth()
@Controller('cases/:caseId/visits')
export class VisitsHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'ChildVisited, dated when the visit took place (occurredAt)' })
  @ApiConflictResponse({ description: 'R45: seen alone but not seen, or a statutory visit without a child protection plan' })
  async record(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: RecordChildVisitRequestDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestContext | undefined,
  ): Promise<CommandResponseDto> {
    const { occurredAt, ...data } = body;
    return commandResponse(await this.commandBus.execute(new RecordChildVisitCommand({ caseId, ...data }, commandContext(actor, occurredAt, ids))));
  }
}
