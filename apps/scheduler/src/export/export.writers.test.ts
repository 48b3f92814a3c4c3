import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ExportRecord } from './export.service.ts';
import { writeExport } from './export.writers.ts';
import { neutralizeCell } from './neutralize.ts';

const record = (over: Partial<ExportRecord>): ExportRecord => ({
  externalId: '1', name: 'Acme', city: 'Columbus', region: 'OH', postalCode: '43004', phone: '+16145550100',
  presence: 'website', domain: 'acme.com', emailProvider: 'microsoft-365', emailGateway: null, webHost: 'squarespace',
  dnsProvider: 'godaddy', isp: 'comcast-business', ecommercePlatform: null, cms: null, voipProvider: null,
  emailProviderCataloged: true, emailGatewayCataloged: null, webHostCataloged: true, dnsProviderCataloged: true, ispCataloged: true,
  ecommercePlatformCataloged: null, cmsCataloged: null, voipProviderCataloged: null,
  score: 87, tier: 'A', reasons: ['Comcast Business customer'], confidence: { isp: 0.9 }, evidence: { isp: ['PTR x'] }, scannedAt: '2026-11-23T00:00:00.000Z', corrected: [],
  ...over,
});

async function* from(records: ExportRecord[]) {
  yield* records;
}

async function render(records: ExportRecord[], format: 'csv' | 'json'): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeExport(from(records), format, out);
  return Buffer.concat(chunks).toString('utf8');
}

describe('export', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1 614', `'+1 614`],
    ['-2', `'-2`],
    ['@SUM(1)', `'@SUM(1)`],
    ['\tTab', `'\tTab`],
    ['\rCR', `'\rCR`],
    ['Plain & <b>html</b>', 'Plain & <b>html</b>'],
  ])('neutralises %j', (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it('writes CSV with formulas neutralised, nulls empty and numbers numeric', async () => {
    const text = await render([record({ name: '=HYPERLINK("http://evil","click")', isp: null })], 'csv');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe(`'=HYPERLINK("http://evil","click")`);
    expect(rows[0]!.isp).toBe('');
    expect(rows[0]!.score).toBe('87');
    expect(rows[0]!['confidence.isp']).toBe('0.9');
    expect(rows[0]!.phone).toBe(`'+16145550100`);
  });

  it('says per provider answer whether it is a catalog slug or a name read from the evidence', async () => {
    const uncatalogued = record({ emailProvider: 'mxroute.com', emailProviderCataloged: false, isp: null, ispCataloged: null });
    const rows = parse(await render([uncatalogued], 'csv'), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ emailProvider: 'mxroute.com', emailProviderCataloged: 'false', webHostCataloged: 'true', ispCataloged: '' });
    const [json] = JSON.parse(await render([uncatalogued], 'json')) as ExportRecord[];
    expect(json).toMatchObject({ emailProvider: 'mxroute.com', emailProviderCataloged: false, webHostCataloged: true, ispCataloged: null });
  });

  it('writes JSON with every field and null for unknowns', async () => {
    const parsed = JSON.parse(await render([record({ isp: null }), record({ externalId: '2' })], 'json')) as ExportRecord[];
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toHaveProperty('isp', null);
    expect(Object.keys(parsed[0]!)).toEqual(expect.arrayContaining(['externalId', 'presence', 'domain', 'emailProvider', 'emailGateway', 'webHost', 'dnsProvider', 'isp', 'ecommercePlatform', 'cms', 'voipProvider', 'score', 'tier', 'confidence', 'evidence', 'scannedAt']));
  });
});
