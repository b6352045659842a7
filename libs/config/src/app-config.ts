import * as path from 'node:path';

export type EventStoreKind = 'postgres' | 'eventstoredb';
export type ProjectionsMode = 'inline' | 'off';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Everything the system reads from its environment, parsed and checked once at boot. */
export interface AppConfig {
  port: number;
  dataDir: string;
  /**
   * Unset means: run the embedded PostgreSQL in `dataDir/postgres`. Otherwise the owner's
   * connection: migrations run with it, and the application role is derived from it unless
   * `databaseAppUrl` is given.
   */
  databaseUrl: string | undefined;
  /** The application role's connection (SELECT/INSERT only on the event log and the access log). */
  databaseAppUrl: string | undefined;
  /** Lets the api and the projector connect as a role that could rewrite the log (a warning is logged). */
  allowSuperuser: boolean;
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
  /** The longest any request may take, receiving it included; past it, 503 (or the connection is closed while it is still arriving). */
  requestTimeoutMs: number;
  /** Rejected tokens from one ip within the window that raise a warning in the log. */
  authFailureThreshold: number;
  authFailureWindowMs: number;
  /** The longest a bearer token may live (`exp` - `iat`); tokens without `exp` are refused. */
  authTokenMaxHours: number;
  /** When set, tokens must carry this `iss`. */
  authIssuer: string | undefined;
  /** When set, tokens must carry this `aud`. */
  authAudience: string | undefined;
  /** Hides internal error messages from response bodies. */
  production: boolean;
  /** The teams of the authority: cases are allocated to these only. */
  teams: string[];
  /** Teams that are the MASH: their members make the front door's decisions. */
  mashTeams: string[];
  /** The Ed25519 private key (PEM) that signs checkpoints of the event log; generated when missing. */
  checkpointKeyFile: string;
  /** How often the api signs a checkpoint of the event log; 0: only on demand. */
  checkpointIntervalMs: number;
  /** How long a claimed Idempotency-Key stays claimed by an attempt that has not answered. */
  idempotencyLeaseMs: number;
  /** An entry recorded more than this many working days after it happened is marked recorded late (R35). */
  recordedLateAfterWorkingDays: number;
  /** How a new child's local authority child id is made: text with one `{digits:N}` or `{hex:N}` (checked when the api starts). */
  laChildIdFormat: string;
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
type Role = 'case_worker' | 'manager' | 'mash' | 'auditor' | 'admin';
const MAPPABLE_ROLES: readonly Role[] = ['case_worker', 'manager', 'mash', 'auditor', 'admin'];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
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

/** A comma-separated list of team names (letters, digits, `-` and `_`). */
function teamList(env: NodeJS.ProcessEnv, name: string, fallback: readonly string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [...fallback];
  const teams = [
    ...new Set(
      raw
        .split(',')
        .map((team) => team.trim())
        .filter(Boolean),
    ),
  ];
  const invalid = teams.filter((team) => !/^[A-Za-z0-9_-]{1,64}$/.test(team));
  if (teams.length === 0 || invalid.length)
    throw new ConfigError(
      name,
      `must be a comma-separated list of team names (letters, digits, - and _; got "${raw}")`,
    );
  return teams;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  return oneOf(env, name, ['true', 'false'] as const, 'false') === 'true';
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

/** The MASH teams are teams too: a case at the front door is held by the MASH until it is allocated. */
function organisation(env: NodeJS.ProcessEnv): Pick<AppConfig, 'teams' | 'mashTeams'> {
  const mashTeams = teamList(env, 'MASH_TEAMS', ['mash']);
  const teams = teamList(env, 'TEAMS', ['north', 'south', 'fenland', 'city']);
  return { teams: [...new Set([...teams, ...mashTeams])], mashTeams };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = oneOf(env, 'EVENT_STORE', ['postgres', 'eventstoredb'] as const, 'postgres');
  const eventStoreUrl = optional(env, 'EVENTSTORE_URL');
  if (eventStore === 'eventstoredb' && !eventStoreUrl) {
    throw new ConfigError(
      'EVENTSTORE_URL',
      'is required when EVENT_STORE=eventstoredb (e.g. kurrentdb://localhost:2113?tls=false)',
    );
  }
  const authJwtSecret = optional(env, 'AUTH_JWT_SECRET');
  if (authJwtSecret !== undefined && authJwtSecret.length < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 characters');
  }
  const production = env.NODE_ENV === 'production';
  if (production && authJwtSecret === undefined) {
    // A generated development secret has no place in production: tokens must be signed with one the operator chose.
    throw new ConfigError(
      'AUTH_JWT_SECRET',
      'is required when NODE_ENV=production (a random secret of 32+ characters)',
    );
  }
  const databaseAppUrl = optional(env, 'DATABASE_APP_URL');
  const databaseUrl = optional(env, 'DATABASE_URL');
  if (databaseAppUrl !== undefined && databaseUrl === undefined) {
    throw new ConfigError(
      'DATABASE_APP_URL',
      'needs DATABASE_URL too (the owner connection, which runs the migrations)',
    );
  }
  const dataDir = path.resolve(optional(env, 'DATA_DIR') ?? './.data');
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir,
    databaseUrl,
    databaseAppUrl,
    allowSuperuser: flag(env, 'ALLOW_SUPERUSER'),
    eventStore,
    eventStoreUrl,
    authJwtSecret,
    projections: oneOf(env, 'PROJECTIONS', ['inline', 'off'] as const, 'inline'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    readYourWritesTimeoutMs: integer(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 2000, 0, 60000),
    requestBodyLimitBytes: integer(env, 'REQUEST_BODY_LIMIT_KB', 100, 1, 10240) * 1024,
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30000, 1000, 600000),
    authFailureThreshold: integer(env, 'AUTH_FAILURE_THRESHOLD', 10, 1, 1_000_000),
    authFailureWindowMs: integer(env, 'AUTH_FAILURE_WINDOW_SECONDS', 60, 1, 86400) * 1000,
    authTokenMaxHours: integer(env, 'AUTH_TOKEN_MAX_HOURS', 12, 1, 24 * 30),
    authIssuer: optional(env, 'AUTH_ISSUER'),
    authAudience: optional(env, 'AUTH_AUDIENCE'),
    production,
    ...organisation(env),
    checkpointKeyFile: path.resolve(
      optional(env, 'CHECKPOINT_KEY_FILE') ?? path.join(dataDir, 'checkpoint-ed25519.pem'),
    ),
    checkpointIntervalMs: integer(env, 'CHECKPOINT_INTERVAL_SECONDS', 300, 0, 86400) * 1000,
    idempotencyLeaseMs: integer(env, 'IDEMPOTENCY_LEASE_SECONDS', 60, 1, 86400) * 1000,
    recordedLateAfterWorkingDays: integer(env, 'RECORDED_LATE_AFTER_WORKING_DAYS', 2, 0, 60),
    laChildIdFormat: optional(env, 'LA_CHILD_ID_FORMAT') ?? 'C{hex:12}',
    web: loadWebConfig(env),
  };
}

/** `group=role,group=role`: the provider's group or role names and the role each gives. */
function roleMap(env: NodeJS.ProcessEnv, name: string): Record<string, Role> {
  const raw = optional(env, name) ?? 'case_worker=case_worker,manager=manager,mash=mash,auditor=auditor,admin=admin';
  const map: Record<string, Role> = {};
  for (const pair of raw.split(',')) {
    const [group, role] = pair.split('=').map((part) => part?.trim());
    if (!group || !MAPPABLE_ROLES.includes(role as Role)) {
      throw new ConfigError(
        name,
        `must be group=role pairs separated by commas, each role one of ${MAPPABLE_ROLES.join(', ')} (got "${pair}")`,
      );
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
