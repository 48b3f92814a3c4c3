import { describe, expect, it } from 'vitest';
import { loadBundledProviders } from './catalog.loader.ts';
import { CATALOG_TARGETS, catalogStats, formatCatalogStats } from './catalog.stats.ts';
import type { ProviderEntry } from './catalog.schema.ts';

describe('catalog stats', () => {
  const stats = catalogStats(loadBundledProviders());

  it.each(CATALOG_TARGETS.map((t) => [t.label, t.min] as const))('reaches the target for %s (at least %i)', (label) => {
    const t = stats.targets.find((x) => x.label === label);
    expect(t?.count, label).toBeGreaterThanOrEqual(t?.min ?? Infinity);
    expect(t?.met).toBe(true);
  });

  it('counts an entry once per target and once in each of its kinds', () => {
    const entry = (slug: string, kinds: ProviderEntry['kinds']): ProviderEntry => ({ slug, name: slug, kinds, domains: [`${slug}.com`] });
    const s = catalogStats([entry('a', ['cms', 'ecommerce', 'web-host']), entry('b', ['ecommerce']), entry('c', ['isp'])]);
    expect(s.targets.find((t) => t.label === 'CMS and e-commerce platforms')).toMatchObject({ count: 2, met: false });
    expect(s.byKind).toMatchObject({ cms: 1, ecommerce: 2, 'web-host': 1, isp: 1, email: 0 });
    expect(formatCatalogStats(s)).toContain('BELOW TARGET');
  });
});
