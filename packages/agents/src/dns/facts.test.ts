import { describe, expect, it } from 'vitest';
import { AddressBook, canonicalIp, reverseName, spfOfficeAddresses } from './address-facts.ts';
import { pickDmarc, verificationTokens } from './txt-facts.ts';

describe('address facts', () => {
  it('builds reverse names for PTR queries', () => {
    expect(reverseName('192.0.2.10')).toBe('10.2.0.192.in-addr.arpa');
    expect(reverseName('2001:db8::1')).toBe(`1.${'0.'.repeat(23)}8.b.d.0.1.0.0.2.ip6.arpa`);
    expect(reverseName('nope')).toBeNull();
  });

  it('keeps single SPF addresses and office blocks of /29 or narrower, not providers\' ranges', () => {
    const ip4 = ['203.0.113.5', '203.0.113.6/32', '198.51.100.8/29', '198.51.100.20/30', '203.0.113.0/28', '203.0.113.0/24', 'bad'];
    expect(spfOfficeAddresses(ip4, ['2001:db8::5/128', '2001:db8::/32'])).toEqual([
      '203.0.113.5',
      '203.0.113.6',
      '198.51.100.8',
      '198.51.100.20',
      '2001:db8::5',
    ]);
  });

  it('merges roles per canonical address', () => {
    const book = new AddressBook();
    book.add('::ffff:192.0.2.1', 'a.test', 'apex', true);
    book.add('192.0.2.1', 'www.a.test', 'www', false);
    book.add('192.0.2.1', 'www.a.test', 'www', false);
    book.add('2001:DB8:0::1', 'mx.a.test', 'mx', false);
    expect(book.entries()).toEqual([
      ['192.0.2.1', { roles: [{ hostname: 'a.test', role: 'apex' }, { hostname: 'www.a.test', role: 'www' }], own: true }],
      ['2001:db8::1', { roles: [{ hostname: 'mx.a.test', role: 'mx' }], own: false }],
    ]);
    expect(canonicalIp('x')).toBeNull();
  });
});

describe('TXT facts', () => {
  it('recognises verification tokens and ignores SPF and free text', () => {
    const txt = [
      'v=spf1 -all',
      'MS=ms1234',
      'Google-Site-Verification=abc',
      'atlassian-domain-verification=x',
      'hello world',
      'stripe-verification=1',
    ];
    expect(verificationTokens(txt)).toEqual(['MS=ms1234', 'Google-Site-Verification=abc', 'atlassian-domain-verification=x', 'stripe-verification=1']);
  });

  it('picks the DMARC record', () => {
    expect(pickDmarc(['junk', 'v=DMARC1; p=none'])).toBe('v=DMARC1; p=none');
    expect(pickDmarc(['v=DMARC10'])).toBeNull();
  });
});
