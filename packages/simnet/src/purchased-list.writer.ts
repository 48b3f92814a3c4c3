// Writes the market as the messy CSV a list broker sells, and the ground truth beside it.
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Business, GroundTruth, Market } from './market.types.ts';
import { createRng, type Rng } from './prng.ts';

export interface PurchasedListOptions {
  encoding?: 'utf8' | 'utf8-bom' | 'windows-1252';
}

const HEADER = ['Record ID', 'Company Name', 'Address', 'City', 'State', 'ZIP Code', 'Phone Number Combined', 'Website', 'Email', 'Employee Size - Actual', 'Location Sales Volume', 'SIC', 'SIC Description'];

function phoneStyle(rng: Rng, e164: string): string {
  const d = e164.replace(/^\+1/, '');
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  return rng.pick([`(${a}) ${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`, `${a}-${b}-${c}`, d, `1-${a}-${b}-${c}`]);
}

function websiteStyle(rng: Rng, site: string): string {
  if (site.startsWith('http')) return site;
  return rng.pick([site, `www.${site}`, `http://${site}`, `http://www.${site}/`, `https://www.${site}/home`, site.toUpperCase(), `http://${site}/page/about-us`]);
}

function salesStyle(rng: Rng, revenue: number): string {
  return rng.pick([String(revenue), `$${revenue.toLocaleString('en-US')}`, `${(revenue / 1000).toFixed(0)}`, '']);
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function rowOf(b: Business, rng: Rng): string[] {
  return [
    b.recordId,
    rng.chance(0.15) ? b.name.toUpperCase() : b.name,
    b.street,
    b.city,
    b.state,
    rng.chance(0.1) ? `${b.zip}-${String(rng.int(1000, 9999))}` : b.zip,
    rng.chance(0.03) ? '' : phoneStyle(rng, b.phone),
    b.listWebsite ? websiteStyle(rng, b.listWebsite) : '',
    b.listEmail ? (rng.chance(0.1) ? b.listEmail.toUpperCase() : b.listEmail) : '',
    rng.chance(0.1) ? '' : String(b.employees),
    salesStyle(rng, b.revenue),
    b.sic,
    b.industry,
  ];
}

/** The CSV text (CRLF, quoted where needed), with a few exact duplicates and unusable rows. */
export function purchasedListCsv(market: Market): string {
  const rng = createRng(market.seed ^ 0x5eed);
  const lines: string[] = [HEADER.map(quote).join(',')];
  for (const b of market.businesses) {
    const line = rowOf(b, rng).map(quote).join(',');
    lines.push(line);
    // Brokers merge sources: the same row sometimes appears twice.
    if (rng.chance(0.01)) lines.push(line);
  }
  const unusable = ['XX0000001', '', '1200 Main St', 'Columbus', 'OH', '43215', '(614) 555-0100', '', '', '', '', '', ''];
  lines.splice(Math.min(lines.length, 3), 0, unusable.map(quote).join(','), ['XX0000002', '  ', '', '', 'OH', '', '', '', '', '', '', '', ''].map(quote).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function writePurchasedList(market: Market, file: string, options: PurchasedListOptions = {}): void {
  const text = purchasedListCsv(market);
  const encoding = options.encoding ?? 'utf8';
  if (encoding === 'windows-1252') writeFileSync(file, iconv.encode(text, 'win1252'));
  else writeFileSync(file, (encoding === 'utf8-bom' ? '\ufeff' : '') + text, 'utf8');
}

export function writeGroundTruth(market: Market, file: string): void {
  const truth: Record<string, GroundTruth & { name: string }> = {};
  for (const b of market.businesses) truth[b.recordId] = { name: b.name, ...b.truth };
  writeFileSync(file, `${JSON.stringify(truth, null, 1)}\n`);
}
