// Phone numbers normalised to E.164, the form the purchased list uses.
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export function toE164(raw: string, defaultCountry: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}

/** Numbers written in running text; libphonenumber validates them, so order numbers and ZIPs are skipped. */
export function phonesInText(text: string, defaultCountry: CountryCode): string[] {
  return findPhoneNumbersInText(text, defaultCountry).map((found) => found.number.number);
}
