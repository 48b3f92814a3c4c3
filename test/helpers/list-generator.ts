// Synthetic purchased lists for the bulk tests and the benchmark: realistic column names
// and formats, about 2% duplicate businesses (same phone, other formatting), 0.5% rows
// without a name, some invalid phones and a few quoted fields with commas and newlines.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { seededRandom } from './seeded-random.ts';

export interface GeneratedList {
  rows: number;
  /** Rows that repeat an earlier business (same phone). */
  duplicates: number;
  /** Rows with an empty name. */
  nameless: number;
}

const AREA_CODES = ['212', '415', '617', '312', '713', '305', '206', '404', '602', '303', '503', '615', '704', '512', '614',
  '801', '916', '919', '702', '612', '813', '314', '412', '513', '816', '317', '414', '502', '901', '504'];
const STATES = ['NY', 'California', 'MA', 'Illinois', 'TX', 'FL', 'WA', 'ga', 'AZ', 'CO'];
const TRADES = ['Plumbing', 'Dental', 'Pizza', 'Law Office', 'Auto Repair', 'Bakery', 'Roofing', 'Accounting', 'Florist', 'HVAC'];
const SUFFIXES = ['', ' LLC', ' Inc.', ', Inc', ' Co', ' Corp'];

function pick<T>(items: readonly T[], r: number): T {
  return items[Math.floor(r * items.length)] as T;
}

interface Business {
  name: string;
  phone: string;
  zip: string;
}

function business(i: number, rand: () => number): Business {
  const area = pick(AREA_CODES, rand());
  const exchange = 200 + Math.floor(rand() * 800);
  const line = String(Math.floor(rand() * 10000)).padStart(4, '0');
  return {
    name: `${pick(TRADES, rand())} Number ${i}${pick(SUFFIXES, rand())}`,
    phone: `(${area}) ${exchange}-${line}`,
    zip: String(1000 + Math.floor(rand() * 98000)).padStart(5, '0'),
  };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function rowFor(i: number, b: Business, rand: () => number): string[] {
  const slug = b.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const street = rand() < 0.01 ? `${i} Main St,\nSuite ${i % 100}` : `${i} Main St`;
  const phone = rand() < 0.01 ? '555-0100' : b.phone;
  return [
    `R${String(i).padStart(9, '0')}`, b.name, street, 'Springfield', pick(STATES, rand()),
    rand() < 0.05 ? String(Number(b.zip)) : b.zip, phone,
    rand() < 0.7 ? `www.${slug}.com` : '', rand() < 0.5 ? `info@${slug}.com` : '',
    String(1 + Math.floor(rand() * 500)), `$${(rand() * 10).toFixed(1)}M`, '7389',
  ];
}

/** Writes an N-row list to `path` (plus a header), streaming: memory does not grow with N. */
export async function writeSyntheticList(path: string, rows: number, seed = 42): Promise<GeneratedList> {
  const rand = seededRandom(seed);
  const out = createWriteStream(path, { highWaterMark: 1024 * 1024 });
  const header = ['Record ID', 'Company Name', 'Address', 'City', 'State', 'ZIP Code', 'Phone Number',
    'Website', 'Email', 'Employee Size - Actual', 'Location Sales Volume', 'Primary SIC Code'];
  const result: GeneratedList = { rows, duplicates: 0, nameless: 0 };
  let chunk = header.join(',') + '\r\n';
  let previous: Business | null = null;
  for (let i = 1; i <= rows; i++) {
    const repeat = previous !== null && rand() < 0.02;
    const b: Business = repeat && previous !== null ? { ...previous, name: previous.name.toUpperCase() } : business(i, rand);
    if (repeat) result.duplicates++;
    const fields = rowFor(i, b, rand);
    if (!repeat && rand() < 0.005) {
      fields[1] = '';
      result.nameless++;
    }
    chunk += fields.map(csvField).join(',') + '\r\n';
    previous = fields[1] === '' ? null : b;
    if (chunk.length > 512 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return result;
}
