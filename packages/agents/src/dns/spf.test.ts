import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../adapters/resolver.ts';
import type { DnsLookup } from '../ports.ts';
import { evaluateSpf } from './spf.ts';
import { startTestDnsServer, type TestDnsServer, type Zone } from './test-dns-server.ts';

const chainOf = (n: number): Zone =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`l${i}.limit.test`, { TXT: [`v=spf1 include:l${i + 1}.limit.test -all`] }]),
  );

const zone: Zone = {
  'acme.test': { TXT: ['v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com include:_spf.pp.test mx a:gw.acme.test ~all', 'MS=ms123'] },
  'spf.protection.outlook.com': { TXT: ['v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip6:2a01:111:F400::/48 include:spfd.protection.outlook.com -all'] },
  'spfd.protection.outlook.com': { TXT: ['v=spf1 ip4:51.4.72.0/24 -all'] },
  '_spf.pp.test': { TXT: ['v=spf1 redirect=_spf2.pp.test'] },
  '_spf2.pp.test': { TXT: [['v=spf1 ip4:148.163.128.0/19 ', 'ip4:67.231.144.0/20 -all']] },
  'loop.test': { TXT: ['v=spf1 include:loop2.test -all'] },
  'loop2.test': { TXT: ['v=spf1 include:loop.test -all'] },
  'two.test': { TXT: ['v=spf1 -all', 'v=spf1 ip4:192.0.2.1 -all'] },
  'counting.test': { TXT: ['v=spf1 a mx ptr exists:%{i}.x.test a:b.test mx:c.test -all'] },
  'missing.test': { TXT: ['v=spf1 include:nothere.test include:nothere2.test include:nothere3.test -all'] },
  'nospf.test': { TXT: ['hello'] },
  'redir-after-all.test': { TXT: ['v=spf1 -all redirect=spfd.protection.outlook.com'] },
  ...chainOf(12),
};

let server: TestDnsServer;
beforeAll(async () => {
  server = await startTestDnsServer({ zone });
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
    cacheMaxEntries: 500,
    defaultTtlSeconds: 60,
  });
}

describe('evaluateSpf', () => {
  it('follows include and redirect, collecting ranges and the include chain', async () => {
    const r = resolver();
    const seen: DnsLookup[] = [];
    const spf = await evaluateSpf('acme.test', { resolver: r, onLookup: (l) => seen.push(l) });
    expect(spf).toEqual({
      record: 'v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com include:_spf.pp.test mx a:gw.acme.test ~all',
      includes: ['spf.protection.outlook.com', 'spfd.protection.outlook.com', '_spf.pp.test', '_spf2.pp.test'],
      ip4: ['203.0.113.10', '40.92.0.0/15', '40.107.0.0/16', '51.4.72.0/24', '148.163.128.0/19', '67.231.144.0/20'],
      ip6: ['2a01:111:f400::/48'],
      aHosts: ['gw.acme.test'],
      // include ×3 + redirect + mx + a
      lookupCount: 6,
      error: null,
    });
    expect(seen.map((l) => l.name)).toContain('_spf2.pp.test');
    r.close();
  });

  it('stops on an include loop', async () => {
    const r = resolver();
    const spf = await evaluateSpf('loop.test', { resolver: r });
    expect(spf?.error).toBe('loop');
    expect(spf?.includes).toEqual(['loop2.test']);
    r.close();
  });

  it("reports 'limit' past ten DNS-querying terms", async () => {
    const r = resolver();
    const spf = await evaluateSpf('l0.limit.test', { resolver: r });
    expect(spf?.error).toBe('limit');
    expect(spf?.lookupCount).toBe(11);
    expect(spf?.includes).toHaveLength(10);
    // The eleventh include was never fetched.
    expect(server.count('l11.limit.test')).toBe(0);
    r.close();
  });

  it('counts a, mx, ptr and exists without resolving them', async () => {
    const r = resolver();
    const spf = await evaluateSpf('counting.test', { resolver: r });
    expect(spf).toMatchObject({ lookupCount: 6, error: null, includes: [] });
    expect(server.count('b.test') + server.count('c.test')).toBe(0);
    r.close();
  });

  it('flags multiple records, missing includes (void lookups), and absence', async () => {
    const r = resolver();
    expect((await evaluateSpf('two.test', { resolver: r }))?.error).toBe('multiple-records');
    expect((await evaluateSpf('missing.test', { resolver: r }))?.error).toBe('missing-include');
    expect(await evaluateSpf('nospf.test', { resolver: r })).toBeNull();
    expect(await evaluateSpf('nowhere.test', { resolver: r })).toBeNull();
    r.close();
  });

  it('ignores redirect when all is present, and uses rootTxt without a query', async () => {
    const r = resolver();
    const spf = await evaluateSpf('redir-after-all.test', { resolver: r });
    expect(spf).toMatchObject({ includes: [], lookupCount: 0, error: null });
    const before = server.count('given.test');
    const given = await evaluateSpf('given.test', { resolver: r, rootTxt: ['v=spf1 ip4:192.0.2.7 -all'] });
    expect(given?.ip4).toEqual(['192.0.2.7']);
    expect(server.count('given.test')).toBe(before);
    r.close();
  });
});
