import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import request from 'supertest';
import { loadConfig } from '@windscreen/config';
import { startTestApp, TestApp } from '@windscreen/testing';

/**
 * Sign-in through a real OpenID Connect provider (oidc-provider, started here in its own process),
 * authorization code with PKCE: the provider's own login and consent pages, the callback, the
 * claims mapped to a role and team, and the session that follows.
 */
const REDIRECT_URL = 'http://windscreen.test/web/sign-in/callback';
/** Where the provider sends the browser once it has signed them out (RP-initiated logout). */
const SIGNED_OUT_URL = 'http://windscreen.test/web/signed-out';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A browser's cookie jar for the provider (one origin, so names are enough). */
class ProviderBrowser {
  private readonly cookies = new Map<string, string>();
  /** The provider's questions answered so far ("login", "consent"): none when its session signs the person straight in. */
  readonly prompts: string[] = [];

  async request(url: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const separator = pair.indexOf('=');
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  }

  /** Follows the provider's redirects and interaction forms (login as `login`, then consent) until it sends the browser back to the app. */
  async signIn(authorizationUrl: string, login: string): Promise<URL> {
    let url = authorizationUrl;
    for (let step = 0; step < 12; step++) {
      const response = await this.request(url);
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, url);
        if (next.href.startsWith(REDIRECT_URL)) return next;
        url = next.href;
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt)
        throw new Error(`the provider answered ${response.status} with no form: ${html.slice(0, 300)}`);
      this.prompts.push(prompt);
      const answered = await this.request(
        new URL(action, url).href,
        prompt === 'login' ? { prompt, login, password: 'any' } : { prompt },
      );
      url = new URL(answered.headers.get('location')!, url).href;
    }
    throw new Error('the provider never sent the browser back');
  }

  /** Confirms the provider's "sign out?" page (its form and xsrf token); answers where the provider then sends the browser. */
  async confirmSignOut(endSessionUrl: string): Promise<URL> {
    const page = await this.request(endSessionUrl);
    const html = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !xsrf)
      throw new Error(`the provider answered ${page.status} with no sign-out form: ${html.slice(0, 300)}`);
    const confirmed = await this.request(new URL(action, endSessionUrl).href, { xsrf, logout: 'yes' });
    return new URL(confirmed.headers.get('location')!, endSessionUrl);
  }
}

describe('Sign-in through the council identity provider (OpenID Connect)', () => {
  let provider: ChildProcess;
  let issuer: string;
  let t: TestApp;

  beforeAll(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    provider = spawn(
      process.execPath,
      [path.join(__dirname, '..', 'support', 'oidc-provider.mjs'), String(port), REDIRECT_URL, SIGNED_OUT_URL],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Its warnings (development keys, in-memory store, interactions) are expected here: shown only if it fails to start.
    let warnings = '';
    provider.stderr!.on('data', (chunk: Buffer) => (warnings += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      provider.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      provider.on('exit', (code) => reject(new Error(`the OpenID provider exited with ${code}: ${warnings}`)));
    });
    const { web } = loadConfig({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'windscreen',
      OIDC_CLIENT_SECRET: 'windscreen-test-secret',
      OIDC_REDIRECT_URL: REDIRECT_URL,
      OIDC_ROLE_MAP: 'CSC-Workers=case_worker,CSC-Managers=manager',
    });
    t = await startTestApp({ web });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    provider?.kill();
  });

  async function signInThroughProvider(login: string, browser = new ProviderBrowser()) {
    const agent = request.agent(t.app.getHttpServer());
    const start = await agent.get('/web/sign-in/start?returnTo=%2Fweb%2Fmy-work');
    expect(start.status).toBe(303);
    expect(start.headers.location).toMatch(new RegExp(`^${issuer}/auth\\?.*code_challenge_method=S256`));
    const back = await browser.signIn(start.headers.location, login);
    return { agent, browser, callback: await agent.get(`${back.pathname}${back.search}`) };
  }

  it('Given an identity provider is configured, When the sign-in page opens, Then it offers the provider and no demo users', async () => {
    const page = await t.http().get('/web/sign-in');
    expect(page.text).toContain('/web/sign-in/start');
    expect(page.text).not.toContain('demo-north-ehw1');
    expect(
      (await t.http().post('/web/sign-in/development').type('form').send({ user: 'demo-north-ehw1' })).status,
    ).toBe(404);
  });

  it('Given a worker in the CSC-Workers group, When they sign in at the provider, Then they come back signed in as a case worker of their team', async () => {
    const { agent, callback } = await signInThroughProvider('oidc-case-worker');
    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/web/my-work');
    const myWork = await agent.get('/web/my-work');
    expect(myWork.status).toBe(200);
    expect(myWork.text).toContain('Olive Okafor');
    expect(myWork.text).toContain('north team, case worker');
  });

  it('Given a worker signed in through the provider, When they sign out, Then the provider is asked to end its session too, and the next sign-in asks them to log in again', async () => {
    const { agent, browser } = await signInThroughProvider('oidc-case-worker');
    // While the provider's session lasts, signing in again passes straight through it.
    const again = await signInThroughProvider('oidc-case-worker', browser);
    expect(again.callback.status).toBe(303);
    expect(browser.prompts).toEqual(['login', 'consent']);

    const page = await agent.get('/web/my-work');
    // The sign-out form's answer goes on to the provider: the pages' policy lets a form lead there.
    expect(page.headers['content-security-policy']).toContain(`form-action 'self' ${issuer}`);
    const out = await agent
      .post('/web/sign-out')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] });
    expect(out.status).toBe(303);
    const endSession = new URL(out.headers.location);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(SIGNED_OUT_URL);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await agent.get('/web/my-work')).status).toBe(303);

    const back = await browser.confirmSignOut(endSession.href);
    expect(back.href).toBe(SIGNED_OUT_URL);
    const signedOut = await agent.get(back.pathname);
    expect(signedOut.status).toBe(200);
    expect(signedOut.text).toContain('You have signed out');

    const afterwards = await signInThroughProvider('oidc-case-worker', browser);
    expect(afterwards.callback.status).toBe(303);
    // The provider's session is over: it asks who they are again (and, its grant gone with it, for consent).
    expect(browser.prompts.slice(2, 3)).toEqual(['login']);
  });

  it('Given an account whose groups map to no role, When it signs in, Then it is refused with the reason and no session', async () => {
    const { agent, callback } = await signInThroughProvider('oidc-no-role');
    expect(callback.status).toBe(403);
    expect(callback.text).toContain('has no role in Windscreen');
    expect((await agent.get('/web/my-work')).status).toBe(303);
  });

  it('Given a callback that was not started here (no sign-in cookie), When it arrives, Then it is refused', async () => {
    const response = await t.http().get('/web/sign-in/callback?code=forged&state=forged');
    expect(response.status).toBe(403);
  });
});
