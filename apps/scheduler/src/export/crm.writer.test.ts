import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CrmLayout } from './crm.columns.ts';
import type { CrmRecord } from './crm.records.ts';
import { writeCrmCsv } from './crm.writer.ts';

const record = (over: Partial<CrmRecord> = {}): CrmRecord => ({
  externalId: 'R-1', name: 'Acme Plumbing', address: '12 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US',
  phone: '+16145550100', website: null, email: 'info@acme.com', employees: 12, revenue: 1500000, industryCode: '1711',
  domain: 'acme.com', presence: 'website', emailProvider: 'microsoft-365', emailGateway: null, webHost: 'squarespace', dnsProvider: 'godaddy',
  isp: 'comcast-business', ecommercePlatform: null, cms: null, voipProvider: null, score: 87, tier: 'A', reasons: ['Comcast Business customer', 'Microsoft 365'],
  ...over,
});

async function* from(records: CrmRecord[]) {
  yield* records;
}

async function render(records: CrmRecord[], layout: CrmLayout): Promise<{ text: string; rows: string[][] }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeCrmCsv(from(records), layout, out);
  const text = Buffer.concat(chunks).toString('utf8');
  return { text, rows: parse(text) as string[][] };
}

describe('Salesforce leads layout', () => {
  it('has the Data Import Wizard field labels, in order', async () => {
    const { rows, text } = await render([record()], 'salesforce');
    expect(rows[0]).toEqual([
      'Last Name', 'Company', 'Street', 'City', 'State/Province', 'Zip/Postal Code', 'Country', 'Phone', 'Website', 'Email',
      'No. of Employees', 'Annual Revenue', 'Lead Source', 'Rating', 'Description',
    ]);
    expect(text).toContain('\r\n');
  });

  it('fills a lead: company as last name, rating from tier, providers in the description, numbers numeric', async () => {
    const { rows } = await render([record(), record({ name: '  ', tier: 'B' }), record({ tier: 'D' }), record({ tier: null, score: null, reasons: [] })], 'salesforce');
    const [a, b, d, none] = rows.slice(1);
    expect(a!.slice(0, 12)).toEqual(['Acme Plumbing', 'Acme Plumbing', '12 Main St', 'Columbus', 'OH', '43004', 'US', '(614) 555-0100', 'https://acme.com', 'info@acme.com', '12', '1500000']);
    expect(a![12]).toBe('Prospector');
    expect(a![13]).toBe('Hot');
    expect(a![14]).toBe('Prospector tier A (score 87). Why: Comcast Business customer; Microsoft 365. Providers: ISP: comcast-business; E-mail: microsoft-365; Web host: squarespace; DNS: godaddy. Industry code: 1711.');
    expect(b![0]).toBe('Unknown');
    expect(b![13]).toBe('Warm');
    expect(d![13]).toBe('Cold');
    expect(none![13]).toBe('');
  });

  it('neutralises formulas in any text cell', async () => {
    const { rows } = await render([record({ name: '=HYPERLINK("http://evil","x")', city: '@SUM(A1)', reasons: ['-1+2'] })], 'salesforce');
    expect(rows[1]![0]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(rows[1]![1]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(rows[1]![3]).toBe(`'@SUM(A1)`);
    expect(rows[1]!.every((cell) => !/^[=+\-@\t\r]/.test(cell))).toBe(true);
  });

  it('keeps a foreign phone international (neutralised, since it starts with +)', async () => {
    const { rows } = await render([record({ phone: '+442071838750' })], 'salesforce');
    expect(rows[1]![7]).toBe(`'+44 20 7183 8750`);
  });
});

describe('HubSpot companies layout', () => {
  it('has the default company property labels, then the Prospector properties', async () => {
    const { rows } = await render([record()], 'hubspot');
    expect(rows[0]).toEqual([
      'Company name', 'Company Domain Name', 'Phone Number', 'Street Address', 'City', 'State/Region', 'Postal Code', 'Country/Region',
      'Number of Employees', 'Annual Revenue', 'Description', 'Prospector ID', 'Prospector Tier', 'Prospector Score', 'Prospector Reasons',
      'Web Presence', 'ISP', 'Email Provider', 'Email Gateway', 'Web Host', 'DNS Provider', 'Ecommerce Platform', 'CMS', 'VoIP Provider',
    ]);
    const row = rows[1]!;
    expect(row.slice(0, 10)).toEqual(['Acme Plumbing', 'acme.com', '(614) 555-0100', '12 Main St', 'Columbus', 'OH', '43004', 'US', '12', '1500000']);
    expect(row.slice(12, 17)).toEqual(['A', '87', 'Comcast Business customer; Microsoft 365', 'website', 'comcast-business']);
    expect(row[18]).toBe('');
  });

  it('neutralises a hostile company name and domain', async () => {
    const { rows } = await render([record({ name: '+cmd|" /C calc"!A0', domain: '=1+1' })], 'hubspot');
    expect(rows[1]![0]).toBe(`'+cmd|" /C calc"!A0`);
    expect(rows[1]![1]).toBe(`'=1+1`);
  });
});
