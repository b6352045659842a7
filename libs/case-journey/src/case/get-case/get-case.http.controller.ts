import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CASE_READING_ROLES, Roles } from '@windscreen/auth';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import { uuidParam } from '../../shared/case-id.pipe';
import { PointInTimeRequestDto } from '../replay/point-in-time.request.dto';
import type { CaseAsOfView } from './case-as-of';
import { GetCaseAsOfQuery } from './get-case-as-of.query';
import { CaseSummaryView, GetCaseQuery } from './get-case.query';
import { LogsCaseAccess } from '../../audit/access-log/access-log.interceptor';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class GetCaseHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':caseId')
  @LogsCaseAccess('summary')
  @Roles(...CASE_READING_ROLES)
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiOkResponse({
    description:
      'The case summary from the read model; with asOf or asOccurredBy, rebuilt from the events as they stood at that moment',
  })
  @ApiNotFoundResponse()
  async getCase(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query() at: PointInTimeRequestDto,
  ): Promise<CaseSummaryView | CaseAsOfView> {
    if (at.asOf || at.asOccurredBy) return this.queryBus.execute(new GetCaseAsOfQuery(caseId, at));
    return this.queryBus.execute(new GetCaseQuery(caseId));
  }
}
