import {
  applyDecorators,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '@windscreen/auth';
import { RequestValidationError } from '@windscreen/http';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import type { Actor } from '@windscreen/identity';
import { toCsv } from '../shared/csv';
import {
  addDays,
  addMonths,
  daysBetween,
  FIRST_REPORT_DAY,
  isReportDay,
  LAST_REPORT_DAY,
  periodStartsBetween,
  ukDay,
} from './periods';
import { GetTrendReportQuery, ReportFilters, ReportName, ReportView } from './trend-report.query';
import { TrendReportRequestDto, TrendReportResponseDto } from './trend-reports.request.dto';

/** The longest range a report covers: ten years of weeks is still a readable table. */
const MAX_YEARS = 10;
/** The most rows (periods) one report answers with: ten years of ISO weeks. */
const MAX_PERIODS = 53 * MAX_YEARS + 1;

const ReportEndpoint = (path: ReportName, summary: string, rows: string) =>
  applyDecorators(
    Get(path),
    Roles('manager', 'auditor'),
    UseInterceptors(ReadYourWritesInterceptor),
    ApiOperation({
      summary,
      description: `Rows: ${rows}. JSON, or CSV with \`Accept: text/csv\` or \`?format=csv\` (same columns, header row = labels).`,
    }),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({ type: TrendReportResponseDto }),
    ApiBadRequestResponse({ description: 'A filter is not valid: the problem names the field' }),
    ApiForbiddenResponse({
      description: 'Not a manager or auditor; or a manager without the all-teams claim asking for another team',
    }),
  );

/**
 * Managers' trend reports (issue 5): how children move between levels of need, how long they stay,
 * whether steps down hold, re-referrals, timeliness and early help.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class TrendReportsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReportEndpoint(
    'transitions',
    'Steps up and down per period',
    '`period, stepUps, stepDowns` (SteppedUp / SteppedDown, dated by when they happened)',
  )
  transitions(
    @Query() query: TrendReportRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    return this.report('transitions', query, actor, accept, response);
  }

  @ReportEndpoint(
    'transitions/detail',
    'Steps up and down by level, area, team, agency and reason category',
    '`period, from, to, direction, area, team, agency, reasonCategory, count`; only combinations that happened. The team is the one holding the case; the agency the one that stepped it; `not_recorded` for steps recorded without a category',
  )
  transitionsDetail(
    @Query() query: TrendReportRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    return this.report('transitions/detail', query, actor, accept, response);
  }

  @ReportEndpoint(
    'flow',
    'Flow between levels over the whole range',
    '`from, to, children`: `from` a level or `new_contact` (the first level assessed), `to` a level or `closed`; children counted once per pair',
  )
  flow(
    @Query() query: TrendReportRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    return this.report('flow', query, actor, accept, response);
  }

  @ReportEndpoint(
    'time-at-level',
    'Days at each level before stepping up, down or closing',
    '`level, exits, medianDays, p90Days` for exits in the range (whole UK calendar days; percentiles interpolated, to one decimal; null without exits)',
  )
  timeAtLevel(
    @Query() query: TrendReportRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    return this.report('time-at-level', query, actor, accept, response);
  }

  @ReportEndpoint(
    'step-down-durability',
    'Of children stepped down from specialist, how many came back up to specialist',
    '`period, steppedDown, backUpWithin3Months, backUpWithin6Months, backUpWithin12Months` per period of the step down (cumulative windows)',
  )
  stepDownDurability(
    @Query() query: TrendReportRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    return this.report('step-down-durability', query, actor, accept, response);
  }

  @ReportEndpoint(
    're-referrals',
    'Referrals and re-referrals (DfE: within 12 months of a previous referral of the same child)',
    '`period, referrals, reReferrals, rate` (a referral is a case opened or reopened; `rate` 0..1, 3 places)',
  )
  reReferrals(
    @Query() query: TrendReportRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    return this.report('re-referrals', query, actor, accept, response);
  }

  @ReportEndpoint(
    'timeliness',
    'Items done on time, per rule and period of their due date',
    '`period, rule, due, onTime, late, outstanding, onTimeRate` for R10, R11-red, R11-amber, R11-green, R13, R33, S17, ICPC, core-group, RCPC, CIN-review and TAF-review; late includes items overdue and not done; `onTimeRate` = onTime / (onTime + late), null when none',
  )
  timeliness(
    @Query() query: TrendReportRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    return this.report('timeliness', query, actor, accept, response);
  }

  @ReportEndpoint(
    'early-help',
    'Early help per period',
    '`period, ehasStarted, ehasCompleted, tafsConvened, tacsConvened, hubEscalatedToMash, hubDistrictEarlyHelp, hubSignposted, hubAdviceAndInformation, keepInTouchStarted`',
  )
  earlyHelp(
    @Query() query: TrendReportRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    return this.report('early-help', query, actor, accept, response);
  }

  private async report(
    name: ReportName,
    query: TrendReportRequestDto,
    actor: Actor,
    accept: string | undefined,
    response: FastifyReply,
  ) {
    const now = new Date().toISOString();
    const view: ReportView = await this.queryBus.execute(
      new GetTrendReportQuery(name, reportFilters(query, actor, ukDay(now)), now),
    );
    if (query.format === 'csv' || (!query.format && accept?.includes('text/csv'))) {
      response
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name.replace('/', '-')}.csv"`);
      return toCsv(
        view.columns.map((column) => column.label),
        view.rows.map((row) =>
          view.columns.map((column) =>
            row[column.key] === null || row[column.key] === undefined ? '' : String(row[column.key]),
          ),
        ),
      );
    }
    return view;
  }
}

/**
 * The filters as applied: the 12 months ending today by default; a manager without the all-teams
 * claim sees their own team only, and asking for another is refused. Auditors see every team.
 */
function reportFilters(query: TrendReportRequestDto, actor: Actor, today: string): ReportFilters {
  for (const field of ['from', 'to'] as const) {
    const day = query[field];
    if (day !== undefined && !isReportDay(day)) {
      throw new RequestValidationError([
        { field, reasons: [`${field} must be a real date from ${FIRST_REPORT_DAY} to ${LAST_REPORT_DAY}`] },
      ]);
    }
  }
  const to = query.to ?? today;
  const from = query.from ?? addDays(addMonths(to, -12), 1);
  // Compared as days, never as text.
  if (daysBetween(from, to) < 0)
    throw new RequestValidationError([{ field: 'from', reasons: [`from (${from}) must not be after to (${to})`] }]);
  if (daysBetween(addMonths(to, -12 * MAX_YEARS), from) < 0) {
    throw new RequestValidationError([{ field: 'from', reasons: [`a report covers at most ${MAX_YEARS} years`] }]);
  }
  const interval = query.interval ?? 'month';
  if (periodStartsBetween(from, to, interval).length > MAX_PERIODS) {
    throw new RequestValidationError([
      {
        field: 'interval',
        reasons: [`a report has at most ${MAX_PERIODS} periods: choose a longer interval or a shorter range`],
      },
    ]);
  }
  const seesAllTeams = actor.allTeams || actor.roles.includes('auditor');
  if (!seesAllTeams && query.team !== undefined && query.team !== actor.team) {
    throw new ForbiddenException(
      `A manager sees the reports of their own team (${actor.team || 'none'}); ask for an all-teams claim to see others`,
    );
  }
  return {
    from,
    to,
    interval,
    area: query.area ?? null,
    team: seesAllTeams ? (query.team ?? null) : actor.team,
  };
}
