import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { NestFactory } from '@nestjs/core';
import { AREAS, Area, readReturnsRecord, writeAnnexA, writeCinCensus } from '@windscreen/case-journey';
import { loadConfig } from '@windscreen/config';
import { prepareDatabase } from '@windscreen/database';
import { EventStore } from '@windscreen/event-store';
import { ProjectorModule } from '../../projector/src/projector.module';
import { fail, parseArgs } from './cli-args';

const USAGE =
  'usage: npm run returns -- cin-census --year 2025 --out census.xml [--as-of TIME] [--area AREA]\n' +
  '       npm run returns -- annex-a --from 2025-01-01 --to 2025-06-30 --out annex-a.xlsx [--list N --format csv] [--as-of TIME] [--area AREA]';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * npm run returns: the statutory returns to a file, as GET /returns/... makes them. The census
 * writes its report (left out, incomplete, validation) beside it, as <out>.report.json.
 */
async function main(): Promise<void> {
  const [kind, ...rest] = process.argv.slice(2);
  if (kind !== 'cin-census' && kind !== 'annex-a') fail(`returns: say which return: cin-census or annex-a\n${USAGE}`);
  let args: Record<string, string | true>;
  try {
    args = parseArgs(rest, { values: ['year', 'out', 'as-of', 'area', 'from', 'to', 'list', 'format'] });
  } catch (error) {
    fail(`returns: ${(error as Error).message}\n${USAGE}`);
  }
  if (typeof args.out !== 'string') fail(`returns: --out names the file to write\n${USAGE}`);
  const asOf = typeof args['as-of'] === 'string' ? args['as-of'] : new Date().toISOString();
  if (Number.isNaN(Date.parse(asOf))) fail('returns: --as-of must be an ISO 8601 time, e.g. 2025-05-01T00:00:00Z');
  const area = args.area as Area | undefined;
  if (area !== undefined && !AREAS.includes(area)) fail(`returns: --area is one of ${AREAS.join(', ')}`);

  const year = Number(args.year);
  const { from, to } = args;
  const format = (args.format ?? 'xlsx') as 'xlsx' | 'csv';
  const list = args.list === undefined ? undefined : Number(args.list);
  if (kind === 'cin-census' && (!Number.isInteger(year) || year < 2000 || year > 2099))
    fail('returns: --year is the collection year, e.g. 2025 (1 April 2024 to 31 March 2025)');
  if (kind === 'annex-a') {
    if (typeof from !== 'string' || !DAY.test(from) || typeof to !== 'string' || !DAY.test(to) || to < from)
      fail('returns: --from and --to are the period, YYYY-MM-DD, from <= to');
    if (format !== 'xlsx' && format !== 'csv') fail('returns: --format is xlsx or csv');
    if (format === 'csv' && (list === undefined || !Number.isInteger(list) || list < 1 || list > 7))
      fail('returns: a CSV is one list: --list 1 to 7');
  }

  const config = loadConfig();
  const database = await prepareDatabase(config, (message) => process.stderr.write(`${message}\n`));
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.register(config, database.url, { run: false }),
    { logger: ['error'] },
  );
  try {
    const store = app.get(EventStore);
    const started = process.hrtime.bigint();
    const record = await readReturnsRecord(store, asOf);
    const out = createWriteStream(args.out);
    if (kind === 'cin-census') {
      const report = await writeCinCensus(record, { year, asOf, area }, out);
      out.end();
      await finished(out);
      const reportFile = `${args.out}.report.json`;
      const reportOut = createWriteStream(reportFile);
      reportOut.end(JSON.stringify(report, null, 2));
      await finished(reportOut);
      process.stdout.write(
        `CIN census ${year} (1 April ${year - 1} to 31 March ${year}) as known at ${asOf}: ${report.children} children, ${report.episodes} episodes -> ${args.out}\n` +
          `  left out ${report.leftOut.length}, incomplete fields ${report.incomplete.length}, validation issues ${report.validation.length} -> ${reportFile}\n`,
      );
      if (report.empty)
        process.stdout.write(
          '  no child in need in the year: the schema needs at least one, so this census cannot be submitted\n',
        );
    } else {
      await writeAnnexA(record, { from: from as string, to: to as string, area, list, format }, out);
      out.end();
      await finished(out);
      process.stdout.write(
        `Annex A ${from} to ${to} as known at ${asOf}${list ? `, list ${list}` : ''} -> ${args.out}\n`,
      );
    }
    process.stdout.write(`  ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s\n`);
  } finally {
    await app.close();
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`returns: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
