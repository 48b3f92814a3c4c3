import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDnsServer, type TestDnsServer } from '../dns/test-dns-server.ts';
import { createResolver, type ResolverOptions } from './resolver.ts';

const zone = {
  'example.test': {
    A: ['192.0.2.10', '192.0.2.11'],
    AAAA: ['2001:DB8::10'],
    MX: [{ priority: 10, exchange: 'MX1.Example.TEST.' }, { priority: 20, exchange: 'mx2.example.test' }],
    NS: ['ns1.dnsprov.test', 'ns2.dnsprov.test'],
    TXT: [['v=spf1 include:a.test ', '-all'], 'plain'],
    SOA: { mname: 'ns1.dnsprov.test', rname: 'hostmaster.example.test', serial: 2024010101 },
    ttl: 120,
  },
  'www.example.test': { CNAME: 'edge.cdn.test' },
  'edge.cdn.test': { A: ['192.0.2.20'], ttl: 30 },
  '_sip._tls.example.test': { SRV: [{ priority: 100, weight: 1, port: 443, target: 'sipdir.online.lync.com' }] },
  '10.2.0.192.in-addr.arpa': { PTR: ['host10.example.test.'] },
  'big.example.test': { TXT: Array.from({ length: 30 }, (_, i) => `token-${i}-${'x'.repeat(60)}`) },
  'sf.example.test': { A: ['192.0.2.99'] },
  'to.example.test': { A: ['192.0.2.98'] },
  'rf.example.test': { A: ['192.0.2.97'] },
  'tc.example.test': { A: ['192.0.2.96'] },
};

let server: TestDnsServer;
beforeAll(async () => {
  server = await startTestDnsServer({
    zone,
    faults: {
      'sf.example.test': 'servfail',
      'to.example.test': 'timeout',
      'rf.example.test': 'refused',
      'tc.example.test': 'truncate',
    },
  });
});
afterAll(() => server.close());

function make(overrides: Partial<ResolverOptions> = {}) {
  return createResolver({
    servers: [server.address],
    timeoutMs: 100,
    tries: 1,
    maxInFlight: 50,
    retries: 2,
    retryBaseMs: 5,
    cacheMaxEntries: 1000,
    defaultTtlSeconds: 300,
    ...overrides,
  });
}

describe('createResolver: records', () => {
  it('flattens each record type, lower-cased without trailing dots', async () => {
    const r = make();
    const a = await r.query('Example.TEST.', 'A');
    expect(a).toMatchObject({ name: 'example.test', type: 'A', outcome: 'ok' });
    expect(a.records).toEqual([
      { name: 'example.test', type: 'A', value: '192.0.2.10', ttl: 120 },
      { name: 'example.test', type: 'A', value: '192.0.2.11', ttl: 120 },
    ]);
    expect((await r.query('example.test', 'AAAA')).records.map((x) => x.value)).toEqual(['2001:db8::10']);
    const mx = await r.query('example.test', 'MX');
    expect(mx.records.map((x) => [x.value, x.priority])).toEqual([['mx1.example.test', 10], ['mx2.example.test', 20]]);
    expect((await r.query('example.test', 'NS')).records.map((x) => x.value).sort()).toEqual([
      'ns1.dnsprov.test',
      'ns2.dnsprov.test',
    ]);
    const txt = (await r.query('example.test', 'TXT')).records.map((x) => x.value).sort();
    expect(txt).toEqual(['plain', 'v=spf1 include:a.test -all']);
    expect((await r.query('example.test', 'SOA')).records[0]?.value).toBe(
      'ns1.dnsprov.test hostmaster.example.test 2024010101',
    );
    expect((await r.query('www.example.test', 'CNAME')).records[0]?.value).toBe('edge.cdn.test');
    const srv = (await r.query('_sip._tls.example.test', 'SRV')).records[0];
    expect(srv).toMatchObject({ value: 'sipdir.online.lync.com', port: 443, priority: 100, weight: 1 });
    expect((await r.query('10.2.0.192.in-addr.arpa', 'PTR')).records[0]?.value).toBe('host10.example.test');
    r.close();
  });

  it('follows a CNAME for A and reports the target TTL', async () => {
    const r = make();
    const a = await r.query('www.example.test', 'A');
    expect(a.records).toEqual([{ name: 'www.example.test', type: 'A', value: '192.0.2.20', ttl: 30 }]);
    r.close();
  });

  it('tells NXDOMAIN from NODATA', async () => {
    const r = make();
    expect((await r.query('nope.example.test', 'A')).outcome).toBe('nxdomain');
    expect((await r.query('edge.cdn.test', 'MX')).outcome).toBe('nodata');
    r.close();
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    const r = make();
    const before = server.count('tc.example.test');
    const res = await r.query('tc.example.test', 'A');
    expect(res.records.map((x) => x.value)).toEqual(['192.0.2.96']);
    const seen = server.queries.filter((q) => q.name === 'tc.example.test').slice(before);
    expect(seen.map((q) => q.transport)).toEqual(['udp', 'tcp']);
    const big = await r.query('big.example.test', 'TXT');
    expect(big.records).toHaveLength(30);
    expect(server.queries.some((q) => q.name === 'big.example.test' && q.transport === 'tcp')).toBe(true);
    r.close();
  });
});

describe('createResolver: failures', () => {
  it.each([
    ['sf.example.test', 'servfail'],
    ['rf.example.test', 'refused'],
  ])('%s is retried then returned as %s', async (name, outcome) => {
    const r = make({ retries: 2 });
    const before = server.count(name);
    const res = await r.query(name, 'A');
    expect(res).toEqual({ name, type: 'A', outcome, records: [] });
    expect(server.count(name) - before).toBe(3);
    expect(r.stats().retries).toBe(2);
    r.close();
  });

  it('records a timeout after retries within a bounded time', async () => {
    const r = make({ timeoutMs: 50, tries: 1, retries: 1 });
    const before = server.count('to.example.test');
    const t0 = Date.now();
    const res = await r.query('to.example.test', 'A');
    expect(res.outcome).toBe('timeout');
    expect(server.count('to.example.test') - before).toBe(2);
    expect(Date.now() - t0).toBeLessThan(2000);
    r.close();
  });

  it('does not cache failures', async () => {
    const r = make({ retries: 0 });
    server.setFault('edge.cdn.test', 'servfail');
    expect((await r.query('edge.cdn.test', 'A')).outcome).toBe('servfail');
    server.setFault('edge.cdn.test', null);
    expect((await r.query('edge.cdn.test', 'A')).outcome).toBe('ok');
    expect(r.stats().cacheHits).toBe(0);
    r.close();
  });
});
