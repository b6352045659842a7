import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { PG_POOL } from '@windscreen/database';
import type { AuthenticatedRequest } from '@windscreen/auth';
import { APP_CONFIG, AppConfig } from '@windscreen/config';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;
const WAIT_FOR_FIRST_ATTEMPT_MS = 5000;

/** The status the route answers with on success (Nest sets it only after interceptors run). */
function statusOf(context: ExecutionContext): number {
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
  return declared ?? (context.switchToHttp().getRequest<FastifyRequest>().method === 'POST' ? 201 : 200);
}

interface StoredAttempt {
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
}

/**
 * A command retried with the same Idempotency-Key (same actor) gets the first answer back and
 * records nothing new; the same key with a different request is refused with 422.
 * The key is claimed before the command runs, so two concurrent retries cannot both record. The
 * claim is a lease (IDEMPOTENCY_LEASE_SECONDS): if the attempt dies before storing its answer, a
 * retry takes the key over when the lease runs out. The command's event ids derive from the key
 * (the request context carries it), so if the first attempt did record before it died, the store
 * refuses the repeat and the retry is answered as the first attempt would have been.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || request.method === 'GET' || !request.actor) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new UnprocessableEntityException('Idempotency-Key must be 1-200 letters, digits or . _ : -');
    }
    const actorId = request.actor.id;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const response = context.switchToHttp().getResponse<FastifyReply>();

    return from(this.claim(actorId, key, requestHash)).pipe(
      mergeMap((earlier) => {
        if (earlier) {
          response.status(earlier.status_code!).header('Idempotent-Replayed', 'true');
          return of(earlier.response_body);
        }
        if (request.requestContext) request.requestContext.idempotencyKey = `${actorId}\n${key}`;
        return next.handle().pipe(
          mergeMap((body) => from(this.complete(actorId, key, statusOf(context), body)).pipe(mergeMap(() => of(body)))),
          catchError((error: unknown) =>
            from(this.release(actorId, key)).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }

  /** Claims the key; returns the earlier attempt's answer when there was one. */
  private async claim(actorId: string, key: string, requestHash: string): Promise<StoredAttempt | undefined> {
    const deadline = Date.now() + WAIT_FOR_FIRST_ATTEMPT_MS;
    for (;;) {
      // A new key, or one whose unanswered attempt let its lease run out (the same request only).
      const claimed = await this.pool.query(
        `insert into idempotency_keys (actor_id, key, request_hash, lease_expires_at)
         values ($1, $2, $3, now() + $4 * interval '1 millisecond')
         on conflict (actor_id, key) do update set lease_expires_at = excluded.lease_expires_at
          where idempotency_keys.status_code is null and idempotency_keys.lease_expires_at < now()
            and idempotency_keys.request_hash = excluded.request_hash`,
        [actorId, key, requestHash, this.config.idempotencyLeaseMs],
      );
      if (claimed.rowCount === 1) return undefined;
      const existing = await this.pool.query<StoredAttempt>(
        `select request_hash, status_code, response_body from idempotency_keys where actor_id = $1 and key = $2`,
        [actorId, key],
      );
      const earlier = existing.rows[0];
      if (!earlier) continue; // the first attempt failed and released the key: claim it again
      if (earlier.request_hash !== requestHash) {
        throw new UnprocessableEntityException({
          message: 'This Idempotency-Key was already used for a different request',
          code: 'IDEMPOTENCY.KEY_REUSED',
        });
      }
      if (earlier.status_code !== null) return earlier;
      if (Date.now() > deadline) {
        throw new ConflictException({
          message: 'The first request with this Idempotency-Key is still running',
          code: 'IDEMPOTENCY.IN_PROGRESS',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async complete(actorId: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.pool.query(
      `update idempotency_keys set status_code = $3, response_body = $4, completed_at = now(), lease_expires_at = null where actor_id = $1 and key = $2`,
      [actorId, key, statusCode, JSON.stringify(body ?? null)],
    );
  }

  /** A refused or failed command recorded nothing, so a retry may run it again. */
  private async release(actorId: string, key: string): Promise<void> {
    await this.pool.query(`delete from idempotency_keys where actor_id = $1 and key = $2 and status_code is null`, [
      actorId,
      key,
    ]);
  }
}
