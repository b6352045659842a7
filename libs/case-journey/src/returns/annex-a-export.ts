import type { Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { toCsv } from '../shared/csv';
import { ANNEX_A_LISTS, annexAList, AnnexAPeriod, annexARows } from './annex-a';
import type { ReturnsRecord } from './returns-record';

/**
 * Annex A as an Excel workbook, one sheet per list with the published headers, written through
 * exceljs's streaming writer: each row is committed (and freed) as it is added.
 */
export async function writeAnnexAWorkbook(
  record: ReturnsRecord,
  period: AnnexAPeriod,
  stream: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  for (const number of ANNEX_A_LISTS) {
    const { title, headers } = annexAList(number);
    const sheet = workbook.addWorksheet(title);
    sheet.addRow(headers).commit();
    for (const row of annexARows(record, number, period)) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
}

/** One list as CSV, a row at a time (header row first). */
export function* annexACsv(record: ReturnsRecord, number: number, period: AnnexAPeriod): Generator<string> {
  yield toCsv(annexAList(number).headers, []);
  // toCsv's first row is written as given: each data row goes through the same quoting and formula neutralising.
  for (const row of annexARows(record, number, period)) yield toCsv(row, []);
}
