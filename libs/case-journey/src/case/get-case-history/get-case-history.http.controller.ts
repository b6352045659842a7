import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CASE_READING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import { CaseHistoryView, GetCaseHistoryQuery } from './get-case-history.query';
import { LogsCaseAccess } from '../../audit/access-log/access-log.interceptor';
import { CaseHistoryRequestDto } from './get-case-history.request.dto';

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
