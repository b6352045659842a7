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
  /** An entry recorded more than this many working days after it happened is marked recorded late (R35). */
  recordedLateAfterWorkingDays: number;
}

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
    recordedLateAfterWorkingDays: integer(env, 'RECORDED_LATE_AFTER_WORKING_DAYS', 2, 0, 60),
  };
}
