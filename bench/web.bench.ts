/**
 * npm run bench:web: the pages case workers open most, "My work" and the case page, on the demo
 * population: generated through the deciders, read models rebuilt, the api in its own process,
 * signed in through the development sign-in as a demo worker. Target p95 < 150 ms.
 */
import 'reflect-metadata';
import * as crypto from 'node:crypto';
import * as os from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
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

const P95_TARGET_MS = 150;
const WARM_UP = 10;
/** Social workers hold the most open cases in the demo population. */
const WORKER = 'demo-north-sw1';

/** Signs in on the development page as `user`: the session cookie. */
async function signIn(apiUrl: string, user: string): Promise<string> {
  const page = await fetch(`${apiUrl}/web/sign-in`);
  const signInCookie = page.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error('the development sign-in page did not answer (is an identity provider configured?)');
  const signedIn = await fetch(`${apiUrl}/web/sign-in/development`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: signInCookie },
    body: new URLSearchParams({ _csrf: csrf, user }).toString(),
  });
  const session = signedIn.headers.getSetCookie().find((cookie) => cookie.startsWith('windscreen_session='));
  if (signedIn.status !== 303 || !session) throw new Error(`sign-in as ${user} failed (${signedIn.status})`);
  return session.split(';')[0];
}

async function timed(url: string, cookie: string): Promise<{ status: number; ms: number }> {
  const start = process.hrtime.bigint();
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  await response.arrayBuffer();
  return { status: response.status, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

async function main(): Promise<void> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2), { values: ['children', 'seed', 'requests', 'concurrency'], flags: [] });
  } catch (error) {
    fail(`bench:web: ${(error as Error).message}`);
  }
  const children = Number(args.children ?? 100_000);
  const requests = Number(args.requests ?? 200);
  const concurrency = Number(args.concurrency ?? 16);
  const seed = String(args.seed ?? 'windscreen');
  if (![children, requests, concurrency].every((n) => Number.isInteger(n) && n > 0))
    fail('bench:web: --children, --requests and --concurrency are positive whole numbers');

  const server = await benchServer('web');
  const url = await server.createDatabase(`windscreen_bench_web_${Date.now()}`);
  await migrate(url);
  const config: AppConfig = {
    ...loadConfig({}),
    dataDir: server.scratch,
    databaseUrl: url,
    authJwtSecret: crypto.randomBytes(32).toString('hex'),
    logLevel: 'error',
  };
  const say = (line = '') => process.stdout.write(`${line}\n`);
  try {
    const pool = new Pool({ connectionString: url, max: concurrency + 4 });
    pool.on('error', () => undefined);
    const end = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
    say(`Windscreen pages benchmark — ${os.cpus().length} cores, Node ${process.version}`);
    say(`population: ${fmt(children)} children, seed "${seed}", the three years to ${end.toISOString().slice(0, 10)}`);

    const store = new PostgresEventStore(pool, url);
    const bar = new ProgressBar('generate', children);
    let done = 0;
    const generated = await playPopulation(
      generatePopulation({ seed, children, end }),
      new StorePlayer(store),
      concurrency,
      (family) => bar.update((done += family.children.length)),
    );
    bar.finish(done);
    await store.close();

    const projector = await NestFactory.createApplicationContext(
      ProjectorModule.register(config, url, { run: false }),
      { logger: ['error'] },
    );
    try {
      await rebuildProjections(
        projector.get(PG_POOL),
        projector.get(EventStore),
        projector.get<Projection[]>(PROJECTIONS),
      );
    } finally {
      await projector.close();
    }
    await pool.query('vacuum analyze');
    const cases: string[] = (
      await pool.query(
        `select case_id from case_summaries where allocated_worker_id = $1 and status = 'open' order by case_id limit 100`,
        [WORKER],
      )
    ).rows.map((row) => row.case_id);
    await pool.end();
    say(
      `${fmt(generated.events)} events; ${WORKER} holds ${cases.length >= 100 ? '100 or more' : cases.length} open cases`,
    );
    if (cases.length === 0) fail(`bench:web: ${WORKER} holds no open case: try more --children`);

    // Development sign-in: no identity provider and not production (plain http, no Secure cookie).
    const api = await startChild(
      'apps/api/src/main.ts',
      { DATABASE_URL: url, AUTH_JWT_SECRET: config.authJwtSecret!, LOG_LEVEL: 'warn', PROJECTIONS: 'inline' },
      async (apiUrl) => (await fetch(`${apiUrl}/health`)).ok,
    );
    try {
      const cookie = await signIn(api.url, WORKER);
      const pages = [
        { label: 'My work', url: () => `${api.url}/web/my-work` },
        { label: 'case page', url: (i: number) => `${api.url}/web/cases/${cases[i % cases.length]}` },
      ];
      say();
      say(
        `pages (${fmt(requests)} requests each, one at a time, after ${WARM_UP} warm-up requests; target p95 < ${P95_TARGET_MS} ms)`,
      );
      say('  page          status      p50 ms   p95 ms   max ms   target');
      for (const page of pages) {
        for (let i = 0; i < WARM_UP; i++) await timed(page.url(i), cookie);
        const times: number[] = [];
        const statuses = new Map<number, number>();
        for (let i = 0; i < requests; i++) {
          const { status, ms } = await timed(page.url(i), cookie);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          times.push(ms);
        }
        times.sort((a, b) => a - b);
        const p95 = percentile(times, 95);
        const ok = [...statuses.keys()].every((code) => code === 200);
        const status = [...statuses].map(([code, n]) => `${code}×${n}`).join(' ');
        say(
          `  ${page.label.padEnd(13)} ${status.padEnd(10)} ${fmt(percentile(times, 50), 1).padStart(7)} ${fmt(p95, 1).padStart(8)} ${fmt(times[times.length - 1], 1).padStart(8)}   ${ok && p95 < P95_TARGET_MS ? 'met' : 'not met'}`,
        );
      }
    } finally {
      await api.stop();
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(
    `bench:web failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
