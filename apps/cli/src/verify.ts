import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@windscreen/config';
import { prepareDatabase } from '@windscreen/database';
import { ChainVerifier, EventStore } from '@windscreen/event-store';
import { ProjectorModule } from '../../projector/src/projector.module';
import { ProgressBar } from './progress-bar';
import { printable } from './printable';

/**
 * npm run verify: recomputes the hash chain of every stream from the event log (R22) and reports
 * the first broken link of each. Exits 1 when any link is broken.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await prepareDatabase(config, (message) => process.stderr.write(`${message}\n`));
  const app = await NestFactory.createApplicationContext(ProjectorModule.register(config, database.url, { run: false }), { logger: ['error'] });
  let broken = 0;
  try {
    const store = app.get(EventStore);
    const bar = new ProgressBar('verify', await store.countEventsAfter(0n));
    const verifier = new ChainVerifier();
    for (let position = 0n; ; ) {
      const events = await store.readAll({ fromPosition: position, limit: 2000 });
      if (events.length === 0) break;
      for (const event of events) verifier.check(event);
      position = events[events.length - 1].position;
      bar.update(verifier.eventsChecked);
    }
    bar.finish(verifier.eventsChecked);
    const links = verifier.brokenLinks;
    broken = links.length;
    process.stdout.write(
      `verified ${verifier.eventsChecked} events in ${verifier.streamsChecked} streams: ${broken === 0 ? 'every hash chain is intact' : `${broken} broken`}\n`,
    );
    for (const link of links) {
      process.stdout.write(`  ${printable(link.streamId)} revision ${link.revision} (position ${link.position}, event ${printable(link.eventId)}): ${link.problem} - ${printable(link.detail)}\n`);
    }
  } finally {
    await app.close();
    await database.stop();
  }
  process.exit(broken === 0 ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
