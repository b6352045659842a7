import { ChildProcess, spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { signToken } from '@windscreen/auth';
import { findFreePort } from '@windscreen/database';
import { TEST_JWT_SECRET, TEST_READ_YOUR_WRITES_TIMEOUT_MS } from '@windscreen/testing';

/**
 * Helpers for the fault tests: the api and the projector run as real child processes (so they can
 * be killed, and so they must reconnect by themselves), driven over HTTP and checked in the database.
 */

const REPOSITORY = path.resolve(__dirname, '../..');
const ENTRY_POINTS = { api: 'apps/api/src/main.ts', projector: 'apps/projector/src/main.ts' } as const;

export interface AppProcess {
  readonly child: ChildProcess;
  /** The process's recent output, for failure messages. */
  output(): string;
  exited(): Promise<number | null>;
  /** Ends the process (if still running) and waits for it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startAppProcess(app: keyof typeof ENTRY_POINTS, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ENTRY_POINTS[app]], {
    cwd: REPOSITORY,
    env: {
      ...process.env,
      DATA_DIR: path.join(os.tmpdir(), 'windscreen-faults-unused'),
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      READ_YOUR_WRITES_TIMEOUT_MS: String(TEST_READ_YOUR_WRITES_TIMEOUT_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => lines.join('\n'),
    exited: () => exit,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exit;
    },
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The connection string with an application_name, to tell a process's connections apart in pg_stat_activity. */
export function withApplicationName(url: string, name: string): string {
  const named = new URL(url);
  named.searchParams.set('application_name', name);
  return named.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const caseWorkerToken = (sub = 'alice'): string =>
  signToken({ sub, name: 'Alice Smith', roles: ['case_worker'], agency: 'Early Help', team: 'north' }, TEST_JWT_SECRET);

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One HTTP call with a deadline; a transport failure rejects, any status resolves. */
export async function call(
  baseUrl: string,
  method: string,
  route: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Starts the api as a child process on a free port and waits until /health answers. */
export async function startApi(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<AppProcess & { baseUrl: string }> {
  const port = await findFreePort();
  const api = startAppProcess('api', { DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', ...env });
  const baseUrl = `http://127.0.0.1:${port}`;
  let exited = false;
  void api.exited().then(() => (exited = true));
  await waitFor(
    'the api to answer /health',
    async () => {
      if (exited) throw new Error(`the api exited:\n${api.output()}`);
      return (await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) })).ok;
    },
    60_000,
    100,
  ).catch((error) => {
    if (exited) throw new Error(`the api exited before answering:\n${api.output()}`);
    throw error;
  });
  return Object.assign(api, { baseUrl });
}

/** Starts the projector as a child process and waits until it says it runs. */
export async function startProjector(databaseUrl: string): Promise<AppProcess> {
  const projector = startAppProcess('projector', { DATABASE_URL: databaseUrl });
  let exited = false;
  void projector.exited().then(() => (exited = true));
  await waitFor(
    'the projector to start',
    async () => {
      if (exited) throw new Error(`the projector exited:\n${projector.output()}`);
      return projector.output().includes('Windscreen projector running');
    },
    60_000,
    100,
  );
  return projector;
}

export interface DedicatedPostgres {
  /** Connection string of the server's `postgres` database, as the admin user. */
  url: string;
  port: number;
  /** A fast shutdown: running transactions are rolled back and every client is disconnected. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of the test's own, in `dataDir`, run by a child process; starting it again
 * on the same folder and port brings back the same cluster at the same address.
 */
export async function startDedicatedPostgres(dataDir: string, port?: number): Promise<DedicatedPostgres> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      path.join(__dirname, 'embedded-postgres-process.ts'),
      dataDir,
      ...(port ? [String(port)] : []),
    ],
    {
      cwd: REPOSITORY,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n').find((candidate) => candidate.startsWith('{"url"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exit.then(() => reject(new Error(`the dedicated PostgreSQL exited before it started:\n${output}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exit;
    },
  };
}
