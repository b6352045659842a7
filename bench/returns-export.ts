import * as fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { Pool } from 'pg';
import { readReturnsRecord, writeAnnexA, writeCinCensus } from '@windscreen/case-journey';
import { PostgresEventStore } from '@windscreen/event-store';

/**
 * One return, made in a process of its own so that its peak memory is its own: the census or
 * Annex A from the database at DATABASE_URL into OUT. Prints one line of JSON.
 */
async function main(): Promise<void> {
  const [kind, url, out, year, from, to] = process.argv.slice(2);
  const pool = new Pool({ connectionString: url, max: 2 });
  const store = new PostgresEventStore(pool, url);
  const file = fs.createWriteStream(out);
  const started = process.hrtime.bigint();
  const asOf = new Date().toISOString();
  let summary: Record<string, unknown> = {};
  const record = await readReturnsRecord(store, asOf);
  if (kind === 'cin-census') {
    const report = await writeCinCensus(record, { year: Number(year), asOf }, file);
    summary = {
      children: report.children,
      episodes: report.episodes,
      leftOut: report.leftOut.length,
      incomplete: report.incomplete.length,
      validation: report.validation.length,
    };
  } else {
    await writeAnnexA(record, { from, to, format: 'xlsx' }, file);
  }
  file.end();
  await finished(file);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  await pool.end().catch(() => undefined);
  process.stdout.write(
    `${JSON.stringify({ ...summary, seconds, bytes: fs.statSync(out).size, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
