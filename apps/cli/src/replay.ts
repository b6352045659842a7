import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { checkReadModelConsistency, decisionSteps, selectAt, streamName } from '@windscreen/case-journey';
import { loadConfig } from '@windscreen/config';
import { prepareDatabase } from '@windscreen/database';
import { EventStore, RecordedEvent } from '@windscreen/event-store';
import { ProjectionProgress } from '@windscreen/projections';
import { ProjectorModule } from '../../projector/src/projector.module';
import { fail, parseArgs } from './cli-args';
import { ProgressBar } from './progress-bar';
import { printable } from './printable';

const USAGE =
  'usage: npm run replay -- --case <caseId> [--until <ISO time>] [--as-occurred]  |  npm run replay -- --all';

/**
 * npm run replay: for auditors in a terminal. `--case` prints a case's decision history step by
 * step with the state after each step; `--all` replays every stream and checks that the read
 * models say what the events say (exit 1 on any difference).
 */
async function main(): Promise<void> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2), { values: ['case', 'until'], flags: ['all', 'as-occurred'] });
  } catch (error) {
    fail(`replay: ${(error as Error).message}\n${USAGE}`);
  }
  if (Boolean(args.case) === Boolean(args.all)) fail(`replay: give either --case or --all\n${USAGE}`);
  const until = args.until === undefined ? undefined : String(args.until);
  if (until !== undefined && Number.isNaN(Date.parse(until)))
    fail(`replay: --until must be an ISO 8601 time, e.g. 2026-03-12T14:00:00Z`);

  const config = loadConfig();
  const database = await prepareDatabase(config, (message) => process.stderr.write(`${message}\n`));
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.register(config, database.url, { run: false }),
    { logger: ['error'] },
  );
  let exitCode = 0;
  try {
    const store = app.get(EventStore);
    if (args.case) {
      const at = until ? (args['as-occurred'] ? { asOccurredBy: until } : { asOf: until }) : {};
      const events = selectAt(await store.readStream(streamName.case(String(args.case))), at);
      if (events.length === 0) {
        process.stderr.write(`replay: no events for case ${String(args.case)}${until ? ` by ${until}` : ''}\n`);
        exitCode = 1;
      } else {
        printHistory(events);
      }
    } else {
      exitCode = await replayAll(store, app.get(DataSource), app.get(ProjectionProgress));
    }
  } finally {
    await app.close();
    await database.stop();
  }
  process.exit(exitCode);
}

function printHistory(events: RecordedEvent[]): void {
  for (const step of decisionSteps(events)) {
    const late = step.recordedLate ? ` (recorded ${step.recordedAt})` : '';
    // Stored text (what was described, who recorded it) is shown with its control characters escaped.
    process.stdout.write(`${step.number}. ${step.occurredAt}${late} - ${printable(step.description)}\n`);
    process.stdout.write(
      `   by ${printable(`${step.by.name} (${step.by.role}, ${[step.by.agency, step.by.team].filter(Boolean).join(', ')})`)} - ${step.type} v${step.schemaVersion}, revision ${step.revision}\n`,
    );
    const { status, level, openEpisodes, consents } = step.after;
    process.stdout.write(
      `   after: ${status}, level ${level}; open: ${openEpisodes.length ? openEpisodes.join(', ') : 'none'}; consents: ${consents.length ? consents.join(', ') : 'none'}\n`,
    );
  }
}

async function replayAll(store: EventStore, dataSource: DataSource, progress: ProjectionProgress): Promise<number> {
  const head = await store.headPosition();
  if (!(await progress.waitFor(head, 30_000))) {
    process.stderr.write(
      'replay: the read models are behind the event log; start the api or projector so they catch up, then run again\n',
    );
    return 2;
  }
  const bar = new ProgressBar('replay', await store.countEventsAfter(0n));
  const report = await checkReadModelConsistency(store, dataSource, (eventsReplayed) => bar.update(eventsReplayed));
  bar.finish(report.eventsReplayed);
  process.stdout.write(
    `replayed ${report.eventsReplayed} events: ${report.casesChecked} cases and ${report.familiesChecked} families checked against the read models, ` +
      `${report.differences.length} difference${report.differences.length === 1 ? '' : 's'} found\n`,
  );
  for (const difference of report.differences.slice(0, 50)) {
    process.stdout.write(
      `  ${difference.stream} ${difference.field}: events say ${printable(JSON.stringify(difference.fromEvents))}, read model says ${printable(JSON.stringify(difference.inReadModel))}\n`,
    );
  }
  if (report.differences.length > 50) process.stdout.write(`  ... and ${report.differences.length - 50} more\n`);
  return report.differences.length === 0 ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
