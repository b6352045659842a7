import 'reflect-metadata';
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { migrate } from '@windscreen/database';
import { PostgresEventStore } from '@windscreen/event-store';
import { fail, parseArgs } from '../apps/cli/src/cli-args';
import { playPopulation } from '../apps/cli/src/demo/play';
import { generatePopulation } from '../apps/cli/src/demo/scenario';
import { StorePlayer } from '../apps/cli/src/demo/store-player';
import { ProgressBar } from '../apps/cli/src/progress-bar';
import { benchServer, fmt } from './bench-support';

const TARGET_SECONDS = 30;
/**
 * As `npm run returns` and the api run (package.json): a 64 MiB young generation, so that the
 * many short-lived objects of two million events read are collected cheaply.
 */
const RETURN_FLAGS = ['--max-semi-space-size=64'];

/**
 * npm run bench:returns -- [--children 100000] [--seed windscreen] [--concurrency 16]
 *
 * 1. Generates the demo population (pure deciders, appended through the EventStore port) on a
 *    fresh embedded PostgreSQL (or a scratch database on DATABASE_URL's server).
 * 2. Makes the CIN census of the latest full collection year and Annex A for the last six months,
 *    each in a process of its own (so its peak RSS is its own), from the log to a file, and prints
 *    the time, the size and the peak RSS of each (target: each under 30 s).
 */
async function main(): Promise<void> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2), { values: ['children', 'seed', 'concurrency'] });
  } catch (error) {
    fail(`bench:returns: ${(error as Error).message}`);
  }
  const children = Number(args.children ?? 100_000);
  const concurrency = Number(args.concurrency ?? 16);
  // Building 100,000 children takes about ten minutes on a busy two-core machine: --children makes a smaller run.
  const seed = String(args.seed ?? 'windscreen');
  if (![children, concurrency].every((n) => Number.isInteger(n) && n > 0))
    fail('bench:returns: --children and --concurrency are positive whole numbers');
  const say = (line = '') => process.stdout.write(`${line}\n`);

  const server = await benchServer('returns');
  try {
    const url = await server.createDatabase(`windscreen_bench_returns_${Date.now()}`);
    await migrate(url);
    const pool = new Pool({ connectionString: url, max: concurrency + 4 });
    pool.on('error', () => undefined);
    const end = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
    say(`Windscreen returns benchmark — ${os.cpus().length} cores, Node ${process.version}`);
    say(`population: ${fmt(children)} children, seed "${seed}", the three years to ${end.toISOString().slice(0, 10)}`);
    say();

    const store = new PostgresEventStore(pool, url);
    const bar = new ProgressBar('generate', children);
    let done = 0;
    const t0 = process.hrtime.bigint();
    const generated = await playPopulation(
      generatePopulation({ seed, children, end }),
      new StorePlayer(store),
      concurrency,
      (family) => {
        done += family.children.length;
        bar.update(done);
      },
    );
    bar.finish(done);
    const generateSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await store.close();
    await pool.query('vacuum analyze');
    await pool.end();
    say(
      `generate: ${fmt(generated.commands)} commands, ${fmt(generated.events)} events in ${generateSeconds.toFixed(1)} s, ${generated.refused.length} refused`,
    );
    say();

    // The latest collection year that has ended, and the six months to the end of the population.
    const lastMarch = end.getUTCMonth() >= 3 ? end.getUTCFullYear() : end.getUTCFullYear() - 1;
    const to = new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 6, end.getUTCDate()))
      .toISOString()
      .slice(0, 10);
    const scratch = path.join(os.tmpdir(), `windscreen-bench-returns-${process.pid}`);
    say(
      `returns (each from the whole log of ${fmt(generated.events)} events, in its own process; target < ${TARGET_SECONDS} s each)`,
    );
    say('  return                                   seconds   output MiB   peak RSS MiB   target');
    for (const [label, kind, out, extra] of [
      [
        `CIN census ${lastMarch} (to 31 March ${lastMarch})`,
        'cin-census',
        `${scratch}-census.xml`,
        [String(lastMarch), '', ''],
      ],
      [`Annex A ${from} to ${to}`, 'annex-a', `${scratch}-annex-a.xlsx`, ['', from, to]],
    ] as const) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          ...RETURN_FLAGS,
          '-r',
          '@swc-node/register',
          path.join(__dirname, 'returns-export.ts'),
          kind,
          url,
          out,
          ...extra,
        ],
        {
          maxBuffer: 1 << 20,
        },
      );
      const result = JSON.parse(stdout.trim().split('\n').pop()!);
      say(
        `  ${label.padEnd(40)} ${result.seconds.toFixed(1).padStart(7)} ${(result.bytes / 1048576).toFixed(1).padStart(12)} ${result.peakRssMiB.toFixed(0).padStart(14)}   ${result.seconds < TARGET_SECONDS ? 'met' : 'not met'}`,
      );
      if (kind === 'cin-census')
        say(
          `    ${fmt(result.children)} children, ${fmt(result.episodes)} episodes; left out ${fmt(result.leftOut)}, incomplete ${fmt(result.incomplete)}, validation issues ${fmt(result.validation)}`,
        );
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
