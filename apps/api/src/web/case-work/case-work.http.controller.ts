import {
  Body,
  Controller,
  Get,
  Header,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CASE_READING_ROLES, Public, RECORDING_ROLES, Roles } from '@windscreen/auth';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { decodeCaseEvent, GetCaseReplayQuery, NotPermitted, RuleViolation } from '@windscreen/case-journey';
import { ConcurrencyError } from '@windscreen/event-store';
import { RequestValidationError } from '@windscreen/http';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import { buildChronology } from '../../../../../libs/case-journey/src/case/chronology/chronology';
import {
  casesShown,
  LogsCaseAccess,
  LogsCaseListAccess,
} from '../../../../../libs/case-journey/src/audit/access-log/access-log.interceptor';
import { OpenCaseHttpController } from '../../../../../libs/case-journey/src/case/open-case/open-case.http.controller';
import { GetCaseloadQuery } from '../../../../../libs/case-journey/src/case/caseload/get-caseload.query';
import { GetCaseQuery } from '../../../../../libs/case-journey/src/case/get-case/get-case.query';
import { GetTimelinessQuery } from '../../../../../libs/case-journey/src/case/timeliness/get-timeliness.query';
import { uuidParam } from '../../../../../libs/case-journey/src/shared/case-id.pipe';
import { bodyFromForm, fieldErrors, FormField, formFields, FormValues } from '../forms/dto-form';
import { frameOf, PageRequest, Pages, ukDate } from '../pages';
import { RouteInvoker } from '../route-invoker';
import { WebErrorFilter } from '../session/web-error.filter';
import { WebSessionGuard } from '../session/web-session.guard';
import { WEB_PATH, WEB_PREFIX } from '../web-paths';
import { Transition, transitionNamed, TRANSITIONS } from './transitions';

const LEVEL_EVENTS = ['LevelOfNeedAssessed', 'SteppedUp', 'SteppedDown'];

/** Refused by a rule: what the worker sees, with the rule id and how to resolve it. */
export interface Refusal {
  rule?: string;
  message: string;
  howToResolve?: string;
}

/** What is said when the escalation or the sharing decision was not chosen. */
const CHOSEN_TARGET_ERRORS: Record<string, string> = {
  escalationId: 'Select which escalation',
  decisionId: 'Select the decision the information was sent under',
};
const CHOSEN_TARGETS = Object.keys(CHOSEN_TARGET_ERRORS);

const childNameOf = (child: Record<string, unknown>) =>
  [child.givenName, child.familyName].filter(Boolean).join(' ') || 'Unnamed child';

/** Case workers' pages: My work, find a case, a new contact, the case page and a form for each step the API offers. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorFilter)
@Controller(WEB_PATH)
export class CaseWorkHttpController {
  constructor(
    private readonly pages: Pages,
    private readonly queryBus: QueryBus,
    private readonly routes: RouteInvoker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('my-work')
  @UseInterceptors(ReadYourWritesInterceptor)
  @Roles('case_worker')
  @LogsCaseListAccess('my_work')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async myWork(@Req() request: PageRequest): Promise<string> {
    const actor = request.actor!;
    const [caseload, due] = await Promise.all([
      this.queryBus.execute(
        new GetCaseloadQuery(actor, { worker: actor.id, status: 'open', sort: '-lastActivity', limit: 100 }),
      ),
      this.queryBus.execute(new GetTimelinessQuery(actor, { worker: actor.id, limit: 100 })),
    ]);
    casesShown(request, [...caseload.cases.map((entry) => entry.caseId), ...due.items.map((item) => item.caseId)]);
    return this.pages.render('my-work', frameOf(request, 'my-work'), { title: 'My work', caseload, due });
  }

  /** Until children have their own identity, a child is found through their case: by name, or the case's id. */
  @Get('find')
  @Roles(...CASE_READING_ROLES)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async find(@Req() request: PageRequest, @Query('case') caseId: string | undefined): Promise<string> {
    const wanted = caseId?.trim() ?? '';
    if (wanted && !isUUID(wanted)) {
      return this.pages.render('find', frameOf(request, 'find'), {
        title: 'Find a child',
        wanted,
        errors: [
          { text: 'Enter the case reference in full, like 0f8fad5b-d9cb-469f-a165-70867728950e', href: '#case' },
        ],
      });
    }
    if (wanted)
      return this.pages.render('find', frameOf(request, 'find'), { title: 'Find a child', wanted, found: wanted });
    return this.pages.render('find', frameOf(request, 'find'), { title: 'Find a child', wanted });
  }

  @Get('contacts/new')
  @Roles(...RECORDING_ROLES)
  @Header('Content-Type', 'text/html; charset=utf-8')
  newContact(@Req() request: PageRequest): string {
    return this.pages.render('new-contact', frameOf(request, 'new-contact'), {
      title: 'Record a new contact',
      fields: this.contactFields(),
      values: {},
      fieldErrors: {},
    });
  }

  @Post('contacts/new')
  @Roles(...RECORDING_ROLES)
  async recordContact(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormValues,
  ): Promise<void> {
    const fields = this.contactFields();
    try {
      const opened = await this.routes.call<{ caseId: string; position: string }>(OpenCaseHttpController, 'openCase', {
        request,
        reply,
        actor: request.actor!,
        body: bodyFromForm(fields, form),
      });
      return void reply.redirect(
        `${WEB_PREFIX}/cases/${opened.caseId}?recorded=contact&minPosition=${opened.position}`,
        303,
      );
    } catch (error) {
      const shown = this.formProblem(error, fields, form);
      reply.status(shown.status).type('text/html; charset=utf-8');
      return void reply.send(
        this.pages.render('new-contact', frameOf(request, 'new-contact'), {
          title: 'Record a new contact',
          fields,
          values: form,
          ...shown.data,
        }),
      );
    }
  }

  @Get('cases/:caseId')
  @UseInterceptors(ReadYourWritesInterceptor)
  @Roles(...CASE_READING_ROLES)
  @LogsCaseAccess('case_page')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async casePage(
    @Req() request: PageRequest,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query('recorded') recorded: string | undefined,
  ): Promise<string> {
    const [summary, { events, state }] = await Promise.all([
      this.queryBus.execute(new GetCaseQuery(caseId)),
      this.queryBus.execute(new GetCaseReplayQuery(caseId)),
    ]);
    const groups = new Map<string, Transition[]>();
    for (const transition of TRANSITIONS)
      groups.set(transition.group, [...(groups.get(transition.group) ?? []), transition]);
    return this.pages.render('case', frameOf(request), {
      title: childNameOf(summary.child),
      summary,
      chronology: buildChronology(events, state.area, this.config.recordedLateAfterWorkingDays),
      levelReason: (
        events.findLast((event) => LEVEL_EVENTS.includes(event.type))?.data as { reason?: string } | undefined
      )?.reason,
      recorded: recorded
        ? (transitionNamed(recorded)?.title ?? (recorded === 'contact' ? 'The contact' : undefined))
        : undefined,
      canRecord: request.actor!.roles.some((role) => RECORDING_ROLES.includes(role)),
      transitions: [...groups.entries()].map(([group, items]) => ({ group, items })),
    });
  }

  @Get('cases/:caseId/:slug')
  @UseInterceptors(ReadYourWritesInterceptor)
  @Roles(...RECORDING_ROLES)
  @LogsCaseAccess('case_form')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async transitionForm(
    @Req() request: PageRequest,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('slug') slug: string,
  ): Promise<string> {
    return this.renderTransition(request, caseId, this.transition(slug), {}, {});
  }

  @Post('cases/:caseId/:slug')
  @Roles(...RECORDING_ROLES)
  @LogsCaseAccess('case_form')
  async recordTransition(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('slug') slug: string,
    @Body() form: FormValues,
  ): Promise<void> {
    const transition = this.transition(slug);
    const fields = formFields(RouteInvoker.dtoOf(transition.controller, transition.method)!);
    try {
      const summary = await this.queryBus.execute(new GetCaseQuery(caseId));
      const escalationId = typeof form.escalationId === 'string' ? form.escalationId : '';
      const decisionId = typeof form.decisionId === 'string' ? form.decisionId.trim() : '';
      const params = { caseId, familyId: summary.familyId, escalationId, decisionId };
      const recorded = await this.routes.call<{ position: string }>(transition.controller, transition.method, {
        request,
        reply,
        actor: request.actor!,
        params,
        body: bodyFromForm(fields, form),
      });
      // The case page waits until the read models include what was just recorded.
      return void reply.redirect(
        `${WEB_PREFIX}/cases/${caseId}?recorded=${transition.slug}&minPosition=${recorded.position}`,
        303,
      );
    } catch (error) {
      const shown = this.formProblem(error, fields, form);
      reply.status(shown.status).type('text/html; charset=utf-8');
      return void reply.send(await this.renderTransition(request, caseId, transition, form, shown.data));
    }
  }

  private transition(slug: string): Transition {
    const transition = transitionNamed(slug);
    if (!transition)
      throw new RequestValidationError([{ field: 'page', reasons: [`there is no step called ${slug}`] }]);
    return transition;
  }

  private contactFields(): FormField[] {
    return formFields(RouteInvoker.dtoOf(OpenCaseHttpController, 'openCase')!);
  }

  private async renderTransition(
    request: PageRequest,
    caseId: string,
    transition: Transition,
    values: FormValues,
    problem: Record<string, unknown>,
  ): Promise<string> {
    // The case is read through the same need-to-know check as its page: a case the worker may not see is not found.
    const summary = await this.queryBus.execute(new GetCaseQuery(caseId));
    return this.pages.render('transition', frameOf(request), {
      title: transition.title,
      slug: transition.slug,
      caseId,
      childName: childNameOf(summary.child),
      escalations: transition.target === 'escalation' ? summary.openEscalations : undefined,
      sharingDecisions: transition.target === 'decision' ? await this.sharingDecisionsOf(caseId) : undefined,
      fields: formFields(RouteInvoker.dtoOf(transition.controller, transition.method)!),
      values,
      fieldErrors: {},
      ...problem,
    });
  }

  /** The case's information-sharing decisions, newest first, as the choices for what was sent under one. */
  private async sharingDecisionsOf(caseId: string): Promise<{ decisionId: string; text: string; hint: string }[]> {
    const { events } = await this.queryBus.execute(new GetCaseReplayQuery(caseId));
    return events
      .map(decodeCaseEvent)
      .flatMap((event) => (event.type === 'InformationSharingDecisionRecorded' ? [event] : []))
      .reverse()
      .map(({ data, metadata }) => ({
        decisionId: data.decisionId,
        text: `${data.decision === 'share' ? 'Share' : 'Not to share'} with ${data.recipients.map((recipient) => recipient.agency).join(', ')}, ${ukDate(metadata.occurredAt)}`,
        hint: `For ${data.purpose}. Decided by ${metadata.actor.name}.`,
      }));
  }

  /** A refused form: the fields the DTO refused (400), or the rule that forbids it (409), with the answers kept. */
  private formProblem(
    error: unknown,
    fields: FormField[],
    form: FormValues,
  ): { status: number; data: Record<string, unknown> } {
    if (error instanceof RequestValidationError) {
      const { summary, byField } = fieldErrors(fields, error.fields, form);
      // The escalation or decision chosen is a path parameter of the API's route, asked on the form as its own question.
      for (const [index, invalid] of error.fields.entries()) {
        if (CHOSEN_TARGETS.includes(invalid.field)) {
          summary[index] = { text: CHOSEN_TARGET_ERRORS[invalid.field], href: `#${invalid.field}` };
          byField[invalid.field] = CHOSEN_TARGET_ERRORS[invalid.field];
        }
      }
      return { status: 400, data: { errors: summary, fieldErrors: byField } };
    }
    if (error instanceof RuleViolation) {
      const refusal: Refusal = { rule: error.rule, message: error.message, howToResolve: error.howToResolve };
      return {
        status: 409,
        data: {
          refusal,
          errors: [{ text: `${error.message}${error.rule ? ` (rule ${error.rule})` : ''}`, href: '#refusal-message' }],
        },
      };
    }
    if (error instanceof NotPermitted) {
      // Separation of duties: the step is someone else's; the answers are kept for them or for later.
      const refusal: Refusal = { message: error.message, howToResolve: error.howToResolve };
      return { status: 403, data: { refusal, errors: [{ text: error.message, href: '#refusal-message' }] } };
    }
    if (error instanceof ConcurrencyError) {
      const message = 'Someone else recorded something on this case while you were filling in this form.';
      return {
        status: 409,
        data: {
          refusal: { message, howToResolve: 'Check the case page, then submit again if it is still needed.' },
          errors: [{ text: message, href: '#refusal-message' }],
        },
      };
    }
    throw error;
  }
}
