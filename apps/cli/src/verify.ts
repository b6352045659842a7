import 'reflect-metadata';
import * as fs from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@windscreen/config';
import { prepareDatabase } from '@windscreen/database';
import { CheckpointReceipt, EventStore, LogCheckpoints, LogVerificationReport } from '@windscreen/event-store';
import { ProjectorModule } from '../../projector/src/projector.module';
import { fail, parseArgs } from './cli-args';
import { printable } from './printable';
import { ProgressBar } from './progress-bar';

/**
 * npm run verify -- [--receipt FILE] [--checkpoint]: recomputes the hash chain of every stream
 * from the event log (R22) and compares the whole log with the latest signed checkpoint, or with
 * a receipt kept elsewhere; reports each broken link and what changed since the checkpoint.
 * `--checkpoint` then signs a new checkpoint and prints its receipt. Exits 1 when anything
 * does not hold.
 */
async function main(): Promise<void> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2), { values: ['receipt'], flags: ['checkpoint'] });
  } catch (error) {
    fail(`verify: ${(error as Error).message}`);
  }
  const receipt = typeof args.receipt === 'string' ? readReceipt(args.receipt) : undefined;
  const config = loadConfig();
  const database = await prepareDatabase(config, (message) => process.stderr.write(`${message}\n`));
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.register(config, database.url, { run: false }),
    { logger: ['error'] },
  );
  let report: LogVerificationReport;
  try {
    const checkpoints = app.get(LogCheckpoints);
    const bar = new ProgressBar('verify', await app.get(EventStore).countEventsAfter(0n));
    report = await checkpoints.verifyLog(receipt, (checked) => bar.update(checked));
    bar.finish(report.eventsChecked);
    process.stdout.write(describe(report));
    if (args.checkpoint && report.intact) {
      process.stdout.write(`${JSON.stringify(await checkpoints.write(), null, 2)}\n`);
    } else if (args.checkpoint) {
      process.stdout.write('no checkpoint signed: the log does not verify\n');
    }
  } finally {
    await app.close();
    await database.stop();
  }
  process.exit(report.intact ? 0 : 1);
}

function readReceipt(file: string): CheckpointReceipt {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CheckpointReceipt;
  } catch (error) {
    fail(`verify: --receipt ${file}: ${(error as Error).message}`);
  }
}

function describe(report: LogVerificationReport): string {
  const lines = [
    `verified ${report.eventsChecked} events in ${report.streamsChecked} streams: ${report.brokenLinks.length === 0 ? 'every hash chain is intact' : `${report.brokenLinks.length} broken`}`,
  ];
  for (const link of report.brokenLinks) {
    lines.push(
      `  ${printable(link.streamId)} revision ${link.revision} (position ${link.position}, event ${printable(link.eventId)}): ${link.problem} - ${printable(link.detail)}`,
    );
  }
  const checkpoint = report.checkpoint;
  if (!checkpoint) {
    lines.push('no signed checkpoint yet: only each stream’s own chain was checked (sign one with --checkpoint)');
  } else {
    const which = checkpoint.against === 'receipt' ? 'the receipt' : 'the latest checkpoint';
    const what = `${which} (position ${checkpoint.position}, ${checkpoint.events} events, signed ${checkpoint.signedAt}, key ${checkpoint.keyId}${checkpoint.signedByThisServer ? '' : ', not this server’s key'})`;
    if (!checkpoint.signatureValid)
      lines.push(`${what}: its signature does not hold; the log was not compared with it`);
    else
      lines.push(
        `${what}: ${report.findings.length === 0 ? 'the log matches it' : `${report.findings.length} differences`}`,
      );
  }
  if (!checkpoint && report.findings.length) lines.push(`${report.findings.length} differences`);
  for (const finding of report.findings)
    lines.push(
      `  ${finding.kind}${finding.streamId ? ` ${printable(finding.streamId)}` : ''}: ${printable(finding.detail)}`,
    );
  return `${lines.join('\n')}\n`;
}

main().catch((error) => {
  process.stderr.write(`verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
