import { describe, expect, it } from 'vitest';
import { generateMarket } from './market.generator.ts';
import type { HardCaseTag } from './market.types.ts';
import { purchasedListCsv } from './purchased-list.writer.ts';

describe('generateMarket', () => {
  it('is deterministic: same seed, same market; another seed, another market', () => {
    const a = generateMarket({ seed: 42, size: 300, octet: 122 });
    const b = generateMarket({ seed: 42, size: 300, octet: 122 });
    const c = generateMarket({ seed: 43, size: 300, octet: 122 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c.businesses)).not.toBe(JSON.stringify(a.businesses));
  });

  it('contains every hard case and only addresses of its /16', () => {
    const m = generateMarket({ seed: 3, size: 1000, octet: 122 });
    const tags = new Set<HardCaseTag>(m.businesses.flatMap((b) => b.truth.tags));
    for (const tag of ['no-website', 'social-only', 'parked-domain', 'namesake-domain', 'stale-website', 'redirected-domain', 'search-only', 'email-only', 'name-only'] as const) {
      expect(tags, tag).toContain(tag);
    }
    const website = m.businesses.filter((b) => b.truth.presence === 'website').length / m.businesses.length;
    expect(website).toBeGreaterThan(0.5);
    expect(website).toBeLessThan(0.9);
    expect(m.businesses.some((b) => b.truth.isp.observable)).toBe(true);
    // The classic world buys from the mainstream providers only.
    expect(new Set(m.businesses.flatMap((b) => (b.truth.emailProvider ? [b.truth.emailProvider.name] : []))).has('MXroute')).toBe(false);
    expect(m.businesses.some((b) => !b.truth.isp.observable)).toBe(true);
    for (const r of m.records) if (r.type === 'A') expect(r.value.startsWith('127.122.')).toBe(true);
  });

  it('builds the open world deterministically, inside its /16, with truth by organisation', () => {
    const a = generateMarket({ seed: 8, size: 500, octet: 121, world: 'open' });
    expect(JSON.stringify(generateMarket({ seed: 8, size: 500, octet: 121, world: 'open' }))).toBe(JSON.stringify(a));
    for (const r of a.records) if (r.type === 'A') expect(r.value.startsWith('127.121.')).toBe(true);
    const hosts = a.businesses.flatMap((b) => (b.truth.emailProvider ? [b.truth.emailProvider] : []));
    expect(hosts.every((t) => t.name.length > 0 && t.domains.length > 0)).toBe(true);
    expect(() => generateMarket({ seed: 1, size: 1, world: 'closed' as 'open' })).toThrow(/world must be one of classic, open/);
  });

  it('writes a messy CSV with CRLF, a header, duplicates and unusable rows', () => {
    const m = generateMarket({ seed: 9, size: 400, octet: 122 });
    const csv = purchasedListCsv(m);
    const lines = csv.split('\r\n').filter((l) => l.length > 0);
    expect(lines[0]).toContain('Company Name');
    expect(lines.length).toBeGreaterThan(400);
    expect(new Set(lines).size).toBeLessThan(lines.length);
    expect(lines.some((l) => l.startsWith('XX0000001,,'))).toBe(true);
  });

  // How fast it is belongs to the benchmarks (bench/), not to a timed assertion here.
  it('generates a 20,000-business market', () => {
    const m = generateMarket({ seed: 1, size: 20000, octet: 122 });
    expect(m.businesses).toHaveLength(20000);
    const domains = m.businesses.flatMap((b) => (b.truth.domain ? [b.truth.domain] : []));
    expect(new Set(domains).size).toBe(domains.length);
  });
});
