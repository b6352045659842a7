import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConcurrencyError } from '@windscreen/event-store';
import { requestContextOf } from './request-context';
import { RequestValidationError } from './validation';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://windscreen.local/problems/';

/**
 * Turns the errors of one part of the system (the domain's refusals, say) into problem documents;
 * undefined for an error it does not know. The filter asks each in turn before its own mapping,
 * so this library knows nothing of the errors it is given.
 */
export type ProblemMapper = (exception: unknown) => ProblemDocument | undefined;

/** Maps every error to an RFC 9457 problem document, once, for the whole API. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(
    private readonly production: boolean,
    /** The body limit the server was given, to name it when a body is refused as too large. */
    private readonly bodyLimitBytes: number,
    private readonly mappers: readonly ProblemMapper[] = [],
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    // The id that finds this failure in the log, where the stack is (never in the body).
    const correlationId = requestContextOf(request)?.correlationId;
    if (correlationId) problem.correlationId = correlationId;
    if (problem.status >= 500) {
      const error =
        exception instanceof Error ? { msg: exception.message, stack: exception.stack } : { msg: String(exception) };
      this.logger.error({ ...error, correlationId });
    }
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.end();
      return;
    }
    reply.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDocument {
    for (const mapper of this.mappers) {
      const problem = mapper(exception);
      if (problem) return problem;
    }
    if (exception instanceof RequestValidationError) {
      return {
        type: `${PROBLEM_BASE}validation`,
        title: 'The request is not valid',
        status: HttpStatus.BAD_REQUEST,
        detail: exception.fields.map((field) => `${field.field}: ${field.reasons.join('; ')}`).join(' | '),
        errors: exception.fields,
      };
    }
    if (exception instanceof ConcurrencyError) {
      return {
        type: `${PROBLEM_BASE}concurrency`,
        title: 'Someone else changed this record first',
        status: HttpStatus.CONFLICT,
        detail: `${exception.message}. Reload and try again.`,
        code: 'CONCURRENCY',
      };
    }
    // Errors of the server before the route (body too large, not JSON, malformed JSON) carry a
    // code and a status; the platform wraps them in an HttpException with the original as its cause.
    const serverError = (exception instanceof HttpException ? exception.cause : undefined) as
      { code?: unknown } | undefined;
    if (serverError?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const status = HttpStatus.PAYLOAD_TOO_LARGE;
      return {
        type: `${PROBLEM_BASE}${status}`,
        title: titleOf(status),
        status,
        detail: `The request body is larger than the limit of ${Math.floor(this.bodyLimitBytes / 1024)} kB`,
      };
    }
    if (serverError?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      return {
        type: `${PROBLEM_BASE}${status}`,
        title: titleOf(status),
        status,
        detail: 'A request body must be JSON (Content-Type: application/json)',
      };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      return {
        type: `${PROBLEM_BASE}${status}`,
        title: titleOf(status),
        status,
        detail: Array.isArray(detail)
          ? detail.join('; ')
          : typeof detail === 'string'
            ? detail
            : JSON.stringify(detail),
        ...(typeof body === 'object' && body !== null && 'code' in body ? { code: body.code } : {}),
      };
    }
    const status: number =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const internal = status === (HttpStatus.INTERNAL_SERVER_ERROR as number);
    const message = exception instanceof Error ? exception.message : undefined;
    return {
      type: internal ? `${PROBLEM_BASE}internal` : `${PROBLEM_BASE}${status}`,
      title: internal ? 'Internal error' : titleOf(status),
      status,
      // In production nothing internal reaches the client: the correlation id finds it in the log.
      detail: this.production || !message ? 'An unexpected error occurred' : message,
    };
  }
}

function titleOf(status: number): string {
  return HttpStatus[status]?.toString().replace(/_/g, ' ').toLowerCase() ?? 'error';
}
