import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CASE_READING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import { ChronologyEntry, chronologyCsv, chronologyHtml } from './chronology';
import { GetChronologyQuery } from './get-chronology.query';
import { LogsCaseAccess } from '../../audit/access-log/access-log.interceptor';
import { ChronologyRequestDto } from './chronology.request.dto';

export interface ChronologyView {
  caseId: string;
  asOf: string | null;
  asOccurredBy: string | null;
  entries: ChronologyEntry[];
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class GetChronologyHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':caseId/chronology')
  @LogsCaseAccess('chronology')
  @Roles(...CASE_READING_ROLES)
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({
    description:
      'The significant events in the order they happened, one plain line each, corrections beside what they correct',
  })
  @ApiNotFoundResponse()
  async chronology(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query() query: ChronologyRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<ChronologyView | string> {
    const { entries, child: whom } = await this.queryBus.execute(new GetChronologyQuery(caseId, query));
    const format =
      query.format ?? (accept?.includes('text/csv') ? 'csv' : accept?.includes('text/html') ? 'html' : 'json');
    if (format === 'csv') {
      response
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="chronology-${caseId}.csv"`);
      return chronologyCsv(entries);
    }
    if (format === 'html') {
      const child = whom ? `${whom.givenName} ${whom.familyName}` : caseId;
      const moment = query.asOf
        ? ` as known on ${query.asOf}`
        : query.asOccurredBy
          ? ` as it had happened by ${query.asOccurredBy}`
          : '';
      response.type('text/html; charset=utf-8');
      return chronologyHtml(
        `Chronology: ${child}`,
        entries,
        `Case ${caseId}${moment}. Printed ${new Date().toISOString()}.`,
      );
    }
    return { caseId, asOf: query.asOf ?? null, asOccurredBy: query.asOccurredBy ?? null, entries };
  }
}
