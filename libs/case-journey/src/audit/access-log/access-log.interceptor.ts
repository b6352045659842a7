import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, Observable, of } from 'rxjs';
import { map, mergeMap } from 'rxjs/operators';
import { isUUID } from 'class-validator';
import type { AuthenticatedRequest } from '@windscreen/auth';
import { requestContextOf } from '@windscreen/http';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import { CaseAccess } from '../../case/access/case-access';
import { AccessLogWriter } from './access-log.writer';

const CASE_VIEW = 'windscreen:case-view';
const LIST_VIEW = 'windscreen:case-list-view';
const LOGGED_ONLY_WHEN_SHOWN = 'windscreen:case-list-view-only-when-shown';
const CASES_SHOWN = Symbol('cases shown');

/**
 * Marks a route that shows a case's data: only those who need to know may read it (else 404), and
 * each successful read is written to the access log.
 */
export const LogsCaseAccess = (view: string) => SetMetadata(CASE_VIEW, view);

/**
 * Marks a route that lists cases' data (the caseload, what is due, an audit): one access log row
 * per request names every case it showed, as the route reports them with `casesShown`. With
 * `onlyWhenShown`, for a route whose list is a by-product of something else (a new contact's
 * likely matches), an answer that showed no case is not a look at anyone's record: no row.
 */
export const LogsCaseListAccess = (view: string, options: { onlyWhenShown?: boolean } = {}) =>
  applyDecorators(SetMetadata(LIST_VIEW, view), SetMetadata(LOGGED_ONLY_WHEN_SHOWN, options.onlyWhenShown === true));

/** What a list route showed, for its access log row: the ids of the cases in its answer. */
export function casesShown(request: object, caseIds: Iterable<string | null | undefined>): void {
  (request as { [CASES_SHOWN]?: string[] })[CASES_SHOWN] = [
    ...new Set([...caseIds].filter((id): id is string => Boolean(id))),
  ];
}

/**
 * "The records will be accessed only by staff who need to see them": and every look is recorded
 * (who, role, when, which case, which view). Need-to-know is checked first; the entry is written
 * before the data is returned, so a read that could not be logged shows nothing.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLogWriter,
    private readonly access: CaseAccess,
    private readonly readYourWrites: ReadYourWritesInterceptor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context
      .switchToHttp()
      .getRequest<
        FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string> }> & AuthenticatedRequest
      >();
    const listView = this.reflector.get<string | undefined>(LIST_VIEW, context.getHandler());
    if (listView && request.actor) {
      const onlyWhenShown = this.reflector.get<boolean | undefined>(LOGGED_ONLY_WHEN_SHOWN, context.getHandler());
      return this.logListRead(request, listView, onlyWhenShown === true, next);
    }
    const view = this.reflector.get<string | undefined>(CASE_VIEW, context.getHandler());
    const caseId = (request.params?.caseId ?? request.query?.caseId) as string | undefined;
    // A malformed id is left to the route's own validation (a 400 naming the parameter).
    if (!view || !request.actor || !caseId || !isUUID(caseId)) return next.handle();
    const actor = request.actor;
    // With ?minPosition= the check waits, as the read does, for the read models to include it: a
    // case just moved to another team is then judged as it is now, not as it was.
    return this.readYourWrites.intercept(context, {
      handle: () =>
        from(this.access.assertCanRead(actor, caseId)).pipe(
          mergeMap(() => next.handle()),
          mergeMap((body: unknown) => from(this.log(request, view, { caseId })).pipe(map(() => body))),
        ),
    });
  }

  /** One row for the whole answer, written before it is sent; a list route that names no cases shown is a bug, not an unlogged read. */
  private logListRead(
    request: FastifyRequest & AuthenticatedRequest,
    view: string,
    onlyWhenShown: boolean,
    next: CallHandler,
  ): Observable<unknown> {
    return next.handle().pipe(
      mergeMap((body: unknown) => {
        const caseIds = (request as { [CASES_SHOWN]?: string[] })[CASES_SHOWN];
        if (!caseIds) throw new Error(`The ${view} route did not say which cases it showed`);
        if (onlyWhenShown && caseIds.length === 0) return of(body);
        return from(this.log(request, view, { caseIds })).pipe(map(() => body));
      }),
    );
  }

  private log(
    request: FastifyRequest & AuthenticatedRequest,
    view: string,
    cases: { caseId?: string; caseIds?: string[] },
  ): Promise<unknown> {
    const actor = request.actor!;
    const parameters = request.query as Record<string, unknown> | undefined;
    const query = parameters && Object.keys(parameters).length ? JSON.stringify(parameters) : null;
    return this.accessLog.write({
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      actorAgency: actor.agency,
      actorTeam: actor.team,
      caseId: cases.caseId ?? null,
      caseIds: cases.caseIds ?? null,
      view,
      query,
      correlationId: requestContextOf(request)?.correlationId ?? null,
    });
  }
}
