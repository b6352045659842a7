import { Controller, Get, Query, Req, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CASE_READING_ROLES, CurrentActor, Roles } from '@windscreen/auth';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import type { Actor } from '@windscreen/identity';
import { casesShown, LogsCaseListAccess } from '../../audit/access-log/access-log.interceptor';
import { CaseloadRequestDto } from './caseload.request.dto';
import { Caseload, GetCaseloadQuery } from './get-caseload.query';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseloadHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...CASE_READING_ROLES)
  @UseInterceptors(ReadYourWritesInterceptor)
  @LogsCaseListAccess('caseload')
  @ApiOkResponse({
    description:
      'The cases the caller may see (need-to-know: their team, allocated to them, or lead professional / TAF member), filtered and sorted, ' +
      'with counts by level and status over the whole filter and a `next` cursor',
  })
  async caseload(
    @Query() filters: CaseloadRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: object,
  ): Promise<Caseload> {
    const caseload = await this.queryBus.execute(new GetCaseloadQuery(actor, filters));
    casesShown(
      request,
      caseload.cases.map((entry) => entry.caseId),
    );
    return caseload;
  }
}
