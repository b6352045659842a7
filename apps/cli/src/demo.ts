import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { loadConfig } from '@windscreen/config';
import { prepareDatabase } from '@windscreen/database';
import { EventStore } from '@windscreen/event-store';
import { ProjectionProgress, ProjectionRunner } from '@windscreen/projections';
import { ApiModule } from '../../api/src/api.module';
import { fail, parseArgs } from './cli-args';
import { CommandBusPlayer } from './demo/command-bus-player';
import { playPopulation } from './demo/play';
import { generatePopulation } from './demo/scenario';
import { summarise } from './demo/summary';
import { ProgressBar } from './progress-bar';

/**
 * npm run demo -- [--children 5000] [--seed windscreen] [--until YYYY-MM-DD] [--concurrency 8]
 * Fills the system with a synthetic population through the same command handlers as the API, so
 * every threshold rule is applied. Shares a running `npm start`'s embedded PostgreSQL, or starts it.
 */
async function main(): Promise<void> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2), { values: ['children', 'seed', 'until', 'concurrency'] });
  } catch (error) {
    fail(`demo: ${(error as Error).message}`);
  }
  const children = Number(args.children ?? 5000);
  if (!Number.isInteger(children) || children < 1 || children > 1_000_000)
    fail('demo: --children must be a whole number from 1 to 1,000,000');
  const concurrency = Number(args.concurrency ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    fail('demo: --concurrency must be from 1 to 64');
  const seed = String(args.seed ?? 'windscreen');
  const end = endOf(args.until);

  const config = loadConfig();
  const database = await prepareDatabase(config, (message) => process.stderr.write(`${message}\n`));
  // The api's own module: the same handlers, with its projections left to the api (or to the catch-up below).
  const app = await NestFactory.createApplicationContext(
    ApiModule.register({ config: { ...config, projections: 'off' }, databaseUrl: database.url }),
    {
      logger: ['error'],
    },
  );
  let refused: number;
  try {
    const store = app.get(EventStore);
    if ((await store.headPosition()) > 0n) {
      process.stderr.write('the event store already holds events: the demo adds a new population beside them\n');
    }
    process.stderr.write(
      `demo: ${children.toLocaleString('en-GB')} children, seed "${seed}", the three years to ${end.toISOString().slice(0, 10)}\n`,
    );
    const started = process.hrtime.bigint();
    const bar = new ProgressBar('children', children);
    const summary = summarise();
    let done = 0;
    const result = await playPopulation(
      generatePopulation({ seed, children, end }),
      new CommandBusPlayer(app.get(CommandBus)),
      concurrency,
      (family) => {
        summary.add(family);
        done += family.children.length;
        bar.update(done);
      },
    );
    bar.finish(done);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    refused = result.refused.length;

    const runner = app.get(ProjectionRunner);
    const behind = new Map(
      (await app.get(ProjectionProgress).lag()).projections.map((one) => [one.name, Number(one.lag)]),
    );
    for (const projection of runner.projections) {
      const catchUp = new ProgressBar(`read model ${projection.name}`, behind.get(projection.name) ?? 0);
      let done = 0;
      await runner.catchUp(projection, (batch) => catchUp.update((done += batch.events)));
      catchUp.finish(done);
    }

    const out = (line: string) => process.stdout.write(`${line}\n`);
    for (const line of summary.lines()) out(line);
    out(`commands: ${result.commands.toLocaleString('en-GB')} accepted, ${refused} refused`);
    out(`events: ${result.events.toLocaleString('en-GB')}`);
    out(
      `time: ${seconds.toFixed(1)} s (${Math.round(result.commands / seconds).toLocaleString('en-GB')} commands/s, ${concurrency} families at a time)`,
    );
    out(
      `look at it: npm start (if it is not running), then http://localhost:${config.port}/dashboard with a manager's token:`,
    );
    out('  npm run -s token -- --role manager --all-teams');
    out(
      `  (demo workers' ids: demo-<team>-ehw1..4 early help, demo-<team>-sw1..4 social workers, teams north, south, fenland, city)`,
    );
    if (refused) {
      out('refused commands (a bug in the demo generator):');
      for (const refusal of result.refused.slice(0, 20)) {
        out(
          `  family ${refusal.family}, ${refusal.step} at ${refusal.at}: ${refusal.rule ? `${refusal.rule} ` : ''}${refusal.code} - ${refusal.message}`,
        );
      }
    }
  } finally {
    await app.close();
    await database.stop();
  }
  process.exit(refused === 0 ? 0 : 1);
}

/** The end of the period: the start of the given day, or of today (so a seed gives the same population all day). */
function endOf(until: string | true | undefined): Date {
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  if (until === undefined) return today;
  if (typeof until !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until)))
    fail('demo: --until must be a date YYYY-MM-DD');
  const end = new Date(`${until}T00:00:00.000Z`);
  if (end.getUTCFullYear() < 2019) fail('demo: --until must be 2019 or later (working days are known from 2015)');
  if (end > today) fail('demo: --until cannot be in the future (nothing is recorded before it happens)');
  return end;
}

main().catch((error) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(2);
});
