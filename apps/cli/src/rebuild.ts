import type { Pool } from 'pg';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@windscreen/config';
import { PG_POOL, prepareDatabase } from '@windscreen/database';
import { EventStore } from '@windscreen/event-store';
import { Projection, PROJECTIONS, rebuildProjections } from '@windscreen/projections';
import { ProjectorModule } from '../../projector/src/projector.module';
import { fail, parseArgs } from './cli-args';
import { ProgressBar } from './progress-bar';

/** npm run rebuild -- [--projection NAME]: empties the read model(s) and replays the whole log. */
async function main(): Promise<void> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2), { values: ['projection'], flags: ['all'] });
  } catch (error) {
    fail(`rebuild: ${(error as Error).message}`);
  }
  const config = loadConfig();
  const database = await prepareDatabase(config, (message) => process.stderr.write(`${message}\n`));
  // A maintenance command, like the migrations: as the owner, who may also vacuum the rewritten tables.
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.register(config, database.ownerUrl, { run: false }),
    {
      logger: ['error'],
    },
  );
  try {
    const projections = app.get<Projection[]>(PROJECTIONS);
    const chosen = args.projection
      ? projections.filter((projection) => projection.name === args.projection)
      : projections;
    if (chosen.length === 0) {
      fail(`rebuild: no projection "${args.projection}" (known: ${projections.map((p) => p.name).join(', ')})`);
    }
    const store = app.get(EventStore);
    const pool = app.get<Pool>(PG_POOL);
    const total = await store.countEventsAfter(0n);
    const bars = new Map(chosen.map((projection) => [projection.name, new ProgressBar(projection.name, total)]));
    const report = await rebuildProjections(pool, store, chosen, (name, eventsDone) =>
      bars.get(name)!.update(eventsDone),
    );
    for (const [name, bar] of bars) bar.finish(report.projections.find((one) => one.projection === name)!.events);
    for (const one of report.projections) {
      process.stdout.write(
        `${one.projection}: ${one.events} events in ${one.seconds.toFixed(2)} s (${one.eventsPerSecond} events/s)\n`,
      );
    }
    if (chosen.length > 1) {
      process.stdout.write(
        `all ${chosen.length} rebuilt side by side in ${report.seconds.toFixed(2)} s (${Math.round(total / report.seconds)} log events/s)\n`,
      );
    }
  } finally {
    await app.close();
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
