import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Area } from '../domain/national-codes';
import { annexACsv, writeAnnexAWorkbook } from './annex-a-export';
import { collectionYear } from './cin-census';
import { censusDocument, CensusReport, emptyCensusReport } from './census-export';
import type { ReturnsRecord } from './returns-record';

/** Writes chunks to a stream, waiting whenever it asks to (so a slow disk or client bounds memory). */
async function writeAll(chunks: Iterable<string>, out: Writable): Promise<void> {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

/**
 * The census of `year` from the record as read at `asOf` (readReturnsRecord), written to `out` as
 * it is made; the report beside it. The record is read first, so that a failure to read it comes
 * before anything is written.
 */
export async function writeCinCensus(
  record: ReturnsRecord,
  options: { year: number; asOf: string; area?: Area },
  out: Writable,
): Promise<CensusReport> {
  const year = collectionYear(options.year);
  const report = emptyCensusReport(year, options.asOf, options.area);
  await writeAll(
    censusDocument(
      record,
      { year, asOf: options.asOf, area: options.area, generatedAt: new Date().toISOString() },
      report,
    ),
    out,
  );
  return report;
}

/** Annex A for the period from the record as read (readReturnsRecord): the workbook, or one list as CSV. */
export async function writeAnnexA(
  record: ReturnsRecord,
  options: { from: string; to: string; area?: Area; list?: number; format: 'xlsx' | 'csv' },
  out: Writable,
): Promise<void> {
  const period = { from: options.from, to: options.to, area: options.area };
  if (options.format === 'csv') await writeAll(annexACsv(record, options.list!, period), out);
  else await writeAnnexAWorkbook(record, period, out);
}
