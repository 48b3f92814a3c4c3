// XLSX export with the same columns as the CSV. Streamed through ExcelJS's WorkbookWriter
// (rows are committed and zipped as they come), so a campaign of millions of prospects
// never sits in memory. Text is neutralised like the CSV, so a sheet saved back to CSV
// stays safe; numbers and the scan date stay typed cells.
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportRecord } from './export.service.ts';
import { csvHeader, csvRow } from './export.writers.ts';

export type XlsxCell = string | number | Date | null;

export const XLSX_SHEET = 'Prospects';

export function xlsxRow(r: ExportRecord): XlsxCell[] {
  const row: XlsxCell[] = csvRow(r).map((v) => (v === '' ? null : v));
  // csvRow ends with scannedAt; a date cell sorts and filters as a date.
  row[row.length - 1] = r.scannedAt ? new Date(r.scannedAt) : null;
  return row;
}

export async function writeXlsx(records: AsyncIterable<ExportRecord>, out: Writable): Promise<number> {
  // The workbook ends the stream it writes to; a pass-through keeps `out` open (stdout).
  const zip = new PassThrough();
  zip.pipe(out, { end: false });
  const finished = once(zip, 'end');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useStyles: true, useSharedStrings: false });
  const header = csvHeader();
  const sheet = workbook.addWorksheet(XLSX_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((h) => ({ header: h, key: h, width: Math.min(40, Math.max(10, h.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(header.length).numFmt = 'yyyy-mm-dd hh:mm';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  let count = 0;
  for await (const r of records) {
    sheet.addRow(xlsxRow(r)).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return count;
}
