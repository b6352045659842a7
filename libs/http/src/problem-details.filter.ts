import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { NotFound, RuleViolation } from '@windscreen/case-journey/domain';
import { ConcurrencyError } from '@windscreen/event-store';
import { RequestValidationError } from './validation';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://windscreen.local/problems/';

/** Maps every error to an RFC 9457 problem document, once, for the whole API. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly production: boolean) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDocument {
    if (exception instanceof RequestValidationError) {
      return {
        type: `${PROBLEM_BASE}validation`,
        title: 'The request is not valid',
        status: HttpStatus.BAD_REQUEST,
        detail: exception.fields.map((field) => `${field.field}: ${field.reasons.join('; ')}`).join(' | '),
        errors: exception.fields,
      };
    }
    if (exception instanceof RuleViolation) {
      return {
        type: `${PROBLEM_BASE}rule-violation`,
        title: exception.rule ? `Refused by rule ${exception.rule}` : 'Refused',
        status: HttpStatus.CONFLICT,
        detail: exception.message,
        ...(exception.rule ? { rule: exception.rule } : {}),
        code: exception.code,
        ...(exception.howToResolve ? { howToResolve: exception.howToResolve } : {}),
        ...(exception.details ?? {}),
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
    if (exception instanceof NotFound) {
      return { type: `${PROBLEM_BASE}not-found`, title: 'Not found', status: HttpStatus.NOT_FOUND, detail: exception.message, code: exception.code };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      return {
        type: `${PROBLEM_BASE}${status}`,
        title: HttpStatus[status]?.toString().replace(/_/g, ' ').toLowerCase() ?? 'error',
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : String(detail),
        ...(typeof body === 'object' && body !== null && 'code' in body ? { code: (body as { code: unknown }).code } : {}),
      };
    }
    // Body-parser errors (malformed JSON, body too large) carry their status.
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { type: `${PROBLEM_BASE}${status}`, title: 'Bad request', status, detail: (exception as Error).message };
    }
    return {
      type: `${PROBLEM_BASE}internal`,
      title: 'Internal error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: this.production || !(exception instanceof Error) ? 'An unexpected error occurred' : exception.message,
    };
  }
}
