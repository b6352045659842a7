import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@windscreen/auth';
import { AccessLogRequestDto } from './access-log.request.dto';
import { AccessLogEntry, GetAccessLogQuery } from './get-access-log.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/access')
export class GetAccessLogHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('auditor')
  @ApiOkResponse({
    description:
      'Who looked at the case, when, in which role and which view (lists that showed it among others included); newest first',
  })
  async accessLog(@Query() query: AccessLogRequestDto): Promise<{ entries: AccessLogEntry[] }> {
    return { entries: await this.queryBus.execute(new GetAccessLogQuery(query)) };
  }
}
