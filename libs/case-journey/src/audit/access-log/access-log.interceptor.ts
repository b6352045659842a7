import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { from, Observable } from 'rxjs';
import { map, mergeMap } from 'rxjs/operators';
import { isUUID } from 'class-validator';
import type { AuthenticatedRequest } from '@windscreen/auth';
import { PG_POOL } from '@windscreen/database';
import { requestContextOf } from '@windscreen/http';
import { CaseAccess } from '../../case/access/case-access';

const CASE_VIEW = 'windscreen:case-view';

/**
 * Marks a route that shows a case's data: only those who need to know may read it (else 404), and
 * each successful read is written to the access log.
 */
export const LogsCaseAccess = (view: string) => SetMetadata(CASE_VIEW, view);

/**
 * "The records will be accessed only by staff who need to see them": and every look is recorded
 * (who, role, when, which case, which view). Need-to-know is checked first; the entry is written
 * before the data is returned, so a read that could not be logged shows nothing.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly access: CaseAccess,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const view = this.reflector.get<string | undefined>(CASE_VIEW, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string> }> & AuthenticatedRequest>();
    const caseId = (request.params?.caseId ?? request.query?.caseId) as string | undefined;
    // A malformed id is left to the route's own validation (a 400 naming the parameter).
    if (!view || !request.actor || !caseId || !isUUID(caseId)) return next.handle();
    const actor = request.actor;
    const query = Object.keys(request.query ?? {}).length ? JSON.stringify(request.query) : null;
    return from(this.access.assertCanRead(actor, caseId)).pipe(
      mergeMap(() => next.handle()),
      mergeMap((body) =>
        from(
          this.pool.query(
            `insert into access_log (actor_id, actor_name, actor_role, actor_agency, actor_team, case_id, view, query, correlation_id)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [actor.id, actor.name, actor.role, actor.agency, actor.team, caseId, view, query, requestContextOf(request)?.correlationId ?? null],
          ),
        ).pipe(map(() => body)),
      ),
    );
  }
}
