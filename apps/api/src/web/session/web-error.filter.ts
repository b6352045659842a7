import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NotFound } from '@windscreen/case-journey/domain';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { RequestValidationError } from '@windscreen/http';
import { frameOf, PageRequest, Pages } from '../pages';
import { WEB_PREFIX } from '../web-paths';
import { SignInRequired } from './web-session.guard';

/** Errors on the pages are pages too: sign in, not found, not allowed, or a plain apology. */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(
    private readonly pages: Pages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<PageRequest>();
    if (exception instanceof SignInRequired) {
      const returnTo = exception.returnTo.startsWith(`${WEB_PREFIX}/`)
        ? `?returnTo=${encodeURIComponent(exception.returnTo)}`
        : '';
      void reply.redirect(`${WEB_PREFIX}/sign-in${returnTo}`, 303);
      return;
    }
    const frame = frameOf(request);
    let status = 500;
    let title = 'Sorry, there is a problem with the service';
    let message = 'Try again later. What you entered has not been recorded.';
    let fields: string[] = [];
    if (exception instanceof NotFound || (exception instanceof HttpException && exception.getStatus() === 404)) {
      status = 404;
      title = 'Page not found';
      message =
        'There is no such page or record, or you do not need to see it. Check the address, or find the case again.';
    } else if (exception instanceof RequestValidationError) {
      status = 400;
      title = 'The address has a mistake';
      message = 'Some of the filters in the address are not valid.';
      fields = exception.fields.flatMap((field) => field.reasons);
    } else if (exception instanceof HttpException && exception.getStatus() < 500) {
      status = exception.getStatus();
      title = status === 403 ? 'You cannot do this' : 'There is a problem';
      message = exception.message;
    } else {
      this.logger.error({
        msg: 'page failed',
        error: exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      });
      if (!this.config.production && exception instanceof Error) fields = [exception.message];
    }
    void reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(this.pages.render('error', frame, { title, message, fields }));
  }
}
