import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CASE_READING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import { CaseHistoryView, GetCaseHistoryQuery } from './get-case-history.query';
import { LogsCaseAccess } from '../../audit/access-log/access-log.interceptor';

export class CaseHistoryRequestDto {
  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be the `next` value of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

class HistoryPageDto {
  @ApiProperty({ description: 'Events oldest first, each with type, revision, position, data and metadata' })
  events!: unknown[];
  @ApiProperty({ nullable: true, type: String }) next!: string | null;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class GetCaseHistoryHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':caseId/history')
  @LogsCaseAccess('history')
  @Roles(...CASE_READING_ROLES)
  @ApiOkResponse({ type: HistoryPageDto, description: 'Every event of the case, as recorded' })
  @ApiNotFoundResponse()
  getHistory(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query() query: CaseHistoryRequestDto,
  ): Promise<CaseHistoryView> {
    return this.queryBus.execute(new GetCaseHistoryQuery(caseId, BigInt(query.cursor ?? '0'), query.limit ?? 100));
  }
}
