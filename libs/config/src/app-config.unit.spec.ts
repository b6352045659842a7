import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: the hardening settings', () => {
  it('Given nothing set, When loaded, Then bodies up to 100 kB, a warning at 10 rejected tokens a minute from one client, not production', () => {
    expect(loadConfig({})).toMatchObject({
      requestBodyLimitBytes: 100 * 1024,
      authFailureThreshold: 10,
      authFailureWindowMs: 60_000,
      production: false,
    });
  });

  it('Given the variables, When loaded, Then they are read in their units', () => {
    expect(
      loadConfig({
        REQUEST_BODY_LIMIT_KB: '512',
        AUTH_FAILURE_THRESHOLD: '50',
        AUTH_FAILURE_WINDOW_SECONDS: '300',
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      }),
    ).toMatchObject({
      requestBodyLimitBytes: 512 * 1024,
      authFailureThreshold: 50,
      authFailureWindowMs: 300_000,
      production: true,
    });
  });

  it.each([
    ['REQUEST_BODY_LIMIT_KB', '0'],
    ['REQUEST_BODY_LIMIT_KB', '100kb'],
    ['REQUEST_BODY_LIMIT_KB', '20000'],
    ['AUTH_FAILURE_THRESHOLD', '0'],
    ['AUTH_FAILURE_WINDOW_SECONDS', '-5'],
    ['TEAMS', ' , ,'],
    ['TEAMS', 'north;south'],
    ['MASH_TEAMS', 'the mash'],
    ['AUTH_TOKEN_MAX_HOURS', '0'],
    ['AUTH_TOKEN_MAX_HOURS', '1000'],
    ['REQUEST_TIMEOUT_MS', '10'],
    ['ALLOW_SUPERUSER', 'yes'],
    ['IDEMPOTENCY_LEASE_SECONDS', '0'],
    ['CHECKPOINT_INTERVAL_SECONDS', '-1'],
  ])('Given %s=%s, When loaded, Then it refuses to start, naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });

  it('Given NODE_ENV=production without AUTH_JWT_SECRET, When loaded, Then it refuses to start rather than make up a secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET.*required/);
  });

  it('Given DATABASE_APP_URL without DATABASE_URL, When loaded, Then it refuses: the migrations need the owner', () => {
    expect(() => loadConfig({ DATABASE_APP_URL: 'postgres://app@db/windscreen' })).toThrow(/DATABASE_APP_URL/);
  });

  it('Given nothing set, When loaded, Then no superuser, checkpoints every 5 minutes with the key in DATA_DIR, 60 s idempotency leases', () => {
    expect(loadConfig({ DATA_DIR: '/srv/windscreen' })).toMatchObject({
      allowSuperuser: false,
      checkpointIntervalMs: 300_000,
      checkpointKeyFile: '/srv/windscreen/checkpoint-ed25519.pem',
      idempotencyLeaseMs: 60_000,
    });
  });
});

describe('loadConfig: the organisation, the token policy and the request time limit', () => {
  it('Given nothing set, When loaded, Then the demo teams and a MASH team, 12-hour tokens, no issuer or audience, 30 s per request', () => {
    expect(loadConfig({})).toMatchObject({
      teams: ['north', 'south', 'fenland', 'city', 'mash'],
      mashTeams: ['mash'],
      authTokenMaxHours: 12,
      authIssuer: undefined,
      authAudience: undefined,
      requestTimeoutMs: 30_000,
    });
  });

  it('Given the variables, When loaded, Then teams are trimmed and deduplicated, and the MASH teams are teams too', () => {
    expect(
      loadConfig({
        TEAMS: ' east , west,east',
        MASH_TEAMS: 'front-door',
        AUTH_TOKEN_MAX_HOURS: '8',
        AUTH_ISSUER: 'https://idp.example',
        AUTH_AUDIENCE: 'windscreen',
        REQUEST_TIMEOUT_MS: '5000',
      }),
    ).toMatchObject({
      teams: ['east', 'west', 'front-door'],
      mashTeams: ['front-door'],
      authTokenMaxHours: 8,
      authIssuer: 'https://idp.example',
      authAudience: 'windscreen',
      requestTimeoutMs: 5000,
    });
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
    expect(loadConfig({}).web).toEqual({
      oidc: undefined,
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 10 * 3_600_000,
      secureCookies: false,
    });
  });

  it('Given production, When loaded, Then cookies are Secure and cannot be made otherwise', () => {
    const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };
    expect(loadConfig(production).web.secureCookies).toBe(true);
    expect(() => loadConfig({ ...production, WEB_SECURE_COOKIES: 'false' })).toThrow('WEB_SECURE_COOKIES');
  });

  it('Given an issuer and its client, When loaded, Then the claims map groups to roles as configured', () => {
    const { oidc } = loadConfig({
      ...provider,
      OIDC_ROLE_CLAIM: 'roles',
      OIDC_ROLE_MAP: 'CSC-Workers=case_worker, CSC-Managers=manager',
    }).web;
    expect(oidc).toMatchObject({
      issuer: provider.OIDC_ISSUER,
      roleClaim: 'roles',
      roleMap: { 'CSC-Workers': 'case_worker', 'CSC-Managers': 'manager' },
      teamClaim: 'team',
    });
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
