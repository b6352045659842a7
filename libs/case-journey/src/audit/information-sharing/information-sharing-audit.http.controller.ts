import { Controller, Get, Headers, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@windscreen/auth';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import { uuidParam } from '../../shared/case-id.pipe';
import { toCsv } from '../../shared/csv';
import { casesShown, LogsCaseAccess, LogsCaseListAccess } from '../access-log/access-log.interceptor';
import {
  DEFAULT_LATE_AFTER_HOURS,
  InformationSharingAuditRequestDto,
  InformationSharingDecisionAuditRequestDto,
} from './information-sharing-audit.request.dto';
import {
  DecisionView,
  EMPTY_ROW,
  GetInformationSharingAuditQuery,
  GetInformationSharingDecisionQuery,
  toView,
} from './information-sharing-audit.query';

/** Nested records a spreadsheet reads better as columns of their own. */
const CSV_EXPANDED: Partial<Record<keyof DecisionView, string[]>> = {
  decidedBy: ['id', 'name', 'role', 'agency', 'team'],
  youngPersonObjection: ['overridden', 'why'],
};

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join('; ');
  return JSON.stringify(value);
};

/** Every field of the JSON view, in the same order: the two views can never drift apart. */
function decisionsCsv(views: DecisionView[], keys: (keyof DecisionView)[]): string {
  const header = keys.flatMap((key) => CSV_EXPANDED[key]?.map((field) => `${key}.${field}`) ?? [key]);
  const rows = views.map((view) =>
    keys.flatMap((key) => {
      const fields = CSV_EXPANDED[key];
      if (!fields) return [csvCell(view[key])];
      const value = view[key] as Record<string, unknown> | null;
      return fields.map((field) => csvCell(value?.[field]));
    }),
  );
  return toCsv(header, rows);
}

/** R19 for auditors: every decision to share or not, filterable, with totals; which ones shared without consent and why. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/information-sharing')
export class InformationSharingAuditHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('auditor')
  @UseInterceptors(ReadYourWritesInterceptor)
  @LogsCaseListAccess('information-sharing-audit')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'Decisions newest first (cursor paging), with totals over the whole filter: by decision, basis, Article 6 basis, confidentiality basis, agency, late, without consent and without a reason, and per period by agency and basis',
  })
  async audit(
    @Query() query: InformationSharingAuditRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    const csv = query.format === 'csv' || (!query.format && accept?.includes('text/csv') === true);
    const { decisions, totals, next } = await this.queryBus.execute(new GetInformationSharingAuditQuery(query, csv));
    casesShown(
      response.request,
      decisions.map((decision) => decision.caseId),
    );
    if (csv) {
      response
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="information-sharing-decisions.csv"');
      return decisionsCsv(
        decisions,
        Object.keys(toView(EMPTY_ROW, DEFAULT_LATE_AFTER_HOURS)) as (keyof DecisionView)[],
      );
    }
    return { totals, decisions, next };
  }

  @Get('cases/:caseId/decisions/:decisionId')
  // It shows the child's case as it stood: a read of the case, written to the access log.
  @LogsCaseAccess('information_sharing_decision')
  @Roles('auditor')
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiOkResponse({
    description: 'One decision, with the child’s case at that moment as it was known then and as corrected since (R22)',
  })
  @ApiNotFoundResponse({ description: 'No such decision' })
  async decision(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('decisionId', uuidParam('decisionId')) decisionId: string,
    @Query() query: InformationSharingDecisionAuditRequestDto,
  ) {
    return this.queryBus.execute(
      new GetInformationSharingDecisionQuery(caseId, decisionId, query.lateAfterHours ?? DEFAULT_LATE_AFTER_HOURS),
    );
  }
}
