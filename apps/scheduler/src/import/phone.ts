// Phone numbers → E.164 with libphonenumber-js. A full parse costs ~45 µs, i.e. 45 s of a
// 1M-row import on its own, so plain 10-digit NANP numbers take a memoised path: the
// NANP validity patterns in libphonenumber's metadata look at no more than the first
// six digits (area code + exchange) and end in a free `\d{4}`, so the verdict for one
// six-digit prefix holds for every number that shares it (phone.test.ts checks this
// against the full parser on random numbers). Same answer; the work is shared.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface PhoneResult {
  e164: string | null;
  /** Why a non-empty value was dropped. */
  note?: string;
}

const NANP_COUNTRIES = new Set(['US', 'CA', 'PR', 'GU', 'VI', 'AS', 'MP']);
/** Only separators and digits: anything else (ext., letters) takes the full parser. */
const PLAIN_NUMBER = /^[\s()./-]*(?:\+?1[\s()./-]*)?(?:\d[\s()./-]*){10}$/;
/** Bounds memory: there are about 300k NPA-NXX pairs in service. */
const PREFIX_CACHE_LIMIT = 400_000;

export class PhoneNormalizer {
  private readonly prefixValid = new Map<string, boolean>();

  constructor(private readonly defaultCountry: CountryCode = 'US') {}

  normalize(raw: string): PhoneResult {
    const value = raw.trim();
    if (value === '') return { e164: null };
    if (NANP_COUNTRIES.has(this.defaultCountry) && PLAIN_NUMBER.test(value)) return this.nanp(value);
    return this.full(value);
  }

  private nanp(value: string): PhoneResult {
    let digits = value.replace(/\D+/g, '');
    if (digits.length === 11) digits = digits.slice(1);
    const prefix = digits.slice(0, 6);
    const known = this.prefixValid.get(prefix);
    if (known === true) return { e164: `+1${digits}` };
    if (known === false) return invalid(value);
    const result = this.full(value);
    // Remember only the two verdicts the shortcut can reproduce exactly.
    if (result.e164 === null || result.e164 === `+1${digits}`) {
      if (this.prefixValid.size >= PREFIX_CACHE_LIMIT) this.prefixValid.clear();
      this.prefixValid.set(prefix, result.e164 !== null);
    }
    return result;
  }

  private full(value: string): PhoneResult {
    const parsed = parsePhoneNumberFromString(value, this.defaultCountry);
    if (parsed === undefined || !parsed.isValid()) return invalid(value);
    return { e164: parsed.number };
  }
}

function invalid(value: string): PhoneResult {
  return { e164: null, note: `invalid phone number ${JSON.stringify(value.slice(0, 40))} dropped` };
}
