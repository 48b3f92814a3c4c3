// Phone numbers normalised to E.164, the form the purchased list uses.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * libphonenumber's findPhoneNumbersInText took ~6 s on 200 KB of digits and spaces (a hostile or
 * just data-heavy page), so a linear pattern picks candidates and only those are parsed.
 */
const CANDIDATE = /\+?\(?\d[\d\s().-]{5,18}\d/g;
const MAX_CANDIDATES = 200;

export function toE164(raw: string, defaultCountry: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}

/** Valid numbers written in running text (order numbers, ZIP codes and prices fail validation). */
export function phonesInText(text: string, defaultCountry: CountryCode): string[] {
  const found: string[] = [];
  let examined = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    if (++examined > MAX_CANDIDATES) break;
    const candidate = match[0].trim();
    const digits = candidate.replace(/\D/g, '').length;
    if (digits < 10 || digits > 15) continue;
    const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
    if (parsed?.isValid()) found.push(parsed.number);
  }
  return found;
}
