import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable } from 'rxjs';
import { mergeMap } from 'rxjs/operators';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { RequestValidationError } from '@windscreen/http';
import { ProjectionProgress } from './projection-progress';

/**
 * Read your writes: a query sent with `?minPosition=` (or `X-Min-Position`) waits, bounded,
 * until the projections have reached that position; past the bound it answers with what it
 * has and says so in `X-Read-Model-Stale: true`.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly progress: ProjectionProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Querystring: Record<string, unknown> }>>();
    const raw = request.query.minPosition ?? request.headers['x-min-position'];
    if (raw === undefined) return next.handle();
    if (typeof raw !== 'string' || !/^\d{1,19}$/.test(raw)) {
      throw invalidMinPosition('minPosition must be a whole number (the position a command returned)');
    }
    const response = context.switchToHttp().getResponse<FastifyReply>();
    // Already waited for this request (its access check does, before the route's own interceptor).
    if (response.getHeader('X-Read-Model-Stale') !== undefined) return next.handle();
    const position = BigInt(raw);
    return from(this.waitFor(position)).pipe(
      mergeMap((caughtUp) => {
        response.header('X-Read-Model-Stale', caughtUp ? 'false' : 'true');
        return next.handle();
      }),
    );
  }

  /** A position past the log's end was never returned by a command: waiting for it would only time out. */
  private async waitFor(position: bigint): Promise<boolean> {
    if (!(await this.progress.isRecorded(position))) {
      throw invalidMinPosition('minPosition is past the last recorded event (use the position a command returned)');
    }
    return this.progress.waitFor(position, this.config.readYourWritesTimeoutMs);
  }
}

function invalidMinPosition(reason: string): RequestValidationError {
  return new RequestValidationError([{ field: 'minPosition', reasons: [reason] }]);
}
