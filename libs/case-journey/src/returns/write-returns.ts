import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EventStore } from '@windscreen/event-store';
import type { Area } from '../domain/national-codes';
import { annexACsv, writeAnnexAWorkbook } from './annex-a-export';
import { collectionYear } from './cin-census';
import { censusDocument, CensusReport, emptyCensusReport } from './census-export';
import { readReturnsRecord } from './returns-log-reader';

/** Writes chunks to a stream, waiting whenever it asks to (so a slow disk or client bounds memory). */
async function writeAll(chunks: Iterable<string>, out: Writable): Promise<void> {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

/** The census of `year` as known at `asOf`, written to `out` as it is made; the report beside it. */
export async function writeCinCensus(store: EventStore, options: { year: number; asOf: string; area?: Area }, out: Writable): Promise<CensusReport> {
  const year = collectionYear(options.year);
  const record = await readReturnsRecord(store, options.asOf);
  const report = emptyCensusReport(year, options.asOf, options.area);
  await writeAll(censusDocument(record, { year, asOf: options.asOf, area: options.area, generatedAt: new Date().toISOString() }, report), out);
  return report;
}

/** Annex A for the period as known at `asOf`: the workbook, or one list as CSV. */
export async function writeAnnexA(
  store: EventStore,
  options: { from: string; to: string; asOf: string; area?: Area; list?: number; format: 'xlsx' | 'csv' },
  out: Writable,
): Promise<void> {
  const record = await readReturnsRecord(store, options.asOf);
  const period = { from: options.from, to: options.to, area: options.area };
  if (options.format === 'csv') await writeAll(annexACsv(record, options.list!, period), out);
  else await writeAnnexAWorkbook(record, period, out);
}
