import {
  Controller,
  Get,
  Header,
  Param,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import {
  casesShown,
  LogsCaseListAccess,
} from '../../../../../libs/case-journey/src/audit/access-log/access-log.interceptor';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '@windscreen/auth';
import { RequestValidationError } from '@windscreen/http';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import { GetCaseloadQuery } from '../../../../../libs/case-journey/src/case/caseload/get-caseload.query';
import { GetOpenEscalationsQuery } from '../../../../../libs/case-journey/src/case/escalation/get-open-escalations.query';
import { GetTimelinessQuery } from '../../../../../libs/case-journey/src/case/timeliness/get-timeliness.query';
import { TrendReportsHttpController } from '../../../../../libs/case-journey/src/reports/trend-reports.http.controller';
import { TrendReportRequestDto } from '../../../../../libs/case-journey/src/reports/trend-reports.request.dto';
import { bodyFromForm, formFields, formValuesFromBody, FormValues } from '../forms/dto-form';
import { frameOf, PageRequest, Pages } from '../pages';
import { RouteInvoker } from '../route-invoker';
import { WebErrorFilter } from '../session/web-error.filter';
import { WebSessionGuard } from '../session/web-session.guard';
import { WEB_PATH, WEB_PREFIX } from '../web-paths';
import { ChartSeries, trendChart } from './trend-chart';

/** The dashboard's reports, in the order it shows them; each is the API's own route. */
const DASHBOARD_REPORTS = [
  ['transitions', 'Step-ups and step-downs'],
  ['flow', 'Flow between levels'],
  ['time-at-level', 'Time at level'],
  ['re-referrals', 'Re-referrals'],
  ['timeliness', 'Timeliness'],
] as const;
/** The report drawn as a chart too, and its bars. */
const CHARTED_REPORT = 'transitions';
const STEP_SERIES: ChartSeries[] = [
  { key: 'stepUps', label: 'Step-ups', className: 'app-chart__bar--up' },
  { key: 'stepDowns', label: 'Step-downs', className: 'app-chart__bar--down' },
];

interface ReportAnswer {
  columns: { key: string; label: string }[];
  rows: Record<string, unknown>[];
  filters: Record<string, string>;
}

const REPORT_FILTERS = ['from', 'to', 'interval', 'area', 'team'] as const;
const REPORT_FILTER_FIELDS = formFields(TrendReportRequestDto).filter((field) =>
  (REPORT_FILTERS as readonly string[]).includes(field.name),
);

/** The controller method behind each report path (its @Get path), so that the page runs exactly that route. */
const REPORT_METHODS = new Map(
  Object.getOwnPropertyNames(TrendReportsHttpController.prototype)
    .map(
      (method) =>
        [
          Reflect.getMetadata(
            PATH_METADATA,
            (TrendReportsHttpController.prototype as unknown as Record<string, object>)[method],
          ),
          method,
        ] as const,
    )
    .filter(([path]) => typeof path === 'string'),
);

/** The filters from the address: the form's (a date as day, month and year) or a report's own names. */
function reportFilters(query: FormValues): Record<string, string> {
  const fromForm = bodyFromForm(REPORT_FILTER_FIELDS, query) as Record<string, string>;
  const given = Object.fromEntries(
    REPORT_FILTERS.filter((name) => typeof query[name] === 'string' && query[name].trim()).map((name) => [
      name,
      (query[name] as string).trim(),
    ]),
  );
  return { ...given, ...fromForm };
}

/** Managers' pages: the team's caseload and overdue items, open escalations, and the reports dashboard. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorFilter)
@Controller(WEB_PATH)
export class ManagementHttpController {
  constructor(
    private readonly pages: Pages,
    private readonly queryBus: QueryBus,
    private readonly routes: RouteInvoker,
  ) {}

  @Get('team')
  @UseInterceptors(ReadYourWritesInterceptor)
  @Roles('manager')
  @LogsCaseListAccess('team_caseload')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async team(
    @Req() request: PageRequest,
    @Query('overdue') overdue: string | undefined,
    @Query('cursor') cursor: string | undefined,
  ): Promise<string> {
    const actor = request.actor!;
    const team = actor.allTeams ? undefined : actor.team;
    const onlyOverdue = overdue === 'true';
    const [caseload, overdueItems] = await Promise.all([
      this.queryBus.execute(
        new GetCaseloadQuery(actor, {
          team,
          status: 'open',
          overdue: onlyOverdue || undefined,
          sort: '-lastActivity',
          limit: 50,
          cursor,
        }),
      ),
      this.queryBus.execute(new GetTimelinessQuery(actor, { team, state: 'overdue', limit: 50 })),
    ]);
    casesShown(request, [
      ...caseload.cases.map((entry) => entry.caseId),
      ...overdueItems.items.map((item) => item.caseId),
    ]);
    return this.pages.render('team', frameOf(request, 'team'), {
      title: team ? `The ${team} team's cases` : "Every team's cases",
      caseload,
      overdueItems,
      onlyOverdue,
    });
  }

  @Get('escalations')
  @UseInterceptors(ReadYourWritesInterceptor)
  @Roles('manager')
  @LogsCaseListAccess('open_escalations')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async escalations(@Req() request: PageRequest): Promise<string> {
    const cases = await this.queryBus.execute(new GetOpenEscalationsQuery(request.actor!));
    casesShown(
      request,
      cases.map((entry) => entry.caseId),
    );
    return this.pages.render('escalations', frameOf(request, 'escalations'), { title: 'Open escalations', cases });
  }

  /** The dashboard's reports as tables, filtered by a plain form: no token to paste, no script needed. */
  @Get('dashboard')
  @Roles('manager', 'auditor')
  async dashboard(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() query: FormValues,
  ): Promise<string> {
    const filters = reportFilters(query);
    reply.type('text/html; charset=utf-8');
    try {
      const reports = await Promise.all(
        DASHBOARD_REPORTS.map(async ([name, title]) => {
          const answer = (await this.report(request, reply, name, filters)) as ReportAnswer;
          return {
            name,
            title,
            answer,
            chart: name === CHARTED_REPORT ? trendChart(answer.rows, answer.columns[0].key, STEP_SERIES) : undefined,
            csvLink: `${WEB_PREFIX}/reports/${name}?${new URLSearchParams({ ...filters, format: 'csv' }).toString()}`,
          };
        }),
      );
      const shown = reports[0].answer.filters;
      return this.pages.render('dashboard', frameOf(request, 'dashboard'), {
        title: 'How children move between levels of need',
        fields: REPORT_FILTER_FIELDS,
        values: { ...formValuesFromBody(REPORT_FILTER_FIELDS, shown), ...query },
        reports,
      });
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      reply.status(400);
      const errors = error.fields.map((field) => ({ text: field.reasons.join('; '), href: `#${field.field}` }));
      return this.pages.render('dashboard', frameOf(request, 'dashboard'), {
        title: 'How children move between levels of need',
        fields: REPORT_FILTER_FIELDS,
        values: query,
        errors,
        fieldErrors: Object.fromEntries(error.fields.map((field) => [field.field, field.reasons.join('; ')])),
      });
    }
  }

  /** One report's CSV (the API's own), with the session instead of a token. */
  @Get('reports/:name')
  @Roles('manager', 'auditor')
  async reportCsv(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('name') name: string,
    @Query() query: FormValues,
  ): Promise<unknown> {
    return this.report(request, reply, name, { ...reportFilters(query), format: 'csv' });
  }

  private report(
    request: PageRequest,
    reply: FastifyReply,
    name: string,
    query: Record<string, string>,
  ): Promise<unknown> {
    const method = REPORT_METHODS.get(name);
    if (!method)
      throw new RequestValidationError([{ field: 'report', reasons: [`there is no report called ${name}`] }]);
    return this.routes.call(TrendReportsHttpController, method, { request, reply, actor: request.actor!, query });
  }
}
