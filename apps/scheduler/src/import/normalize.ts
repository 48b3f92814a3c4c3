// One list row → one normalised prospect row, or the reason it cannot be imported.
// Names are stored verbatim apart from whitespace: hostile content (=HYPERLINK(...),
// HTML, control characters) is data, defused on export, never silently edited here.
import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';
import { nameKey as businessNameKey, type ProspectInput } from '@prospector/agents';
import type { ColumnMap, FieldName, HeaderInfo } from './headers.ts';
import type { PhoneNormalizer } from './phone.ts';
import { normalizeRegion } from './regions.ts';

export { normalizeRegion } from './regions.ts';

/** A field longer than this rejects its row: no real business attribute is 64 KB long. */
export const MAX_FIELD_CHARS = 64 * 1024;

/** A list row as it becomes a prospect: the agents' view of one, plus what the import keeps. */
export interface NormalizedRow extends Omit<ProspectInput, 'id'> {
  rowNumber: number;
  recordId: string | null;
  externalId: string;
  nameKey: string;
  email: string | null;
  /** Header → cell as read (NUL bytes removed). */
  raw: Record<string, string>;
  /** What was dropped or repaired on the way, for the source row. */
  notes: string[];
}

export type RowOutcome = { ok: true; row: NormalizedRow } | { ok: false; reason: string };

export interface NormalizeContext {
  header: HeaderInfo;
  phone: PhoneNormalizer;
  /** ISO 3166 alpha-2; ZIP repair applies to US lists only. */
  country: string;
}

/** Trimmed, runs of whitespace collapsed to one space; null when empty. */
export function cleanText(value: string | undefined): string | null {
  if (value === undefined) return null;
  let cleaned = value.trim();
  // Most cells are already clean: skip the replace unless a run or a non-space blank exists.
  if (/\s\s|[^\S ]/.test(cleaned)) cleaned = cleaned.replace(/\s+/g, ' ');
  return cleaned === '' ? null : cleaned;
}

function cellOf(fields: string[], columns: ColumnMap, field: FieldName): string | null {
  const index = columns[field];
  return index === undefined ? null : cleanText(fields[index]);
}

/** The dedupe key; a name with no letters or digits keys on its own lower-cased text. */
export function nameKey(name: string): string {
  return businessNameKey(name) || name.toLowerCase();
}

/** Registrable domain (public and private suffixes: foo.myshopify.com stays itself), ASCII form. */
export function normalizeWebsite(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const domain = getDomain(trimmed, { allowPrivateDomains: true });
  if (domain === null) return null;
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(domain) ? domain : domainToASCII(domain);
  return ascii === '' ? null : ascii.toLowerCase();
}

const EMAIL = /^[^\s@<>()[\\\],;:"]+@((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,})$/;

/** Lower-cased address and its host; the first one when a cell lists several. */
export function normalizeEmail(value: string): { email: string; domain: string } | null {
  const first = value.trim().toLowerCase().replace(/^mailto:/, '').split(/[;,\s]+/)[0] ?? '';
  const match = EMAIL.exec(first);
  return match?.[1] === undefined ? null : { email: first, domain: match[1] };
}

/**
 * US: ZIP+4 → ZIP5, and leading zeros that a spreadsheet dropped are restored
 * ("2134" → "02134", "21341234" → "02134"). Other values (Canadian, UK…) upper-cased as given.
 */
export function normalizePostalCode(value: string, country = 'US'): string | null {
  const trimmed = value.trim().replace(/\.0+$/, '');
  if (trimmed === '') return null;
  if (country === 'US') {
    let m = /^(\d{3,5})(?:[-\s]?\d{4})?$/.exec(trimmed);
    if (m?.[1] !== undefined && !/^\d{6,7}$/.test(trimmed)) return m[1].padStart(5, '0');
    m = /^(\d{8,9})$/.exec(trimmed);
    if (m?.[1] !== undefined) return m[1].padStart(9, '0').slice(0, 5);
  }
  return trimmed.replace(/\s+/g, ' ').toUpperCase();
}

const SCALE: Record<string, number> = {
  '': 1, k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, mil: 1e6, mill: 1e6, million: 1e6,
  b: 1e9, bn: 1e9, billion: 1e9,
};

function parseAmount(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/.exec(text.trim());
  if (m?.[1] === undefined) return null;
  const scale = SCALE[m[2] ?? ''];
  return scale === undefined ? null : Number(m[1]) * scale;
}

/**
 * Lenient counts and amounts: "1,200" → 1200, "$2.5M" → 2500000, "500+" → 500,
 * a range "10-19" / "$1M to $2.5M" → its midpoint (14.5, 1750000). Not a number → null.
 */
export function parseQuantity(value: string): number | null {
  const text = value.toLowerCase().replace(/[$€£,\s]+(?=[\d.])|,/g, '').replace(/^(?:over|under|about|approx\.?|less than|more than|<|>|~)\s*/, '').replace(/\+$/, '').trim();
  if (text === '') return null;
  const range = /^(.+?)\s*(?:-|–|to)\s*(.+)$/.exec(text);
  if (range?.[1] !== undefined && range[2] !== undefined) {
    const low = parseAmount(range[1].replace(/^[$€£]/, ''));
    const high = parseAmount(range[2].replace(/^[$€£]/, ''));
    return low === null || high === null ? null : (low + high) / 2;
  }
  return parseAmount(text.replace(/^[$€£]/, ''));
}

function rawRecord(headers: string[], fields: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  const n = Math.min(headers.length, fields.length);
  for (let i = 0; i < n; i++) raw[headers[i] as string] = fields[i] as string;
  return raw;
}

/** Structural checks that reject the whole row; null when the row can be read. */
function structuralProblem(fields: string[], headers: string[]): string | null {
  for (let i = 0; i < fields.length; i++) {
    const length = (fields[i] as string).length;
    if (length > MAX_FIELD_CHARS) {
      return `field "${headers[i] ?? `column ${i + 1}`}" is ${length} characters (limit ${MAX_FIELD_CHARS})`;
    }
  }
  if (fields.length > headers.length && fields.slice(headers.length).some((f) => f.trim() !== '')) {
    return `row has ${fields.length} fields, the header has ${headers.length} (unquoted separator?)`;
  }
  return null;
}

function quantity(value: string | null, label: string, notes: string[]): number | null {
  if (value === null) return null;
  const n = parseQuantity(value);
  if (n === null) notes.push(`${label} ${JSON.stringify(value.slice(0, 40))} is not a number`);
  return n;
}

/** Normalises one data record (fields as parsed); rowNumber counts the header as row 1. */
export function normalizeRecord(input: string[], rowNumber: number, ctx: NormalizeContext): RowOutcome {
  const notes: string[] = [];
  let fields = input;
  if (fields.some((f) => f.includes('\0'))) {
    fields = fields.map((f) => f.replaceAll('\0', ''));
    notes.push('NUL bytes removed');
  }
  const { headers, columns } = ctx.header;
  const problem = structuralProblem(fields, headers);
  if (problem !== null) return { ok: false, reason: problem };
  const cell = cellOf.bind(null, fields, columns);
  const name = cell('name');
  if (name === null) return { ok: false, reason: notes.length > 0 ? 'no business name (only NUL bytes)' : 'no business name' };
  if (fields.length < headers.length) notes.push(`row has ${fields.length} of ${headers.length} fields`);
  const recordId = cell('recordId');
  const rawPhone = cell('phone');
  const phone = rawPhone === null ? { e164: null } : ctx.phone.normalize(rawPhone);
  if (phone.note !== undefined) notes.push(phone.note);
  const website = cell('website');
  const websiteDomain = website === null ? null : normalizeWebsite(website);
  if (website !== null && websiteDomain === null) notes.push(`website ${JSON.stringify(website.slice(0, 80))} has no registrable domain`);
  const rawEmail = cell('email');
  const email = rawEmail === null ? null : normalizeEmail(rawEmail);
  if (rawEmail !== null && email === null) notes.push(`email ${JSON.stringify(rawEmail.slice(0, 80))} is not an address`);
  const employees = quantity(cell('employees'), 'employees', notes);
  const region = cell('region');
  const postalCode = cell('postalCode');
  return {
    ok: true,
    row: {
      rowNumber, recordId, externalId: recordId ?? String(rowNumber), name, nameKey: nameKey(name),
      address: cell('address'), city: cell('city'),
      region: region === null ? null : normalizeRegion(region),
      postalCode: postalCode === null ? null : normalizePostalCode(postalCode, ctx.country),
      phone: phone.e164, website, websiteDomain, email: email?.email ?? null, emailDomain: email?.domain ?? null,
      employees: employees === null ? null : Math.min(Math.round(employees), 2_147_483_647),
      revenue: quantity(cell('revenue'), 'revenue', notes), industryCode: cell('industryCode'),
      raw: rawRecord(headers, fields), notes,
    },
  };
}
