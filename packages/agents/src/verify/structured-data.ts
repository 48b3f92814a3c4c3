// schema.org JSON-LD: the business describing itself in a machine-readable way, the strongest
// on-page identity evidence there is. Handles arrays, @graph, nesting and string addresses.
import type { CountryCode } from 'libphonenumber-js';
import type { PageFacts } from '../types.ts';
import { toE164 } from './phone.ts';

export type StructuredBusiness = PageFacts['structuredData'][number];

/** Types that describe the page or content rather than the business. */
const NON_BUSINESS_TYPES = new Set([
  'website', 'webpage', 'breadcrumblist', 'listitem', 'imageobject', 'person', 'product', 'offer', 'article',
  'blogposting', 'searchaction', 'sitenavigationelement', 'collectionpage', 'itemlist', 'readaction', 'review',
  'aggregaterating', 'event', 'faqpage', 'question', 'answer', 'videoobject', 'postaladdress', 'geocoordinates',
  'openinghoursspecification', 'contactpoint', 'entrypoint', 'propertyvalue',
]);
/** Bounds on what a hostile page can make us walk. */
const MAX_SCRIPTS = 20;
const MAX_DEPTH = 8;
const MAX_ITEMS = 10;

/** `scripts`: the texts of the page's application/ld+json scripts, in document order. */
export function extractStructuredData(scripts: string[], defaultCountry: CountryCode): StructuredBusiness[] {
  const found: StructuredBusiness[] = [];
  for (const script of scripts.slice(0, MAX_SCRIPTS)) {
    const parsed = parseJson(script);
    if (parsed !== undefined) walk(parsed, 0, found, defaultCountry);
  }
  return found.slice(0, MAX_ITEMS);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.trim()) as unknown;
  } catch {
    return undefined;
  }
}

function walk(node: unknown, depth: number, found: StructuredBusiness[], country: CountryCode): void {
  if (depth > MAX_DEPTH || found.length >= MAX_ITEMS || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, depth + 1, found, country);
    return;
  }
  const record = node as Record<string, unknown>;
  const business = asBusiness(record, country);
  if (business) found.push(business);
  for (const [key, value] of Object.entries(record)) {
    // The business's own address is read in asBusiness; other nested objects may hold more businesses.
    if (key !== 'address' && typeof value === 'object') walk(value, depth + 1, found, country);
  }
}

function asBusiness(record: Record<string, unknown>, country: CountryCode): StructuredBusiness | null {
  const types = [record['@type']].flat().filter((type): type is string => typeof type === 'string');
  if (types.length === 0 || types.every((type) => NON_BUSINESS_TYPES.has(type.toLowerCase()))) return null;
  const name = text(record['name']) ?? text(record['legalName']);
  const telephone = text(record['telephone']);
  const address = readAddress(record['address']);
  if (!name && !telephone && !address.streetAddress && !address.postalCode) return null;
  return {
    type: types.join(','),
    name,
    telephone: telephone ? toE164(telephone, country) : null,
    ...address,
  };
}

function readAddress(value: unknown): Pick<StructuredBusiness, 'postalCode' | 'streetAddress' | 'city'> {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof first === 'string') {
    const zip = /\b(\d{5})(?:-\d{4})?\b/.exec(first)?.[1] ?? null;
    return { postalCode: zip, streetAddress: first.split(',')[0]?.trim() || null, city: null };
  }
  if (!first || typeof first !== 'object') return { postalCode: null, streetAddress: null, city: null };
  const address = first as Record<string, unknown>;
  return {
    postalCode: text(address['postalCode']),
    streetAddress: text(address['streetAddress']),
    city: text(address['addressLocality']),
  };
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed.length > 0 ? trimmed.slice(0, 200) : null;
}
