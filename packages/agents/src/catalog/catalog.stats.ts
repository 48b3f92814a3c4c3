// How wide the catalog is, per kind, against the floors issue 13 set for it. Printed by
// `prospector catalog stats` and asserted by catalog.stats.test.ts, so a change that drops
// providers below a floor is seen.
import { PROVIDER_KINDS, type ProviderEntry, type ProviderKind } from './catalog.schema.ts';

export interface CatalogTarget {
  label: string;
  /** An entry counts once when it has any of these kinds. */
  kinds: readonly ProviderKind[];
  min: number;
}

export const CATALOG_TARGETS: readonly CatalogTarget[] = [
  { label: 'mailbox hosts', kinds: ['email'], min: 60 },
  { label: 'mail security gateways', kinds: ['email-gateway'], min: 25 },
  { label: 'web hosts and site builders', kinds: ['web-host'], min: 100 },
  { label: 'DNS providers', kinds: ['dns'], min: 60 },
  { label: 'CMS and e-commerce platforms', kinds: ['cms', 'ecommerce'], min: 50 },
  { label: 'VoIP/UCaaS services', kinds: ['voip'], min: 20 },
  // The issue names no number for access networks; this floor is ours (the national
  // carriers plus regional telcos, cable companies, fibre overbuilders and co-ops).
  { label: 'US access networks (ISPs)', kinds: ['isp'], min: 75 },
];

export interface TargetCount extends CatalogTarget {
  count: number;
  met: boolean;
}

export interface CatalogStats {
  providers: number;
  byKind: Record<ProviderKind, number>;
  targets: TargetCount[];
}

export function catalogStats(providers: readonly ProviderEntry[]): CatalogStats {
  const byKind = Object.fromEntries(PROVIDER_KINDS.map((k) => [k, 0])) as Record<ProviderKind, number>;
  for (const p of providers) for (const k of new Set(p.kinds)) byKind[k] += 1;
  const targets = CATALOG_TARGETS.map((t) => {
    const count = providers.filter((p) => p.kinds.some((k) => t.kinds.includes(k))).length;
    return { ...t, count, met: count >= t.min };
  });
  return { providers: providers.length, byKind, targets };
}

export function formatCatalogStats(stats: CatalogStats): string {
  const width = Math.max(...stats.targets.map((t) => t.label.length));
  const lines = [`${stats.providers} providers in the catalog`, '', 'target'.padEnd(width) + '  count    min'];
  for (const t of stats.targets) {
    lines.push(`${t.label.padEnd(width)}  ${String(t.count).padStart(5)}  ${String(t.min).padStart(5)}  ${t.met ? 'ok' : 'BELOW TARGET'}`);
  }
  lines.push('', 'entries per kind (an entry with several kinds counts in each)');
  for (const k of PROVIDER_KINDS) lines.push(`  ${k.padEnd(14)} ${String(stats.byKind[k]).padStart(5)}`);
  return lines.join('\n');
}
