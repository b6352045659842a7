import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, Header, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@windscreen/auth';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { Pages } from '../pages';
import { clearCookie, readCookie, SESSION_COOKIE, setCookie, SIGN_IN_COOKIE } from '../session/cookies';
import { WebErrorFilter } from '../session/web-error.filter';
import { csrfTokenMatches, WebSessions } from '../session/web-sessions';
import { WEB_PATH, WEB_PREFIX } from '../web-paths';
import { demoUsers } from './demo-users';
import { NoRoleInClaims } from './oidc-claims';
import { OidcSignIn, PendingSignIn } from './oidc-sign-in';

const SIGN_IN_MINUTES = 10;

/** Only a page of this service, never another site. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' &&
    value.startsWith(`${WEB_PREFIX}/`) &&
    !value.startsWith('//') &&
    !value.includes('\\')
    ? value
    : WEB_PREFIX;
}

/** Sign-in (the identity provider, or the demo users in development), sign-out, and the start page that sends each role to its work. */
@ApiExcludeController()
@Public()
@UseFilters(WebErrorFilter)
@Controller(WEB_PATH)
export class SignInHttpController {
  constructor(
    private readonly pages: Pages,
    private readonly sessions: WebSessions,
    private readonly oidc: OidcSignIn,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get developmentSignIn(): boolean {
    return !this.oidc.enabled && !this.config.production;
  }

  @Get()
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.sessions.resume(readCookie(request, SESSION_COOKIE));
    if (!session) return void reply.redirect(`${WEB_PREFIX}/sign-in`, 303);
    const { roles } = session.actor;
    const home = roles.includes('case_worker')
      ? 'my-work'
      : roles.includes('manager')
        ? 'team'
        : roles.includes('auditor')
          ? 'audit'
          : 'no-role';
    void reply.redirect(`${WEB_PREFIX}/${home}`, 303);
  }

  @Get('sign-in')
  @Header('Content-Type', 'text/html; charset=utf-8')
  signIn(@Query('returnTo') returnTo: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): string {
    const target = safeReturnTo(returnTo);
    if (this.developmentSignIn) {
      // Before any session: the form's token is matched against this cookie (no cross-site sign-in).
      const csrfToken = randomBytes(24).toString('base64url');
      setCookie(reply, SIGN_IN_COOKIE, csrfToken, this.config.web.secureCookies, SIGN_IN_MINUTES * 60);
      return this.pages.render(
        'sign-in',
        {},
        { title: 'Sign in', development: true, users: demoUsers(), csrfToken, returnTo: target },
      );
    }
    return this.pages.render('sign-in', {}, { title: 'Sign in', provider: this.oidc.enabled, returnTo: target });
  }

  @Post('sign-in/development')
  async signInAsDemoUser(
    @Body() body: Record<string, string>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const expected = readCookie(request, SIGN_IN_COOKIE);
    const user = demoUsers().find((candidate) => candidate.id === body.user);
    if (!this.developmentSignIn || !expected || !csrfTokenMatches(expected, body._csrf) || !user) {
      const problem = !user ? 'Select who to sign in as' : 'This form has expired. Try again.';
      const csrfToken = randomBytes(24).toString('base64url');
      setCookie(reply, SIGN_IN_COOKIE, csrfToken, this.config.web.secureCookies, SIGN_IN_MINUTES * 60);
      return void reply
        .status(this.developmentSignIn ? 400 : 404)
        .type('text/html; charset=utf-8')
        .send(
          this.pages.render(
            'sign-in',
            {},
            {
              title: 'Sign in',
              development: this.developmentSignIn,
              users: demoUsers(),
              csrfToken,
              returnTo: safeReturnTo(body.returnTo),
              errors: [{ text: problem, href: '#user' }],
            },
          ),
        );
    }
    await this.signedIn(reply, user, safeReturnTo(body.returnTo));
  }

  /** Off to the identity provider. */
  @Get('sign-in/start')
  async startSignIn(@Query('returnTo') returnTo: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (!this.oidc.enabled) return void reply.redirect(`${WEB_PREFIX}/sign-in`, 303);
    const { url, pending } = await this.oidc.start(safeReturnTo(returnTo));
    setCookie(
      reply,
      SIGN_IN_COOKIE,
      Buffer.from(JSON.stringify(pending)).toString('base64url'),
      this.config.web.secureCookies,
      SIGN_IN_MINUTES * 60,
    );
    void reply.redirect(url, 303);
  }

  /** Back from the identity provider. */
  @Get('sign-in/callback')
  async finishSignIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const pendingCookie = readCookie(request, SIGN_IN_COOKIE);
    clearCookie(reply, SIGN_IN_COOKIE, this.config.web.secureCookies);
    let pending: PendingSignIn | undefined;
    try {
      pending = pendingCookie
        ? (JSON.parse(Buffer.from(pendingCookie, 'base64url').toString('utf8')) as PendingSignIn)
        : undefined;
    } catch {
      pending = undefined;
    }
    const failed = (message: string) =>
      void reply
        .status(403)
        .type('text/html; charset=utf-8')
        .send(this.pages.render('error', {}, { title: 'You could not be signed in', message, fields: [] }));
    if (!this.oidc.enabled || !pending)
      return failed('The sign-in took too long or was started elsewhere. Sign in again.');
    let signedIn;
    try {
      signedIn = await this.oidc.finish(request.url.split('?')[1] ?? '', pending);
    } catch (error) {
      return failed(
        error instanceof NoRoleInClaims
          ? error.message
          : 'The identity provider did not confirm who you are. Sign in again.',
      );
    }
    await this.signedIn(reply, signedIn.actor, safeReturnTo(pending.returnTo), signedIn.idToken);
  }

  @Post('sign-out')
  async signOut(
    @Body() body: Record<string, string>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = readCookie(request, SESSION_COOKIE);
    const session = await this.sessions.resume(token);
    // Signing out needs the form's token too, so that another site cannot sign people out.
    const confirmed = session !== undefined && csrfTokenMatches(session.csrfToken, body._csrf);
    if (confirmed) await this.sessions.end(token);
    clearCookie(reply, SESSION_COOKIE, this.config.web.secureCookies);
    // Signed in through the identity provider: its session ends too, or the next sign-in would pass straight through.
    // A provider that cannot be reached leaves the person signed out of Windscreen all the same.
    const atProvider =
      confirmed && session.idToken && this.oidc.enabled
        ? await this.oidc.endSessionUrl(session.idToken).catch(() => undefined)
        : undefined;
    if (atProvider) return void reply.redirect(atProvider, 303);
    void reply
      .status(200)
      .type('text/html; charset=utf-8')
      .send(this.pages.render('signed-out', {}, { title: 'You have signed out' }));
  }

  /** Where the identity provider sends the browser back once it has signed them out too. */
  @Get('signed-out')
  @Header('Content-Type', 'text/html; charset=utf-8')
  signedOut(): string {
    return this.pages.render('signed-out', {}, { title: 'You have signed out' });
  }

  @Get('no-role')
  @Header('Content-Type', 'text/html; charset=utf-8')
  noRole(): string {
    return this.pages.render(
      'error',
      {},
      { title: 'You have no work here', message: 'Your account has no role with pages in Windscreen.', fields: [] },
    );
  }

  private async signedIn(
    reply: FastifyReply,
    actor: Parameters<WebSessions['start']>[0],
    returnTo: string,
    idToken?: string,
  ): Promise<void> {
    const { token } = await this.sessions.start(actor, new Date(), idToken);
    clearCookie(reply, SIGN_IN_COOKIE, this.config.web.secureCookies);
    setCookie(reply, SESSION_COOKIE, token, this.config.web.secureCookies);
    void reply.redirect(returnTo, 303);
  }
}
