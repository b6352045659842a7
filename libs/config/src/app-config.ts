import * as path from 'node:path';

export type EventStoreKind = 'postgres' | 'eventstoredb';
export type ProjectionsMode = 'inline' | 'off';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Everything the system reads from its environment, parsed and checked once at boot. */
export interface AppConfig {
  port: number;
  dataDir: string;
  /** Unset means: run the embedded PostgreSQL in `dataDir/postgres`. */
  databaseUrl: string | undefined;
  eventStore: EventStoreKind;
  eventStoreUrl: string | undefined;
  /** Unset means: a development secret generated into `dataDir`. */
  authJwtSecret: string | undefined;
  projections: ProjectionsMode;
  logLevel: LogLevel;
  /** How long a query with `minPosition` waits for the projections before answering stale. */
  readYourWritesTimeoutMs: number;
  /** Largest JSON request body accepted; larger ones get 413 and record nothing. */
  requestBodyLimitBytes: number;
  /** Rejected tokens from one ip within the window that raise a warning in the log. */
  authFailureThreshold: number;
  authFailureWindowMs: number;
  /** Hides internal error messages from response bodies. */
  production: boolean;
  /** The pages: sign-in, session and the council's identity provider. */
  web: WebConfig;
}

/** The claim of the identity provider's ID token (or userinfo) that says what, and how its values map. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: `<origin>/web/sign-in/callback`. */
  redirectUrl: string;
  /** Claim holding the user's groups or roles (a list or one string). */
  roleClaim: string;
  /** Group/role value at the provider -> Windscreen role. */
  roleMap: Record<string, Role>;
  teamClaim: string;
  agencyClaim: string;
  /** Claim whose presence (true) gives a manager or auditor every team. */
  allTeamsClaim: string;
}

export interface WebConfig {
  /** Unset: no identity provider; outside production the development sign-in page is offered instead. */
  oidc: OidcConfig | undefined;
  /** A session unused for this long is over. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however busy. */
  sessionMaxMs: number;
  /** `Secure` on the session cookie; off only for plain-http development. */
  secureCookies: boolean;
}

/** The roles a claim may map to (the same list as the tokens'). */
type Role = 'case_worker' | 'manager' | 'auditor' | 'admin';
const MAPPABLE_ROLES: readonly Role[] = ['case_worker', 'manager', 'auditor', 'admin'];

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = oneOf(env, 'EVENT_STORE', ['postgres', 'eventstoredb'] as const, 'postgres');
  const eventStoreUrl = optional(env, 'EVENTSTORE_URL');
  if (eventStore === 'eventstoredb' && !eventStoreUrl) {
    throw new ConfigError('EVENTSTORE_URL', 'is required when EVENT_STORE=eventstoredb (e.g. kurrentdb://localhost:2113?tls=false)');
  }
  const authJwtSecret = optional(env, 'AUTH_JWT_SECRET');
  if (authJwtSecret !== undefined && authJwtSecret.length < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 characters');
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir: path.resolve(optional(env, 'DATA_DIR') ?? './.data'),
    databaseUrl: optional(env, 'DATABASE_URL'),
    eventStore,
    eventStoreUrl,
    authJwtSecret,
    projections: oneOf(env, 'PROJECTIONS', ['inline', 'off'] as const, 'inline'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    readYourWritesTimeoutMs: integer(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 2000, 0, 60000),
    requestBodyLimitBytes: integer(env, 'REQUEST_BODY_LIMIT_KB', 100, 1, 10240) * 1024,
    authFailureThreshold: integer(env, 'AUTH_FAILURE_THRESHOLD', 10, 1, 1_000_000),
    authFailureWindowMs: integer(env, 'AUTH_FAILURE_WINDOW_SECONDS', 60, 1, 86400) * 1000,
    production: env.NODE_ENV === 'production',
    web: loadWebConfig(env),
  };
}

/** `group=role,group=role`: the provider's group or role names and the role each gives. */
function roleMap(env: NodeJS.ProcessEnv, name: string): Record<string, Role> {
  const raw = optional(env, name) ?? 'case_worker=case_worker,manager=manager,auditor=auditor,admin=admin';
  const map: Record<string, Role> = {};
  for (const pair of raw.split(',')) {
    const [group, role] = pair.split('=').map((part) => part?.trim());
    if (!group || !MAPPABLE_ROLES.includes(role as Role)) {
      throw new ConfigError(name, `must be group=role pairs separated by commas, each role one of ${MAPPABLE_ROLES.join(', ')} (got "${pair}")`);
    }
    map[group] = role as Role;
  }
  return map;
}

function loadWebConfig(env: NodeJS.ProcessEnv): WebConfig {
  const issuer = optional(env, 'OIDC_ISSUER');
  let oidc: OidcConfig | undefined;
  if (issuer) {
    const required = (name: string) => {
      const value = optional(env, name);
      if (!value) throw new ConfigError(name, 'is required when OIDC_ISSUER is set');
      return value;
    };
    const url = (name: string, value: string) => {
      if (!URL.canParse(value)) throw new ConfigError(name, `must be an absolute URL (got "${value}")`);
      return value;
    };
    oidc = {
      issuer: url('OIDC_ISSUER', issuer),
      clientId: required('OIDC_CLIENT_ID'),
      clientSecret: required('OIDC_CLIENT_SECRET'),
      redirectUrl: url('OIDC_REDIRECT_URL', required('OIDC_REDIRECT_URL')),
      roleClaim: optional(env, 'OIDC_ROLE_CLAIM') ?? 'groups',
      roleMap: roleMap(env, 'OIDC_ROLE_MAP'),
      teamClaim: optional(env, 'OIDC_TEAM_CLAIM') ?? 'team',
      agencyClaim: optional(env, 'OIDC_AGENCY_CLAIM') ?? 'agency',
      allTeamsClaim: optional(env, 'OIDC_ALL_TEAMS_CLAIM') ?? 'all_teams',
    };
  }
  const production = env.NODE_ENV === 'production';
  const secure = oneOf(env, 'WEB_SECURE_COOKIES', ['true', 'false'] as const, production ? 'true' : 'false');
  if (production && secure === 'false') throw new ConfigError('WEB_SECURE_COOKIES', 'cannot be false in production');
  return {
    oidc,
    sessionIdleMs: integer(env, 'WEB_SESSION_IDLE_MINUTES', 30, 1, 24 * 60) * 60_000,
    sessionMaxMs: integer(env, 'WEB_SESSION_MAX_HOURS', 10, 1, 24 * 7) * 3_600_000,
    secureCookies: secure === 'true',
  };
}
