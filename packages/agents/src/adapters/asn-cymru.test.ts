import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDnsServer, type TestDnsServer } from '../dns/test-dns-server.ts';
import { createAsnLookup } from './asn-chain.ts';
import { createCymruAsnLookup, parseAsnTxt, parseOriginTxt } from './asn-cymru.ts';
import { createResolver } from './resolver.ts';

const v6Name = `${'20014860486000000000000000008888'.split('').reverse().join('.')}.origin6.asn.cymru.com`;

let server: TestDnsServer;
beforeAll(async () => {
  server = await startTestDnsServer({
    zone: {
      '8.8.8.8.origin.asn.cymru.com': { TXT: ['15169 | 8.8.8.0/24 | US | arin | 1992-12-01'] },
      '1.2.0.192.origin.asn.cymru.com': {
        TXT: ['64500 64501 | 192.0.0.0/16 | ZZ | other | 2000-01-01', '64502 | 192.0.2.0/24 | GB | ripencc | 2001-01-01'],
      },
      [v6Name]: { TXT: ['15169 | 2001:4860::/32 | US | arin | 2005-03-14'] },
      'as15169.asn.cymru.com': { TXT: ['15169 | US | arin | 2000-03-30 | GOOGLE - Google LLC, US'] },
      'as64502.asn.cymru.com': { TXT: ['64502 | GB | ripencc | 2001-01-01 | EXAMPLE-AS Example | Ltd, GB'] },
      '9.9.9.9.origin.asn.cymru.com': { TXT: ['garbage'] },
    },
    faults: { '4.4.4.4.origin.asn.cymru.com': 'servfail' },
  });
});
afterAll(() => server.close());

function resolver() {
  return createResolver({
    servers: [server.address],
    timeoutMs: 200,
    tries: 1,
    maxInFlight: 20,
    retries: 0,
    retryBaseMs: 5,
    cacheMaxEntries: 0,
    defaultTtlSeconds: 60,
  });
}

describe('parse Team Cymru answers', () => {
  it('reads origin and owner lines', () => {
    expect(parseOriginTxt('23028 | 216.90.108.0/24 | US | arin | 1998-09-25', 32)).toMatchObject({
      asn: 23028,
      prefix: '216.90.108.0/24',
      length: 24,
      country: 'US',
    });
    expect(parseOriginTxt('3356 1299 | 4.0.0.0/9 | US | arin | 1992-12-01', 32)?.asn).toBe(3356);
    expect(parseOriginTxt('nonsense', 32)).toBeNull();
    expect(parseAsnTxt('23028 | US | arin | 2002-01-04 | TEAM-CYMRU - Team Cymru Inc., US')).toBe(
      'TEAM-CYMRU - Team Cymru Inc., US',
    );
  });
});

describe('createCymruAsnLookup over DNS', () => {
  it('looks up origin then owner, and answers a second address in the prefix from cache', async () => {
    const r = resolver();
    const asn = createCymruAsnLookup({ resolver: r });
    expect(await asn.lookup('8.8.8.8')).toEqual({
      asn: 15169,
      prefix: '8.8.8.0/24',
      owner: 'GOOGLE - Google LLC, US',
      country: 'US',
      source: 'cymru',
    });
    const packets = server.queries.length;
    expect((await asn.lookup('8.8.8.200'))?.asn).toBe(15169);
    expect(server.queries.length).toBe(packets);
    r.close();
  });

  it('uses nibble names for IPv6, shares the owner per ASN, and prefers the most specific prefix', async () => {
    const r = resolver();
    const asn = createCymruAsnLookup({ resolver: r });
    await asn.lookup('8.8.8.8');
    const before = server.count('as15169.asn.cymru.com');
    const v6 = await asn.lookup('2001:4860:4860::8888');
    expect(v6).toMatchObject({ asn: 15169, prefix: '2001:4860::/32', owner: 'GOOGLE - Google LLC, US' });
    expect(server.count('as15169.asn.cymru.com')).toBe(before);
    const multi = await asn.lookup('192.0.2.1');
    expect(multi).toMatchObject({ asn: 64502, prefix: '192.0.2.0/24', country: 'GB', owner: 'EXAMPLE-AS Example | Ltd, GB' });
    expect(await asn.lookup('::ffff:8.8.8.9')).toMatchObject({ asn: 15169 });
    r.close();
  });

  it('returns null for unknown or unparseable answers and throws TransientError on SERVFAIL', async () => {
    const r = resolver();
    const asn = createCymruAsnLookup({ resolver: r });
    expect(await asn.lookup('203.0.113.9')).toBeNull();
    expect(await asn.lookup('9.9.9.9')).toBeNull();
    expect(await asn.lookup('not an ip')).toBeNull();
    await expect(asn.lookup('4.4.4.4')).rejects.toMatchObject({ name: 'TransientError' });
    r.close();
  });
});

describe('createAsnLookup', () => {
  it('falls back to the next source when one fails or does not know', async () => {
    const r = resolver();
    const chain = createAsnLookup('cymru,embedded', { resolver: r });
    expect(await chain.lookup('8.8.8.8')).toMatchObject({ source: 'cymru', asn: 15169 });
    // SERVFAIL from cymru: the shipped table answers (4.4.4.4 is Level 3 / Lumen).
    expect(await chain.lookup('4.4.4.4')).toMatchObject({ source: 'embedded', asn: 3356 });
    r.close();
  }, 20_000);

  it('rethrows when every source failed, and rejects unknown source names', async () => {
    const r = resolver();
    await expect(createAsnLookup('cymru', { resolver: r }).lookup('4.4.4.4')).rejects.toMatchObject({
      name: 'TransientError',
    });
    expect(() => createAsnLookup('cymru,whois', { resolver: r })).toThrow(RangeError);
    expect(() => createAsnLookup('cymru')).toThrow(RangeError);
    r.close();
  });
});
