// Formula injection after a separator, in every export writer: whatever separator a
// spreadsheet splits the file or a cell on, no resulting fragment may start a formula.
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { catalogedColumns } from '@prospector/agents';
import type { CrmRecord } from './crm.records.ts';
import { writeCrmCsv } from './crm.writer.ts';
import type { ExportRecord } from './export.service.ts';
import { writeExport } from './export.writers.ts';
import { neutralizeCell } from './neutralize.ts';
import { writeXlsx, XLSX_SHEET } from './xlsx.writer.ts';

/** Values that are harmless as one cell but hold a formula after a separator. */
const HOSTILE = ['Acme;=1+1', 'Acme,=1+1', 'Acme\t=1+1', 'Acme|=1+1', 'Acme\n=1+1', 'Acme\r\n@SUM(A1)', 'Acme; =1+1', 'Acme;"=1+1"', 'a;+1+1', 'a;-1+1', '=1;=2'];

/** Fragments that a spreadsheet splitting on any separator would read as a formula. */
function liveFormulas(text: string): string[] {
  return text.split(/[,;\t|\r\n]/).filter((fragment) => /^[ "]*[=+\-@]/.test(fragment));
}

async function* from<T>(records: T[]): AsyncGenerator<T> {
  yield* records;
}

async function capture(write: (out: Writable) => Promise<number>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks);
}

const exportRecord = (value: string): ExportRecord => ({
  externalId: value, name: value, city: value, region: 'OH', postalCode: '43004', phone: '6145550100',
  presence: 'website', domain: value, emailProvider: value, emailGateway: null, webHost: 'squarespace',
  dnsProvider: 'godaddy', isp: value, ecommercePlatform: null, cms: null, voipProvider: null,
  ...catalogedColumns({ emailProvider: value, webHost: 'squarespace', dnsProvider: 'godaddy', isp: value }, { webHost: true, dnsProvider: true }),
  score: 87, tier: 'A', reasons: [value, 'Comcast Business customer'], confidence: { isp: 0.9 }, evidence: { isp: [value] }, scannedAt: '2026-11-23T00:00:00.000Z', corrected: [],
});

const crmRecord = (value: string): CrmRecord => ({
  externalId: value, name: value, address: value, city: value, region: 'OH', postalCode: '43004', country: 'US',
  phone: '6145550100', website: null, email: 'info@acme.com', employees: 12, revenue: 1500000, industryCode: value,
  domain: 'acme.com', presence: 'website', emailProvider: value, emailGateway: null, webHost: 'squarespace', dnsProvider: 'godaddy',
  isp: value, ecommercePlatform: null, cms: null, voipProvider: null, score: 87, tier: 'A', reasons: [value],
});

describe('neutralizeCell', () => {
  it.each([
    ['Acme;=1+1', `Acme;'=1+1`],
    ['Acme; "=1+1"', `Acme;' "=1+1"`],
    ['a|@SUM(1)', `a|'@SUM(1)`],
    ['a\t-1', `a\t'-1`],
    ['=1;=2', `'=1;'=2`],
    ['\t=1', `'\t'=1`],
    ['Smith-Jones; Co', 'Smith-Jones; Co'],
  ])('defuses every fragment of %j', (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });
});

describe('every export writer defuses formulas after any separator', () => {
  it('CSV', async () => {
    const text = (await capture((out) => writeExport(from(HOSTILE.map(exportRecord)), 'csv', out))).toString('utf8');
    expect(text).toContain('Acme;');
    expect(liveFormulas(text)).toEqual([]);
  });

  it.each(['salesforce', 'hubspot'] as const)('CRM %s', async (layout) => {
    const text = (await capture((out) => writeCrmCsv(from(HOSTILE.map(crmRecord)), layout, out))).toString('utf8');
    expect(text).toContain('Acme;');
    expect(liveFormulas(text)).toEqual([]);
  });

  it('CSV quotes a field that holds a semicolon, tab or pipe', async () => {
    const text = (await capture((out) => writeExport(from([exportRecord('Acme;Co')]), 'csv', out))).toString('utf8');
    // externalId is the first column: quoted, where the default quotes only commas.
    expect(text.split('\r\n')[1]).toMatch(/^"Acme;Co",/);
  });

  it('XLSX (its text, saved back to CSV by a user, stays safe)', async () => {
    const bytes = await capture((out) => writeXlsx(from(HOSTILE.map(exportRecord)), out));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(XLSX_SHEET);
    if (!sheet) throw new Error('sheet missing');
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string') texts.push(cell.value); }));
    expect(texts).toContain(`Acme;'=1+1`);
    expect(texts.flatMap(liveFormulas)).toEqual([]);
  });
});
