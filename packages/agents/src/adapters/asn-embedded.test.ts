import { describe, expect, it } from 'vitest';
import { createEmbeddedAsnLookup } from './asn-embedded.ts';

// Lookups in the shipped table only: no packet leaves the process.
describe('createEmbeddedAsnLookup', () => {
  const asn = createEmbeddedAsnLookup();

  it('loads once even when many callers arrive together', async () => {
    const results = await Promise.all(['8.8.8.8', '1.1.1.1', '4.2.2.2'].map((ip) => asn.lookup(ip)));
    expect(results.map((r) => r?.asn)).toEqual([15169, 13335, 3356]);
  }, 20_000);

  it.each([
    ['8.8.8.8', 15169],
    ['1.1.1.1', 13335],
    ['4.2.2.2', 3356],
    ['2001:4860:4860::8888', 15169],
    ['2606:4700:4700::1111', 13335],
    ['::ffff:8.8.8.8', 15169],
    ['::ffff:0808:0808', 15169],
  ])('%s is AS%i', async (ip, expected) => {
    const info = await asn.lookup(ip);
    expect(info).toMatchObject({ asn: expected, source: 'embedded', country: null });
    expect(info?.owner).toBeTruthy();
  });

  it('gives a CIDR prefix that holds the address', async () => {
    const info = await asn.lookup('8.8.8.8');
    expect(info?.owner).toMatch(/google/i);
    const [base, len] = (info?.prefix ?? '').split('/');
    expect(Number(len)).toBeGreaterThanOrEqual(8);
    expect(Number(len)).toBeLessThanOrEqual(24);
    expect(base?.startsWith('8.8.')).toBe(true);
    expect((await asn.lookup('2001:4860:4860::8888'))?.prefix).toMatch(/^2001:4860:.*\/\d+$/);
  });

  it('returns null for unrouted, private and malformed input', async () => {
    for (const ip of ['10.1.2.3', '192.168.0.1', '127.0.0.1', '::1', 'not-an-ip', '1.2.3', '256.1.1.1', '']) {
      expect(await asn.lookup(ip)).toBeNull();
    }
  });

  it('rejects with an AbortError when already aborted', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(asn.lookup('8.8.8.8', ctl.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('shares the loaded table with every later instance in the process', async () => {
    await asn.load();
    const other = createEmbeddedAsnLookup();
    expect(other.lookupLoaded('8.8.8.8')).toBeNull();
    const t0 = Date.now();
    expect((await other.lookup('8.8.8.8'))?.asn).toBe(15169);
    // A fresh load takes over a second; reusing the table takes microseconds.
    expect(Date.now() - t0).toBeLessThan(300);
  });

  it('answers synchronously once loaded', async () => {
    await asn.load();
    expect(asn.lookupLoaded('1.1.1.1')?.asn).toBe(13335);
  });
});
