import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportRecord } from './export.service.ts';
import { csvHeader } from './export.writers.ts';
import { writeXlsx, XLSX_SHEET } from './xlsx.writer.ts';

const record = (over: Partial<ExportRecord> = {}): ExportRecord => ({
  externalId: '1', name: 'Acme', city: 'Columbus', region: 'OH', postalCode: '43004', phone: '+16145550100',
  presence: 'website', domain: 'acme.com', emailProvider: 'microsoft-365', emailGateway: null, webHost: 'squarespace',
  dnsProvider: 'godaddy', isp: 'comcast-business', ecommercePlatform: null, cms: null, voipProvider: null,
  emailProviderCataloged: true, emailGatewayCataloged: null, webHostCataloged: true, dnsProviderCataloged: true, ispCataloged: true,
  ecommercePlatformCataloged: null, cmsCataloged: null, voipProviderCataloged: null,
  score: 87, tier: 'A', reasons: ['Comcast Business customer'], confidence: { isp: 0.9 }, evidence: { isp: ['PTR x'] }, scannedAt: '2026-11-23T10:00:00.000Z', corrected: [],
  ...over,
});

async function* from(records: ExportRecord[]) {
  yield* records;
}

async function roundTrip(records: ExportRecord[]): Promise<{ sheet: ExcelJS.Worksheet; count: number; endedOut: boolean }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  let ended = false;
  out.on('data', (c: Buffer) => chunks.push(c));
  out.on('end', () => (ended = true));
  const count = await writeXlsx(from(records), out);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(XLSX_SHEET);
  if (!sheet) throw new Error('sheet missing');
  return { sheet, count, endedOut: ended };
}

const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);

describe('xlsx export', () => {
  it('has the CSV header row and typed cells', async () => {
    const { sheet, count, endedOut } = await roundTrip([record(), record({ externalId: '2', score: null, isp: null })]);
    expect(count).toBe(2);
    expect(endedOut).toBe(false);
    expect(values(sheet.getRow(1))).toEqual(csvHeader());
    const header = csvHeader();
    const cell = (row: number, column: string) => sheet.getRow(row).getCell(header.indexOf(column) + 1).value;
    expect(cell(2, 'score')).toBe(87);
    expect(cell(2, 'confidence.isp')).toBe(0.9);
    expect(cell(2, 'isp')).toBe('comcast-business');
    expect(cell(2, 'scannedAt')).toEqual(new Date('2026-11-23T10:00:00.000Z'));
    expect(cell(3, 'score')).toBeNull();
    expect(cell(3, 'isp')).toBeNull();
    expect(sheet.rowCount).toBe(3);
  });

  it('neutralises formulas so no cell is a formula', async () => {
    const { sheet } = await roundTrip([record({ name: '=HYPERLINK("http://evil","click")', city: '+1+1' })]);
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe(`'=HYPERLINK("http://evil","click")`);
    expect(row.getCell(3).value).toBe(`'+1+1`);
    row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula));
  });

  it('streams a larger campaign', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => record({ externalId: String(i), score: i }));
    const { sheet, count } = await roundTrip(many);
    expect(count).toBe(1000);
    expect(sheet.getRow(1001).getCell(1).value).toBe("999");
  });
});
