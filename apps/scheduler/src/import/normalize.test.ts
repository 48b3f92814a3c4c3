import { parsePhoneNumberFromString } from 'libphonenumber-js';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, ImportEncodingError, sniffDelimiter } from './encoding.ts';
import { detectColumns, ImportHeaderError } from './headers.ts';
import {
  cleanText, nameKey, normalizeEmail, normalizePostalCode, normalizeRecord, normalizeRegion,
  normalizeWebsite, parseQuantity,
} from './normalize.ts';
import { PhoneNormalizer } from './phone.ts';

describe('detectColumns', () => {
  it.each([
    [['Company Name', 'Street Address', 'City', 'State', 'ZIP Code', 'Phone Number', 'Web Address', 'E-mail'], { name: 0, address: 1, city: 2, region: 3, postalCode: 4, phone: 5, website: 6, email: 7 }],
    [['business_name', 'ADDRESS LINE 1', 'province', 'zip5', 'Telephone', 'URL', 'contact email'], { name: 0, address: 1, region: 2, postalCode: 3, phone: 4, website: 5, email: 6 }],
    [['ABI Number', 'Company', 'Employee Size - Actual', 'Location Sales Volume', 'Primary SIC Code', 'Phone Number Combined'], { recordId: 0, name: 1, employees: 2, revenue: 3, industryCode: 4, phone: 5 }],
    [['DUNS', 'Name', 'Web Site', 'Employees', 'Annual Sales', 'NAICS', 'Postal Code', 'Region'], { recordId: 0, name: 1, website: 2, employees: 3, revenue: 4, industryCode: 5, postalCode: 6, region: 7 }],
  ])('maps %j', (headers, expected) => {
    expect(detectColumns(headers).columns).toEqual(expected);
  });

  it('prefers Company Name over a contact Name column', () => {
    expect(detectColumns(['Name', 'Company Name']).columns.name).toBe(1);
  });

  it('applies --map overrides, moving a field off a column', () => {
    const info = detectColumns(['Firm', 'Name', 'Tel'], { Firm: 'name', tel: 'phone' });
    expect(info.columns).toEqual({ name: 0, phone: 2 });
  });

  it('names the headers it saw when no name column exists', () => {
    expect(() => detectColumns(['Foo', 'Phone'])).toThrow(ImportHeaderError);
    expect(() => detectColumns(['Foo', 'Phone'])).toThrow(/"Foo", "Phone"/);
    expect(() => detectColumns(['Foo'], { Foo: 'nonsense' })).toThrow(/unknown field/);
    expect(() => detectColumns(['Foo'], { Bar: 'name' })).toThrow(/no column "Bar"/);
  });

  it('keeps repeated headers apart', () => {
    expect(detectColumns(['Name', 'Phone', 'Phone']).headers).toEqual(['Name', 'Phone', 'Phone #2']);
  });
});

describe('field normalisation', () => {
  const phone = new PhoneNormalizer('US');
  it.each([
    ['(415) 555-2671', '+14155552671'],
    ['415.555.2671', '+14155552671'],
    ['+1 415 555 2671', '+14155552671'],
    ['1-415-555-2671', '+14155552671'],
    ['415-555-2671 ext. 12', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
    ['555-1234', null],
    ['123-456-7890', null],
    ['call us', null],
    ['', null],
  ])('phone %j → %j', (raw, expected) => {
    expect(phone.normalize(raw).e164).toBe(expected);
  });

  it('notes an invalid phone instead of rejecting', () => {
    expect(phone.normalize('555-1234').note).toMatch(/invalid phone/);
  });

  it('the NANP shortcut agrees with the full parser on random numbers', () => {
    const fast = new PhoneNormalizer('US');
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 3000; i++) {
      // Few prefixes, many lines: the shortcut's cache is actually exercised.
      const digits = `${200 + (next() % 20)}${200 + (next() % 30)}${String(next() % 10000).padStart(4, '0')}`;
      const full = parsePhoneNumberFromString(digits, 'US');
      expect(fast.normalize(digits).e164).toBe(full?.isValid() ? full.number : null);
    }
  });

  it.each([
    ['www.x.com', 'x.com'], ['http://x.com/page', 'x.com'], ['X.COM', 'x.com'], ['https://www.joes.co.uk/menu', 'joes.co.uk'],
    ['foo.myshopify.com', 'foo.myshopify.com'], ['bücher.de', 'xn--bcher-kva.de'], ['192.168.1.1', null],
    ['http://10.0.0.1/', null], ['localhost', null], ['not a url', null], ['', null],
  ])('website %j → %j', (raw, expected) => {
    expect(normalizeWebsite(raw)).toBe(expected);
  });

  it.each([
    ['Info@Joes.COM', { email: 'info@joes.com', domain: 'joes.com' }],
    ['mailto:a@b.co; c@d.com', { email: 'a@b.co', domain: 'b.co' }],
    ['not an email', null], ['a@b', null],
  ])('email %j', (raw, expected) => {
    expect(normalizeEmail(raw)).toEqual(expected);
  });

  it.each([['Massachusetts', 'MA'], ['ma', 'MA'], ['Mass.', 'MA'], [' new york ', 'NY'], ['District of Columbia', 'DC'], ['Ontario', 'ON'], ['Bavaria', 'Bavaria'], ['', null]])(
    'region %j → %j', (raw, expected) => expect(normalizeRegion(raw)).toBe(expected),
  );

  it.each([['02134', '02134'], ['2134', '02134'], ['02134-1234', '02134'], ['021341234', '02134'], ['21341234', '02134'], ['501', '00501'], ['90210.0', '90210'], ['k1a 0b6', 'K1A 0B6'], ['', null]])(
    'ZIP %j → %j', (raw, expected) => expect(normalizePostalCode(raw)).toBe(expected),
  );

  it.each([['1,200', 1200], ['$2.5M', 2_500_000], ['10-19', 14.5], ['$1M to $2.5M', 1_750_000], ['500+', 500], ['2.5 million', 2_500_000], ['45K', 45_000], ['n/a', null], ['', null]])(
    'quantity %j → %j', (raw, expected) => expect(parseQuantity(raw)).toBe(expected),
  );

  it('collapses whitespace and keys names without legal suffixes', () => {
    expect(cleanText('  Joe\'s \t Pizza\n LLC ')).toBe("Joe's Pizza LLC");
    expect(nameKey("The Joe's Pizza, L.L.C.")).toBe('joes pizza');
    expect(nameKey('!!!')).toBe('!!!');
  });
});

describe('normalizeRecord', () => {
  const header = detectColumns(['Record ID', 'Company Name', 'ZIP', 'Phone', 'Employees']);
  const ctx = { header, phone: new PhoneNormalizer('US'), country: 'US' };

  it('keeps hostile names verbatim', () => {
    const name = '=HYPERLINK("http://evil","x") <script>alert(1)</script> \u0007bell';
    const outcome = normalizeRecord(['', name, '', '', ''], 2, ctx);
    expect(outcome.ok && outcome.row.name).toBe(name);
    expect(outcome.ok && outcome.row.externalId).toBe('2');
  });

  it('removes NUL bytes and notes it; NUL-only names are rejected', () => {
    const kept = normalizeRecord(['R1', 'Ac\0me', '', '', ''], 3, ctx);
    expect(kept.ok && kept.row.name).toBe('Acme');
    expect(kept.ok && kept.row.notes).toContain('NUL bytes removed');
    expect(normalizeRecord(['\0', '\0\0', '\0', '', ''], 4, ctx)).toEqual({ ok: false, reason: 'no business name (only NUL bytes)' });
  });

  it('rejects ragged rows and oversized fields, tolerates trailing empties and short rows', () => {
    expect(normalizeRecord(['1', 'A', 'B', 'C', 'D', 'E', 'F'], 5, ctx).ok).toBe(false);
    expect(normalizeRecord(['1', 'A', '02134', '', '', '', ''], 5, ctx).ok).toBe(true);
    expect(normalizeRecord(['1', 'A'], 5, ctx).ok).toBe(true);
    const big = normalizeRecord(['1', 'x'.repeat(70_000), '', '', ''], 6, ctx);
    expect(big.ok ? '' : big.reason).toMatch(/"Company Name" is 70000 characters/);
  });
});

describe('encoding', () => {
  it('detects UTF-8, UTF-8 with BOM and Windows-1252', () => {
    expect(detectEncoding(Buffer.from('Name\nCafé €\n', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name\n')]))).toBe('utf-8-bom');
    expect(detectEncoding(iconv.encode('Name\n“Café” €\n', 'windows-1252'))).toBe('windows-1252');
  });

  it('detects UTF-16 without a BOM from its NUL pattern, in both byte orders', () => {
    const text = 'Company Name,Phone\nCafé Müller,614-555-0100\n';
    expect(detectEncoding(Buffer.from(text, 'utf16le'))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from(text, 'utf16le').swap16())).toBe('utf-16be');
  });

  it('refuses, with the reason, what looks like UTF-16 but is not, and NUL-laden data in no UTF-16 pattern', () => {
    const oddLength = Buffer.concat([Buffer.from('Company Name,Phone\n', 'utf16le'), Buffer.from([0x41])]);
    expect(() => detectEncoding(oddLength)).toThrow(ImportEncodingError);
    expect(() => detectEncoding(oddLength)).toThrow(/looks like UTF-16LE \(NUL in every other byte\) but is not valid/);
    const utf32 = Buffer.from(Array.from('Company Name,Phone\n').flatMap((c) => [c.charCodeAt(0), 0, 0, 0]));
    expect(() => detectEncoding(utf32)).toThrow(/NUL, in no UTF-16 pattern/);
  });

  it('sniffs the delimiter from the header line', () => {
    expect(sniffDelimiter('Name,Phone,"A, B"')).toBe(',');
    expect(sniffDelimiter('Name\tPhone\tZip')).toBe('\t');
    expect(sniffDelimiter('Name|Phone|Zip')).toBe('|');
  });
});
