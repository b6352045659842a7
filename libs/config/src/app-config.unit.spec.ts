import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: the hardening settings', () => {
  it('Given nothing set, When loaded, Then bodies up to 100 kB, a warning at 10 rejected tokens a minute from one client, not production', () => {
    expect(loadConfig({})).toMatchObject({ requestBodyLimitBytes: 100 * 1024, authFailureThreshold: 10, authFailureWindowMs: 60_000, production: false });
  });

  it('Given the variables, When loaded, Then they are read in their units', () => {
    expect(
      loadConfig({ REQUEST_BODY_LIMIT_KB: '512', AUTH_FAILURE_THRESHOLD: '50', AUTH_FAILURE_WINDOW_SECONDS: '300', NODE_ENV: 'production' }),
    ).toMatchObject({ requestBodyLimitBytes: 512 * 1024, authFailureThreshold: 50, authFailureWindowMs: 300_000, production: true });
  });

  it.each([
    ['REQUEST_BODY_LIMIT_KB', '0'],
    ['REQUEST_BODY_LIMIT_KB', '100kb'],
    ['REQUEST_BODY_LIMIT_KB', '20000'],
    ['AUTH_FAILURE_THRESHOLD', '0'],
    ['AUTH_FAILURE_WINDOW_SECONDS', '-5'],
  ])('Given %s=%s, When loaded, Then it refuses to start, naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });
});

describe('loadConfig: the pages and their sign-in', () => {
  const provider = {
    OIDC_ISSUER: 'https://login.council.example',
    OIDC_CLIENT_ID: 'windscreen',
    OIDC_CLIENT_SECRET: 'secret',
    OIDC_REDIRECT_URL: 'https://windscreen.council.example/web/sign-in/callback',
  };

  it('Given nothing set, When loaded, Then no identity provider, a 30-minute idle timeout and cookies without Secure for plain-http development', () => {
    expect(loadConfig({}).web).toEqual({ oidc: undefined, sessionIdleMs: 30 * 60_000, sessionMaxMs: 10 * 3_600_000, secureCookies: false });
  });

  it('Given production, When loaded, Then cookies are Secure and cannot be made otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).web.secureCookies).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', WEB_SECURE_COOKIES: 'false' })).toThrow('WEB_SECURE_COOKIES');
  });

  it('Given an issuer and its client, When loaded, Then the claims map groups to roles as configured', () => {
    const { oidc } = loadConfig({ ...provider, OIDC_ROLE_CLAIM: 'roles', OIDC_ROLE_MAP: 'CSC-Workers=case_worker, CSC-Managers=manager' }).web;
    expect(oidc).toMatchObject({ issuer: provider.OIDC_ISSUER, roleClaim: 'roles', roleMap: { 'CSC-Workers': 'case_worker', 'CSC-Managers': 'manager' }, teamClaim: 'team' });
  });

  it.each([
    [{ OIDC_ISSUER: 'https://login.council.example' }, 'OIDC_CLIENT_ID'],
    [{ ...provider, OIDC_REDIRECT_URL: 'not a url' }, 'OIDC_REDIRECT_URL'],
    [{ ...provider, OIDC_ROLE_MAP: 'Staff=superuser' }, 'OIDC_ROLE_MAP'],
    [{ WEB_SESSION_IDLE_MINUTES: '0' }, 'WEB_SESSION_IDLE_MINUTES'],
  ])('Given %j, When loaded, Then it refuses to start, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
