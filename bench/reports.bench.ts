import 'reflect-metadata';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as os from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { signToken, TokenClaims } from '@windscreen/auth';
import { AppConfig, loadConfig } from '@windscreen/config';
import { PG_POOL, migrate } from '@windscreen/database';
import { EventStore, PostgresEventStore } from '@windscreen/event-store';
import { Projection, PROJECTIONS, rebuildProjections } from '@windscreen/projections';
import { fail, parseArgs } from '../apps/cli/src/cli-args';
import { playPopulation } from '../apps/cli/src/demo/play';
import { generatePopulation } from '../apps/cli/src/demo/scenario';
import { StorePlayer } from '../apps/cli/src/demo/store-player';
import { ProgressBar } from '../apps/cli/src/progress-bar';
import { ProjectorModule } from '../apps/projector/src/projector.module';
import { benchServer, fmt, percentile, startChild } from './bench-support';

/**
 * npm run bench:reports -- [--children 100000] [--seed windscreen] [--requests 200] [--concurrency 16]
 *
 * 1. Generates a population with the demo's scenario generator, decided by the pure deciders and
 *    appended through the EventStore port (consecutive events of a stream in one append), on a
 *    fresh embedded PostgreSQL in a temporary folder (or a scratch database on DATABASE_URL's server).
 * 2. Rebuilds every projection from the log, one after another: events/s each and overall.
 * 3. Starts the api on that database and times each report endpoint (and the caseload and
 *    timeliness lists): `--requests` sequential requests each, over a mix of filters and roles.
 */
const REPORTS = [
  '/reports/transitions',
  '/reports/transitions/detail',
  '/reports/flow',
  '/reports/time-at-level',
  '/reports/step-down-durability',
  '/reports/re-referrals',
  '/reports/timeliness',
  '/reports/early-help',
];
const REBUILD_TARGET = 40_000;
const P99_TARGET_MS = 100;
const WARM_UP = 10;

interface Variant {
  label: string;
  query: string;
  as: 'manager-all' | 'manager-north' | 'auditor' | 'case-worker';
}

async function main(): Promise<void> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2), {
      values: ['children', 'seed', 'requests', 'concurrency'],
      flags: ['keep'],
    });
  } catch (error) {
    fail(`bench:reports: ${(error as Error).message}`);
  }
  const children = Number(args.children ?? 100_000);
  const requests = Number(args.requests ?? 200);
  const concurrency = Number(args.concurrency ?? 16);
  const seed = String(args.seed ?? 'windscreen');
  if (![children, requests, concurrency].every((n) => Number.isInteger(n) && n > 0))
    fail('bench:reports: --children, --requests and --concurrency are positive whole numbers');
  // Keeps the generated database for looking into a slow query afterwards (an embedded one goes with its server).
  const keep = args.keep === true;
  if (keep && !process.env.DATABASE_URL)
    fail('bench:reports: --keep needs DATABASE_URL (the embedded server is temporary)');

  const server = await benchServer('reports');
  const { scratch } = server;
  const databaseName = `windscreen_bench_reports_${Date.now()}`;
  const url = await server.createDatabase(databaseName);
  await migrate(url);
  const config: AppConfig = {
    ...loadConfig({}),
    dataDir: scratch,
    databaseUrl: url,
    authJwtSecret: crypto.randomBytes(32).toString('hex'),
    logLevel: 'error',
    projections: 'inline',
  };
  const say = (line = '') => process.stdout.write(`${line}\n`);

  try {
    const pool = new Pool({ connectionString: url, max: concurrency + 4 });
    pool.on('error', () => undefined);
    const version = (await pool.query('show server_version')).rows[0].server_version;
    const fsync = (await pool.query('show fsync')).rows[0].fsync;
    const end = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
    say(
      `Windscreen reports benchmark — PostgreSQL ${version} (fsync ${fsync}), ${os.cpus().length} cores, Node ${process.version}`,
    );
    say(`population: ${fmt(children)} children, seed "${seed}", the three years to ${end.toISOString().slice(0, 10)}`);
    say();

    // 1. The population, through the deciders and the store.
    const store = new PostgresEventStore(pool, url);
    const bar = new ProgressBar('generate', children);
    let done = 0;
    let families = 0;
    const t0 = process.hrtime.bigint();
    const generated = await playPopulation(
      generatePopulation({ seed, children, end }),
      new StorePlayer(store),
      concurrency,
      (family) => {
        families++;
        done += family.children.length;
        bar.update(done);
      },
    );
    bar.finish(done);
    const generateSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await store.close();
    await pool.query('vacuum analyze');
    await pool.end();
    say('generate (pure deciders, appended through the EventStore port)');
    say(
      `  ${fmt(children)} children in ${fmt(families)} families: ${fmt(generated.commands)} commands, ${fmt(generated.events)} events in ${generateSeconds.toFixed(1)} s ` +
        `(${fmt(generated.events / generateSeconds)} events/s), ${generated.refused.length} refused`,
    );
    for (const refusal of generated.refused.slice(0, 10))
      say(`    refused: family ${refusal.family}, ${refusal.step}: ${refusal.code} - ${refusal.message}`);
    say();

    // 2. Rebuild every read model from the log.
    const projector = await NestFactory.createApplicationContext(
      ProjectorModule.register(config, url, { run: false }),
      { logger: ['error'] },
    );
    say(
      `rebuild (every read model emptied and replayed from the log, side by side; target >= ${fmt(REBUILD_TARGET)} events/s)`,
    );
    say('  projection                          events    seconds    events/s');
    try {
      const eventStore = projector.get(EventStore);
      const progress = new ProgressBar('rebuild (slowest projection)', generated.events);
      const done = new Map<string, number>();
      const report = await rebuildProjections(
        projector.get(PG_POOL),
        eventStore,
        projector.get<Projection[]>(PROJECTIONS),
        (name, eventsDone) => {
          done.set(name, eventsDone);
          progress.update(Math.min(...done.values()));
        },
      );
      progress.finish(Math.min(...report.projections.map((one) => one.events)));
      for (const one of report.projections) {
        say(
          `  ${one.projection.padEnd(32)} ${fmt(one.events).padStart(9)} ${one.seconds.toFixed(2).padStart(10)} ${fmt(one.eventsPerSecond).padStart(11)}`,
        );
      }
      const overall = generated.events / report.seconds;
      say(
        `  all read models together: ${fmt(generated.events)} events of the log in ${report.seconds.toFixed(2)} s = ${fmt(overall)} log events/s   ` +
          `${overall >= REBUILD_TARGET ? 'met' : 'not met'}`,
      );
    } finally {
      await projector.close();
    }
    say();

    // 3. The api, on the rebuilt read models: its own process, as deployed, not sharing a heap
    // with the generator and the rebuild above.
    const api = await startChild(
      'apps/api/src/main.ts',
      {
        DATABASE_URL: url,
        AUTH_JWT_SECRET: config.authJwtSecret!,
        LOG_LEVEL: 'warn',
        PROJECTIONS: 'inline',
        NODE_ENV: 'production',
      },
      async (apiUrl) => (await fetch(`${apiUrl}/health`)).ok,
    );
    const port = Number(new URL(api.url).port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const tokens: Record<Variant['as'], string> = {
      'manager-all': token(
        {
          sub: 'bench-manager',
          name: 'Bench Manager',
          roles: ['manager'],
          agency: 'Children’s Social Care',
          team: 'north',
          allTeams: true,
        },
        config,
      ),
      'manager-north': token(
        {
          sub: 'bench-north',
          name: 'North Manager',
          roles: ['manager'],
          agency: 'Children’s Social Care',
          team: 'north',
        },
        config,
      ),
      auditor: token(
        {
          sub: 'bench-auditor',
          name: 'Bench Auditor',
          roles: ['auditor'],
          agency: 'Safeguarding Board',
          team: 'board',
          allTeams: true,
        },
        config,
      ),
      'case-worker': token(
        { sub: 'demo-north-ehw1', name: 'North Worker', roles: ['case_worker'], agency: 'Early Help', team: 'north' },
        config,
      ),
    };
    const day = (offsetDays: number) => new Date(end.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const reportVariants: Variant[] = [
      { label: 'no filter (all teams)', query: '', as: 'manager-all' },
      { label: 'own team (manager)', query: '', as: 'manager-north' },
      { label: 'area', query: '?area=cambridgeshire', as: 'manager-all' },
      { label: 'team', query: '?team=city', as: 'auditor' },
      { label: 'interval week', query: '?interval=week', as: 'auditor' },
      {
        label: 'interval quarter, 3 years',
        query: `?interval=quarter&from=${day(-3 * 365)}&to=${day(-1)}`,
        as: 'manager-all',
      },
      {
        label: 'area + month + 1 year',
        query: `?area=peterborough&interval=month&from=${day(-365)}&to=${day(-1)}`,
        as: 'manager-all',
      },
      {
        label: 'team + week + 90 days',
        query: `?team=north&interval=week&from=${day(-90)}&to=${day(-1)}`,
        as: 'auditor',
      },
    ];
    const listVariants = (path: string, queries: [string, string, Variant['as']][]) => ({
      path,
      variants: queries.map(([label, query, as]) => ({ label, query, as })),
    });
    const targets = [
      ...REPORTS.map((report) => ({ path: report, variants: reportVariants })),
      listVariants('/cases', [
        ['all teams', '', 'manager-all'],
        ['level', '?level=complex', 'manager-all'],
        ['area + open', '?area=peterborough&status=open', 'auditor'],
        ['need-to-know (case worker)', '', 'case-worker'],
        ['team', '?team=north', 'manager-north'],
      ]),
      listVariants('/timeliness', [
        ['all teams', '', 'manager-all'],
        ['rule', '?rule=R13', 'manager-all'],
        ['overdue + area', '?state=overdue&area=cambridgeshire', 'auditor'],
        ['need-to-know (case worker)', '', 'case-worker'],
      ]),
    ];

    say(
      `api (${fmt(requests)} requests per endpoint, one at a time over keep-alive, a mix of filters and roles, after ${WARM_UP} warm-up requests; target p99 < ${P99_TARGET_MS} ms)`,
    );
    say(
      '  endpoint                          status             p50 ms   p99 ms   max ms   target    slowest filter (its p99)',
    );
    try {
      for (const target of targets) {
        const probe = await get(
          port,
          agent,
          `${target.path}${target.variants[0].query}`,
          tokens[target.variants[0].as],
        );
        if (probe.status === 404) {
          say(`  GET ${target.path.padEnd(30)} not available (404)`);
          continue;
        }
        for (let i = 0; i < WARM_UP; i++) {
          const variant = target.variants[i % target.variants.length];
          await get(port, agent, `${target.path}${variant.query}`, tokens[variant.as]);
        }
        const all: number[] = [];
        const byVariant = new Map<string, number[]>();
        const statuses = new Map<number, number>();
        for (let i = 0; i < requests; i++) {
          const variant = target.variants[i % target.variants.length];
          const { status, ms } = await get(port, agent, `${target.path}${variant.query}`, tokens[variant.as]);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          all.push(ms);
          byVariant.set(variant.label, [...(byVariant.get(variant.label) ?? []), ms]);
        }
        all.sort((a, b) => a - b);
        const p99 = percentile(all, 99);
        const slowest = [...byVariant]
          .map(
            ([label, times]) =>
              [
                label,
                percentile(
                  times.sort((a, b) => a - b),
                  99,
                ),
              ] as const,
          )
          .sort((a, b) => b[1] - a[1])[0];
        const status = [...statuses]
          .map(([code, n]) => (statuses.size === 1 ? String(code) : `${code}×${n}`))
          .join(' ');
        const ok = [...statuses.keys()].every((code) => code >= 200 && code < 300);
        say(
          `  GET ${target.path.padEnd(30)} ${status.padEnd(17)} ${fmt(percentile(all, 50), 1).padStart(7)} ${fmt(p99, 1).padStart(8)} ${fmt(all[all.length - 1], 1).padStart(8)}   ${(ok && p99 < P99_TARGET_MS ? 'met' : 'not met').padEnd(8)}  ${slowest[0]} (${fmt(slowest[1], 1)})`,
        );
      }
    } finally {
      agent.destroy();
      await api.stop();
    }
  } finally {
    if (keep) process.stdout.write(`kept: ${url}\n`);
    await server.stop({ keep });
  }
}

function token(claims: TokenClaims, config: AppConfig): string {
  return signToken(claims, config.authJwtSecret!, 3600);
}

function get(port: number, agent: http.Agent, target: string, bearer: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.get(
      {
        host: '127.0.0.1',
        port,
        path: target,
        agent,
        headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
      },
    );
    request.on('error', reject);
  });
}

main().catch((error) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
