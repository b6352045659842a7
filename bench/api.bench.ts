import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import { signToken } from '@windscreen/auth';
import { migrate } from '@windscreen/database';
import { openCaseBody, stepsAfterOpening } from '../test/faults/realistic-commands';
import {
  benchServer,
  ChildApp,
  createRawEventsTable,
  fmt,
  insertRawEvent,
  percentile,
  runLoad,
  startChild,
} from './bench-support';

/**
 * npm run bench:api -- [--duration 30] [--connections 32] [--warmup 3]
 *
 * The whole stack under load, measured from outside: the api runs as its own process (projections
 * inline) on a fresh embedded PostgreSQL (fsync on), or on DATABASE_URL's server (scratch
 * databases are created there and dropped). Autocannon on loopback walks each connection's own
 * cases through open -> consent -> assess -> information sharing -> step up -> step down, then
 * reads case summaries. In the same run, on the same server: the same commands against Emmett's
 * PostgreSQL event store behind a minimal HTTP handler (bench/emmett-peer.ts), and the raw
 * single-row INSERT ceiling.
 */

const JWT_SECRET = 'bench-secret-for-the-api-benchmark-only-0123456789';
const TARGET_COMMANDS_PER_SECOND = 1500;
const TARGET_P99_MS = 50;

interface Options {
  duration: number;
  connections: number;
  warmup: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { duration: 30, connections: 32, warmup: 3 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(name in options) || !Number.isFinite(value) || value < 0) {
      throw new Error(
        `usage: npm run bench:api -- [--duration SECONDS] [--connections N] [--warmup SECONDS] (got ${argv.join(' ')})`,
      );
    }
    options[name] = value;
    i++;
  }
  return options;
}

interface PhaseResult {
  seconds: number;
  ok: number;
  non2xx: Record<string, number>;
  transportErrors: number;
  timeouts: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

/** One autocannon run; latencies of every response are kept, for exact percentiles. */
async function runPhase(options: autocannon.Options): Promise<PhaseResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ timeout: 10, ...options }, (error: Error | null, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  latencies.sort((a, b) => a - b);
  let ok = 0;
  const non2xx: Record<string, number> = {};
  for (const [status, count] of statuses) {
    if (status >= 200 && status < 300) ok += count;
    else non2xx[status] = count;
  }
  return {
    seconds: result.duration,
    ok,
    non2xx,
    transportErrors: result.errors,
    timeouts: result.timeouts,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    perSecond: ok / result.duration,
  };
}

/** The command mix: each connection opens a case and walks it through the steps, then opens another. */
function commandRequests(caseIds: string[]): autocannon.Request[] {
  type Context = { caseId?: string };
  let contacts = 0;
  return [
    {
      method: 'POST',
      path: '/cases',
      // Each contact about a different child (name, date of birth), as a council's are.
      setupRequest: (request: autocannon.Request) => ({
        ...request,
        body: JSON.stringify(openCaseBody('bench', ++contacts)),
      }),
      onResponse: (status: number, body: string, context: Context) => {
        if (status !== 201) return;
        context.caseId = (JSON.parse(body) as { caseId: string }).caseId;
        caseIds.push(context.caseId);
      },
    },
    ...stepsAfterOpening('bench').map((step) => ({
      method: 'POST' as const,
      body: JSON.stringify(step.body),
      // No case (its opening failed): start over with a new one.
      setupRequest: (request: autocannon.Request, context: Context) =>
        context.caseId ? { ...request, path: `/cases/${context.caseId}${step.route}` } : undefined,
    })),
  ] as autocannon.Request[];
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0; // the process has ended
  }
}

/** CPU seconds of the embedded PostgreSQL: the postmaster and every process it started. */
function postgresCpuSeconds(clusterDir: string): number {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return NaN;
  const postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let total = cpuSecondsOf(postmaster);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(
        fs
          .readFileSync(`/proc/${entry}/stat`, 'utf8')
          .replace(/^.*\) /, '')
          .split(' ')[1],
      );
      if (parent === postmaster) total += cpuSecondsOf(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

interface CpuUse {
  app: number;
  postgres: number;
  loadGenerator: number;
}

/** Measures the CPU each side spends during `work`, to read the figures on a machine with few cores. */

async function withCpu<T>(appPid: number, clusterDir: string, work: () => Promise<T>): Promise<[T, CpuUse]> {
  const before = { app: cpuSecondsOf(appPid), postgres: postgresCpuSeconds(clusterDir), self: process.cpuUsage() };
  const result = await work();
  const self = process.cpuUsage(before.self);
  return [
    result,
    {
      app: cpuSecondsOf(appPid) - before.app,
      postgres: postgresCpuSeconds(clusterDir) - before.postgres,
      loadGenerator: (self.user + self.system) / 1e6,
    },
  ];
}

async function countRows(url: string, table: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`select count(*) from ${table}`)).rows[0].count);
  } finally {
    await client.end();
  }
}

async function health(url: string): Promise<{ head: string; projections: { name: string; lag: string }[] }> {
  const response = await fetch(`${url}/health`);
  return (await response.json()) as { head: string; projections: { name: string; lag: string }[] };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const server = await benchServer('api');
  const { scratch } = server;
  const suffix = Date.now();
  const oursName = `windscreen_bench_api_${suffix}`;
  const peerName = `emmett_bench_api_${suffix}`;
  const clusterDir = path.join(scratch, 'postgres');
  const oursUrl = await server.createDatabase(oursName);
  const peerUrl = await server.createDatabase(peerName);
  await migrate(oursUrl);
  const token = signToken(
    { sub: 'bench', name: 'Bench Worker', roles: ['case_worker'], agency: 'Early Help', team: 'north' },
    JWT_SECRET,
  );
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const durationMs = options.duration * 1000;
  const load = (url: string, seconds: number, requests: autocannon.Request[]) =>
    runPhase({
      url,
      connections: options.connections,
      duration: seconds,
      // Bounded in requests as well as time: far above what this machine can reach in the time.
      maxOverallRequests: Math.max(options.connections, Math.ceil(seconds * 20_000)),
      headers,
      requests,
    });
  const say = (line = '') => process.stdout.write(`${line}\n`);
  const note = (line: string) => process.stderr.write(`${line}\n`);

  let api: ChildApp | undefined;
  let peer: ChildApp | undefined;
  const pool = new Pool({ connectionString: oursUrl, max: options.connections + 8 });
  pool.on('error', () => undefined);
  try {
    const version = (await pool.query('show server_version')).rows[0].server_version;
    const fsync = (await pool.query('show fsync')).rows[0].fsync;

    note('starting the api...');
    api = await startChild(
      'apps/api/src/main.ts',
      {
        DATABASE_URL: oursUrl,
        AUTH_JWT_SECRET: JWT_SECRET,
        LOG_LEVEL: 'warn',
        PROJECTIONS: 'inline',
        NODE_ENV: 'production',
      },
      async (url) => (await fetch(`${url}/health`)).ok,
    );
    const caseIds: string[] = [];
    if (options.warmup > 0) {
      note(`warming up the api for ${options.warmup} s...`);
      await load(api.url, options.warmup, commandRequests([]));
    }
    note(`commands against the api for ${options.duration} s...`);
    const eventsBefore = await countRows(oursUrl, 'events');
    const [commands, commandsCpu] = await withCpu(api.child.pid!, clusterDir, () =>
      load(api!.url, options.duration, commandRequests(caseIds)),
    );
    const commandsEvents = (await countRows(oursUrl, 'events')) - eventsBefore;
    const rssAfterCommands = api.rssMiB();
    const lagAtEnd = await health(api.url);
    const lagStarted = Date.now();
    while ((await health(api.url)).projections.some((projection) => projection.lag !== '0'))
      await new Promise((resolve) => setTimeout(resolve, 50));
    const catchUpSeconds = (Date.now() - lagStarted) / 1000;

    // The database is less than a minute old: autovacuum has not yet gathered the planner's
    // statistics, as it would on any database older than its naptime. Without them the planner
    // reads a case's open timeliness items through the index of all open items.
    await pool.query('analyze');
    note(`case summary queries for ${options.duration} s over ${fmt(caseIds.length)} cases...`);
    const [queries, queriesCpu] = await withCpu(api.child.pid!, clusterDir, () =>
      load(api!.url, options.duration, [
        {
          method: 'GET',
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            path: `/cases/${caseIds[Math.floor(Math.random() * caseIds.length)]}`,
          }),
        },
      ] as autocannon.Request[]),
    );
    const rssAfterQueries = api.rssMiB();
    await api.stop();
    api = undefined;

    note('starting the Emmett peer...');
    peer = await startChild(
      'bench/emmett-peer.ts',
      { DATABASE_URL: peerUrl },
      async (url) => (await fetch(`${url}/health`)).ok,
    );
    if (options.warmup > 0) await load(peer.url, options.warmup, commandRequests([]));
    note(`the same commands against the Emmett peer for ${options.duration} s...`);
    const peerEventsBefore = await countRows(peerUrl, 'emt_messages');
    const [peerCommands, peerCpu] = await withCpu(peer.child.pid!, clusterDir, () =>
      load(peer!.url, options.duration, commandRequests([])),
    );
    const peerEvents = (await countRows(peerUrl, 'emt_messages')) - peerEventsBefore;
    const peerRss = peer.rssMiB();
    await peer.stop();
    peer = undefined;

    note(`raw single-row INSERT ceiling with ${options.connections} clients for ${options.duration} s...`);
    await createRawEventsTable(pool);
    const sample = { level: 'complex', reason: 'Neglect concerns growing (bench)' };
    const sampleMetadata = {
      actor: { id: 'bench', name: 'Bench Worker', role: 'case_worker', agency: 'Early Help', team: 'north' },
      occurredAt: new Date().toISOString(),
    };
    const raw = await runLoad(options.connections, durationMs, () => insertRawEvent(pool, sample, sampleMetadata));

    const errors = (phase: PhaseResult) => {
      const codes = Object.entries(phase.non2xx).map(([status, count]) => `${status}: ${fmt(count)}`);
      return `non-2xx ${codes.length ? codes.join(', ') : '0'}; transport errors ${fmt(phase.transportErrors)} (timeouts ${fmt(phase.timeouts)})`;
    };
    const latency = (phase: PhaseResult) =>
      `p50 ${fmt(phase.p50, 1)} ms  p95 ${fmt(phase.p95, 1)} ms  p99 ${fmt(phase.p99, 1)} ms`;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    const ratio = (ours: number, other: number) => `${(ours / other).toFixed(2)}x`;
    const cpu = (use: CpuUse, phase: PhaseResult, app: string) => {
      const per = (seconds: number) =>
        Number.isNaN(seconds) ? 'n/a' : `${fmt((seconds * 1000) / Math.max(1, phase.ok), 2)} ms`;
      return `CPU per request: ${app} ${per(use.app)}, PostgreSQL ${per(use.postgres)}, load generator ${per(use.loadGenerator)}`;
    };

    say(
      `Windscreen API benchmark — PostgreSQL ${version} (fsync ${fsync}), ${os.cpus().length} cores, node ${process.version}`,
    );
    say(
      `${options.connections} connections, ${options.duration} s per phase, ${options.warmup} s warm-up; load generator (autocannon) on loopback in the same machine`,
    );
    say();
    say('commands through the api (JWT, validation, rules, event store append, projections inline)');
    say(
      `  ${fmt(commands.perSecond)} commands/s (2xx), ${fmt(commandsEvents / commands.seconds)} events/s    ${latency(commands)}`,
    );
    say(`  ${fmt(commands.ok)} commands in ${commands.seconds.toFixed(1)} s; ${errors(commands)}`);
    const lags = lagAtEnd.projections
      .map((projection) => `${projection.name} ${fmt(Number(projection.lag))}`)
      .join(', ');
    say(`  projection lag when the load stopped (events): ${lags}; caught up ${catchUpSeconds.toFixed(1)} s later`);
    say(`  ${cpu(commandsCpu, commands, 'api')}`);
    say(`  api RSS after commands: ${fmt(rssAfterCommands.rss)} MiB (peak so far ${fmt(rssAfterCommands.peak)} MiB)`);
    say();
    say(`case summary queries (GET /cases/:id over ${fmt(caseIds.length)} cases, after ANALYZE)`);
    say(`  ${fmt(queries.perSecond)} queries/s (2xx)    ${latency(queries)}`);
    say(`  ${fmt(queries.ok)} queries in ${queries.seconds.toFixed(1)} s; ${errors(queries)}`);
    say(`  ${cpu(queriesCpu, queries, 'api')}`);
    say(`  api RSS after queries: ${fmt(rssAfterQueries.rss)} MiB (peak ${fmt(rssAfterQueries.peak)} MiB)`);
    say();
    say(
      'peer: the same commands, Emmett 0.42 PostgreSQL event store behind a minimal node:http handler (no auth, validation or read models)',
    );
    say(
      `  ${fmt(peerCommands.perSecond)} commands/s (2xx), ${fmt(peerEvents / peerCommands.seconds)} events/s    ${latency(peerCommands)}`,
    );
    say(
      `  ${fmt(peerCommands.ok)} commands in ${peerCommands.seconds.toFixed(1)} s; ${errors(peerCommands)}; RSS ${fmt(peerRss.rss)} MiB (peak ${fmt(peerRss.peak)} MiB)`,
    );
    say(`  ${cpu(peerCpu, peerCommands, 'peer')}`);
    say();
    say(`raw ceiling: bare single-row INSERT of an event-sized row, ${options.connections} clients from this process`);
    say(
      `  ${fmt(raw.perSecond)} inserts/s    p50 ${fmt(raw.p50Ms, 1)} ms  p99 ${fmt(raw.p99Ms, 1)} ms${raw.errors ? `  (${raw.errors} errors)` : ''}`,
    );
    say();
    say('ratios (ours / other)');
    say(`  commands/s vs Emmett peer commands/s: ${ratio(commands.perSecond, peerCommands.perSecond)}`);
    say(
      `  events/s vs Emmett peer events/s:     ${ratio(commandsEvents / commands.seconds, peerEvents / peerCommands.seconds)}`,
    );
    say(`  events/s vs raw INSERTs/s:             ${ratio(commandsEvents / commands.seconds, raw.perSecond)}`);
    say();
    say('targets');
    say(
      `  >= ${fmt(TARGET_COMMANDS_PER_SECOND)} commands/s through the full stack: ${fmt(commands.perSecond)} — ${met(commands.perSecond >= TARGET_COMMANDS_PER_SECOND)}`,
    );
    say(`  p99 < ${TARGET_P99_MS} ms for commands: ${fmt(commands.p99, 1)} ms — ${met(commands.p99 < TARGET_P99_MS)}`);
    say(
      `  not below the Emmett baseline (commands/s): ${ratio(commands.perSecond, peerCommands.perSecond)} — ${met(commands.perSecond >= peerCommands.perSecond)}`,
    );
    say(
      `  no errors: ${met(commands.transportErrors + queries.transportErrors === 0 && Object.keys(commands.non2xx).length + Object.keys(queries.non2xx).length === 0)}`,
    );
  } catch (error) {
    if (api) process.stderr.write(`api output:\n${api.output()}\n`);
    if (peer) process.stderr.write(`peer output:\n${peer.output()}\n`);
    throw error;
  } finally {
    await api?.stop();
    await peer?.stop();
    await pool.end();
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
