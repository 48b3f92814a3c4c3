import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDnsServer, type TestDnsServer } from '../dns/test-dns-server.ts';
import { createResolver, type ResolverOptions } from './resolver.ts';

let server: TestDnsServer;
beforeAll(async () => {
  server = await startTestDnsServer({
    zone: {
      'cache.test': { A: ['192.0.2.1'], TXT: ['hello'], ttl: 60 },
      'slow.test': { A: ['192.0.2.2'] },
      '*.wave.test': { A: ['192.0.2.3'] },
    },
    faults: { 'slow.test': 'timeout', '*.wave.test': 'timeout' },
  });
});
afterAll(() => server.close());

function make(overrides: Partial<ResolverOptions> = {}) {
  return createResolver({
    servers: [server.address],
    timeoutMs: 100,
    tries: 1,
    maxInFlight: 50,
    retries: 0,
    retryBaseMs: 5,
    cacheMaxEntries: 100,
    defaultTtlSeconds: 300,
    ...overrides,
  });
}

describe('createResolver: cache and sharing', () => {
  it('answers a repeated query from the cache until the TTL passes', async () => {
    let now = 1_000_000;
    const r = make({ clock: () => now });
    const before = server.count('cache.test', 'A');
    await r.query('cache.test', 'A');
    const second = await r.query('CACHE.test.', 'A');
    expect(second.records[0]?.value).toBe('192.0.2.1');
    expect(server.count('cache.test', 'A') - before).toBe(1);
    expect(r.stats().cacheHits).toBe(1);
    now += 61_000;
    await r.query('cache.test', 'A');
    expect(server.count('cache.test', 'A') - before).toBe(2);
    r.close();
  });

  it('uses defaultTtlSeconds for types without a TTL and caches NXDOMAIN briefly', async () => {
    let now = 0;
    const r = make({ clock: () => now, defaultTtlSeconds: 10, negativeTtlSeconds: 2 });
    const txt0 = server.count('cache.test', 'TXT');
    await r.query('cache.test', 'TXT');
    now += 9_000;
    await r.query('cache.test', 'TXT');
    expect(server.count('cache.test', 'TXT') - txt0).toBe(1);
    now += 2_000;
    await r.query('cache.test', 'TXT');
    expect(server.count('cache.test', 'TXT') - txt0).toBe(2);

    const nx0 = server.count('missing.test');
    expect((await r.query('missing.test', 'A')).outcome).toBe('nxdomain');
    expect((await r.query('missing.test', 'A')).outcome).toBe('nxdomain');
    expect(server.count('missing.test') - nx0).toBe(1);
    now += 3_000;
    await r.query('missing.test', 'A');
    expect(server.count('missing.test') - nx0).toBe(2);
    r.close();
  });

  it('does not cache when cacheMaxEntries is 0', async () => {
    const r = make({ cacheMaxEntries: 0 });
    const before = server.count('cache.test', 'A');
    await r.query('cache.test', 'A');
    await r.query('cache.test', 'A');
    expect(server.count('cache.test', 'A') - before).toBe(2);
    r.close();
  });

  it('shares one lookup between concurrent callers of the same name and type', async () => {
    const r = make({ cacheMaxEntries: 0 });
    const before = server.count('cache.test', 'A');
    const results = await Promise.all([r.query('cache.test', 'A'), r.query('Cache.Test', 'A'), r.query('cache.test', 'A')]);
    expect(results.map((x) => x.outcome)).toEqual(['ok', 'ok', 'ok']);
    expect(server.count('cache.test', 'A') - before).toBe(1);
    expect(r.stats().shared).toBe(2);
    results[0]?.records.splice(0);
    expect(results[1]?.records).toHaveLength(1);
    r.close();
  });

  it('bounds in-flight queries: six timeouts at two at a time take three waves', async () => {
    const r = make({ maxInFlight: 2, timeoutMs: 100 });
    const t0 = Date.now();
    const res = await Promise.all(Array.from({ length: 6 }, (_, i) => r.query(`n${i}.wave.test`, 'A')));
    expect(res.every((x) => x.outcome === 'timeout')).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    r.close();
  });

  it('rejects with an AbortError when the signal aborts, before or during a query', async () => {
    const r = make({ timeoutMs: 2000 });
    const pre = new AbortController();
    pre.abort();
    await expect(r.query('cache.test', 'A', pre.signal)).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    const pending = r.query('slow.test', 'A', during.signal);
    during.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    r.close();
  });

  it('validates options eagerly', () => {
    expect(() => make({ maxInFlight: 0 })).toThrow(RangeError);
  });
});
