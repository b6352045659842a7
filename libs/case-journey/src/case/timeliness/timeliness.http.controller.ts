import { Controller, Get, Query, Req, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CASE_READING_ROLES, CurrentActor, Roles } from '@windscreen/auth';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import type { Actor } from '@windscreen/identity';
import { casesShown, LogsCaseListAccess } from '../../audit/access-log/access-log.interceptor';
import { DueItems, GetTimelinessQuery } from './get-timeliness.query';
import { TimelinessRequestDto } from './timeliness.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('timeliness')
export class TimelinessHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...CASE_READING_ROLES)
  @UseInterceptors(ReadYourWritesInterceptor)
  @LogsCaseListAccess('timeliness')
  @ApiOkResponse({
    description:
      'Every item due or overdue now, soonest first, with its rule and due time: R10 written follow-up (24 h), R11 MASH information by BRAG ' +
      '(4/6/24 h), R13 referrer told (1 working day), S17 assessment (45 working days), ICPC (15 working days from the strategy discussion), ' +
      'TAF reviews. Filter by rule, area, team, overdue or due',
  })
  async dueItems(
    @Query() filters: TimelinessRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: object,
  ): Promise<DueItems> {
    const due = await this.queryBus.execute(new GetTimelinessQuery(actor, filters));
    casesShown(
      request,
      due.items.map((item) => item.caseId),
    );
    return due;
  }
}
