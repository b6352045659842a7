import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CASE_READING_ROLES, CurrentActor, Roles } from '@windscreen/auth';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import type { Actor } from '../../domain/actor';
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
  @ApiOkResponse({
    description:
      'The cases the caller may see (need-to-know: their team, allocated to them, or lead professional / TAF member), filtered and sorted, ' +
      'with counts by level and status over the whole filter and a `next` cursor',
  })
  caseload(@Query() filters: CaseloadRequestDto, @CurrentActor() actor: Actor): Promise<Caseload> {
    return this.queryBus.execute(new GetCaseloadQuery(actor, filters));
  }
}
