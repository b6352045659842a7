import { Controller, Get, Header, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '@windscreen/auth';
import { decisionSteps, GetCaseReplayQuery } from '@windscreen/case-journey';
import { RequestValidationError } from '@windscreen/http';
import {
  casesShown,
  LogsCaseAccess,
  LogsCaseListAccess,
} from '../../../../../libs/case-journey/src/audit/access-log/access-log.interceptor';
import { GetAccessLogHttpController } from '../../../../../libs/case-journey/src/audit/access-log/get-access-log.http.controller';
import { InformationSharingAuditHttpController } from '../../../../../libs/case-journey/src/audit/information-sharing/information-sharing-audit.http.controller';
import { InformationSharingAuditRequestDto } from '../../../../../libs/case-journey/src/audit/information-sharing/information-sharing-audit.request.dto';
import { VerifyCaseChainQuery } from '../../../../../libs/case-journey/src/audit/verify-chain/verify-chain.query';
import { uuidParam } from '../../../../../libs/case-journey/src/shared/case-id.pipe';
import { formFields } from '../forms/dto-form';
import { frameOf, PageRequest, Pages } from '../pages';
import { RouteInvoker } from '../route-invoker';
import { WebErrorFilter } from '../session/web-error.filter';
import { WebSessionGuard } from '../session/web-session.guard';
import { WEB_PATH, WEB_PREFIX } from '../web-paths';

const SHARING_FILTERS = [
  'caseId',
  'familyId',
  'agency',
  'decision',
  'basis',
  'consentInForce',
  'decidedBy',
  'from',
  'to',
  'cursor',
] as const;

/** The audit's filters as questions, read from its request DTO (paging and format are the page's own business). */
const SHARING_FILTER_FIELDS = formFields(InformationSharingAuditRequestDto).filter(
  (field) => (SHARING_FILTERS as readonly string[]).includes(field.name) && field.name !== 'cursor',
);

/** Only the filters the audit knows, and only those given: the rest of the address is ignored. */
function sharingFilters(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    SHARING_FILTERS.filter((name) => query[name]?.trim()).map((name) => [name, query[name]!.trim()]),
  );
}

/** Auditors' pages: a case's decisions replayed, its access log, its verification; the information-sharing audit. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorFilter)
@Controller(`${WEB_PATH}/audit`)
export class AuditHttpController {
  constructor(
    private readonly pages: Pages,
    private readonly queryBus: QueryBus,
    private readonly routes: RouteInvoker,
  ) {}

  @Get()
  @Roles('auditor')
  @Header('Content-Type', 'text/html; charset=utf-8')
  start(@Req() request: PageRequest, @Query('case') wanted: string | undefined): string {
    const caseId = wanted?.trim() ?? '';
    const errors =
      caseId && !isUUID(caseId)
        ? [{ text: 'Enter the case reference in full, like 0f8fad5b-d9cb-469f-a165-70867728950e', href: '#case' }]
        : [];
    return this.pages.render('audit-start', frameOf(request, 'audit'), {
      title: 'Audit a case',
      caseId,
      found: caseId && !errors.length ? caseId : undefined,
      errors,
    });
  }

  /**
   * The case's decisions, one at a time with the case as it stood after each (previous and next are
   * plain links): "as known then" in the order they were recorded, up to a moment of recording;
   * "as it happened" in the order they happened, late entries in their place, up to a moment of happening.
   */
  @Get('cases/:caseId/replay')
  @Roles('auditor')
  @LogsCaseAccess('replay')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async caseReplay(
    @Req() request: PageRequest,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query('view') view: string | undefined,
    @Query('at') at: string | undefined,
    @Query('decision') decision: string | undefined,
  ): Promise<string> {
    const sense = view === 'as-it-happened' ? 'as-it-happened' : 'as-known-then';
    const moment = at?.trim() ? at.trim() : undefined;
    const errors =
      moment && Number.isNaN(Date.parse(moment))
        ? [
            {
              text: 'Enter the moment as a date, like 2026-03-02, or a date and time, like 2026-03-02T14:00:00Z',
              href: '#at',
            },
          ]
        : [];
    const until = moment && !errors.length ? endOfDay(moment) : undefined;
    // "As it happened" always folds in the order things happened: with no moment given, everything that has happened by now.
    const point =
      sense === 'as-it-happened' ? { asOccurredBy: until ?? new Date().toISOString() } : until ? { asOf: until } : {};
    const { events, state } = await this.queryBus.execute(new GetCaseReplayQuery(caseId, point));
    const child = state.child ? `${state.child.givenName} ${state.child.familyName}` : caseId;
    const steps = decisionSteps(events);
    // A decision is named by its revision in the case's record, so it stays the same decision when the order changes.
    const chosen = steps.findIndex((step) => step.revision === decision?.trim());
    const shown = chosen >= 0 ? chosen : steps.length - 1;
    const link = (changes: Record<string, string | undefined>) => {
      const query = { view: sense, at: moment, decision: steps[shown]?.revision, ...changes };
      const wanted = Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]));
      return `${WEB_PREFIX}/audit/cases/${caseId}/replay?${new URLSearchParams(wanted).toString()}#current-step`;
    };
    return this.pages.render('audit-replay', frameOf(request, 'audit'), {
      title: `Decisions: ${child}`,
      caseId,
      sense,
      moment: moment ?? '',
      steps,
      current: steps[shown],
      previous:
        shown > 0
          ? {
              text: 'Previous decision',
              href: link({ decision: steps[shown - 1].revision }),
              labelText: steps[shown - 1].description,
            }
          : undefined,
      next:
        shown < steps.length - 1
          ? {
              text: 'Next decision',
              href: link({ decision: steps[shown + 1].revision }),
              labelText: steps[shown + 1].description,
            }
          : undefined,
      switchTo:
        sense === 'as-known-then'
          ? { href: link({ view: 'as-it-happened' }), text: 'See this decision as it happened' }
          : { href: link({ view: 'as-known-then' }), text: 'See this decision as known then' },
      stepLinks: steps.map((step) => link({ decision: step.revision })),
      errors,
    });
  }

  @Get('cases/:caseId/access-log')
  @Roles('auditor')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async accessLog(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('caseId', uuidParam('caseId')) caseId: string,
  ): Promise<string> {
    const log = await this.routes.call<{ entries: unknown[] }>(GetAccessLogHttpController, 'accessLog', {
      request,
      reply,
      actor: request.actor!,
      query: { caseId },
    });
    return this.pages.render('audit-access-log', frameOf(request, 'audit'), {
      title: 'Who looked at this case',
      caseId,
      entries: log.entries,
    });
  }

  @Get('cases/:caseId/verification')
  @Roles('auditor')
  @LogsCaseAccess('hash_chain_verification')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async verification(
    @Req() request: PageRequest,
    @Param('caseId', uuidParam('caseId')) caseId: string,
  ): Promise<string> {
    const report = await this.queryBus.execute(new VerifyCaseChainQuery(caseId));
    return this.pages.render('audit-verification', frameOf(request, 'audit'), {
      title: 'Is the record as it was written?',
      report,
    });
  }

  @Get('information-sharing')
  @Roles('auditor')
  // The audit's own route names the cases it shows; a refused filter shows none.
  @LogsCaseListAccess('information_sharing_audit')
  async informationSharing(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() query: Record<string, string | undefined>,
  ): Promise<string> {
    const filters = sharingFilters(query);
    const csv = query.format === 'csv';
    try {
      const answer = await this.routes.call<unknown>(InformationSharingAuditHttpController, 'audit', {
        request,
        reply,
        actor: request.actor!,
        query: csv ? { ...filters, format: 'csv' } : filters,
      });
      if (csv) return answer as string;
      reply.type('text/html; charset=utf-8');
      const csvLink = `${WEB_PREFIX}/audit/information-sharing?${new URLSearchParams({ ...filters, format: 'csv' }).toString()}`;
      return this.pages.render('audit-information-sharing', frameOf(request, 'information-sharing'), {
        title: 'Information sharing decisions',
        filters,
        fields: SHARING_FILTER_FIELDS,
        audit: answer,
        csvLink,
      });
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      casesShown(request, []);
      reply.status(400).type('text/html; charset=utf-8');
      const errors = error.fields.map((field) => ({ text: field.reasons.join('; '), href: `#${field.field}` }));
      return this.pages.render('audit-information-sharing', frameOf(request, 'information-sharing'), {
        title: 'Information sharing decisions',
        filters,
        fields: SHARING_FILTER_FIELDS,
        errors,
      });
    }
  }
}

/** A date alone means the whole of that day. */
function endOfDay(moment: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(moment) ? `${moment}T23:59:59.999Z` : new Date(moment).toISOString();
}
