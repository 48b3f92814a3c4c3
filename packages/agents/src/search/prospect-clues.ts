// What a search snippet can be checked against: the prospect's town, phone and street,
// pre-normalised once per prospect so every hit is compared the same way.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { cleanText, nameTokens } from '../names/business-name.ts';
import type { ProspectInput } from '../types.ts';

export interface ProspectClues {
  /** Suffix-free trading name, as searched. */
  searchName: string;
  /** Cleaned city, e.g. "saint louis"; null when unknown. */
  city: string | null;
  /** City and region as listed, for queries, e.g. "Springfield IL". */
  place: string | null;
  /** Two-letter US state code when the region is one. */
  state: string | null;
  /** National significant number digits, e.g. "2175550134". */
  phoneDigits: string | null;
  /** Human national format, e.g. "(217) 555-0134", for queries. */
  phoneNational: string | null;
  /** House number and first street word, cleaned, e.g. "123 main". */
  streetPrefix: string | null;
  postalCode: string | null;
}

export interface SnippetMentions {
  city: boolean;
  phone: boolean;
  street: boolean;
  /** Names a place in another US state ("Shelbyville, KY" for a prospect in IL): a namesake sign. */
  elsewhere: boolean;
}

const US_STATES: ReadonlySet<string> = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA ' +
    'RI SC SD TN TX UT VT VA WA WV WI WY').split(' '),
);

function streetPrefixOf(address: string | null): string | null {
  if (address === null) return null;
  const tokens = cleanText(address).split(' ');
  const [number, street] = tokens;
  return number !== undefined && street !== undefined && /^\d+[a-z]?$/.test(number) ? `${number} ${street}` : null;
}

export function buildProspectClues(prospect: ProspectInput): ProspectClues {
  const phone = prospect.phone === null ? undefined : parsePhoneNumberFromString(prospect.phone);
  const city = prospect.city === null ? '' : cleanText(prospect.city);
  const postal = prospect.postalCode?.trim().slice(0, 5) ?? '';
  const state = prospect.region?.trim().toUpperCase() ?? '';
  return {
    searchName: nameTokens(prospect.name).join(' '),
    city: city === '' ? null : city,
    place: [prospect.city, prospect.region].map((p) => p?.trim() ?? '').filter((p) => p !== '').join(' ') || null,
    state: US_STATES.has(state) ? state : null,
    phoneDigits: phone?.isValid() === true ? String(phone.nationalNumber) : null,
    phoneNational: phone?.isValid() === true ? phone.formatNational() : null,
    streetPrefix: streetPrefixOf(prospect.address),
    postalCode: postal.length >= 4 ? postal : null,
  };
}

/** Phone-looking runs of digits, separators dropped: "(217) 555-0134" → "2175550134". */
function phoneRuns(text: string): string[] {
  return (text.match(/\+?\d[\d\s().-]{5,}\d/g) ?? []).map((run) => run.replace(/\D/g, ''));
}

/** "Town, ST" patterns naming a state other than the prospect's. */
function mentionsOtherState(text: string, state: string | null): boolean {
  if (state === null) return false;
  for (const match of text.matchAll(/,\s*([A-Z]{2})(?=[\s.,;)]|\d|$)/g)) {
    const code = match[1];
    if (code !== undefined && code !== state && US_STATES.has(code)) return true;
  }
  return false;
}

export function findMentions(text: string, clues: ProspectClues): SnippetMentions {
  const padded = ` ${cleanText(text)} `;
  const phoneDigits = clues.phoneDigits;
  return {
    elsewhere: mentionsOtherState(text, clues.state),
    city: clues.city !== null && padded.includes(` ${clues.city} `),
    phone: phoneDigits !== null && phoneRuns(text).some((run) => run.endsWith(phoneDigits)),
    street:
      (clues.streetPrefix !== null && padded.includes(` ${clues.streetPrefix} `)) ||
      (clues.postalCode !== null && padded.includes(` ${clues.postalCode} `)),
  };
}

/** Queries, most useful first: name in its town, then name with phone. */
export function buildSearchQueries(clues: ProspectClues, max: number): string[] {
  if (clues.searchName === '') return [];
  const queries: string[] = [];
  queries.push(clues.place === null ? clues.searchName : `${clues.searchName} ${clues.place}`);
  if (clues.phoneNational !== null) queries.push(`${clues.searchName} ${clues.phoneNational}`);
  return queries.slice(0, Math.max(0, max));
}
