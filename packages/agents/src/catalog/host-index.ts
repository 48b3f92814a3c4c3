// Suffix lookup over host fingerprints. A host is looked up by walking its label suffixes
// (a.b.example.com → b.example.com → example.com → com), so the cost is the number of
// labels, not the size of the catalog. `/regex/` fingerprints are few and tried in turn.
import { isRegexLiteral, type ProviderEntry } from './catalog.schema.ts';

export interface IndexedFingerprint {
  provider: ProviderEntry;
  fingerprint: string;
  weak: boolean;
}

export interface HostHit extends IndexedFingerprint {
  host: string;
}

export class HostIndex {
  private readonly suffixes = new Map<string, IndexedFingerprint[]>();
  private readonly patterns: { regex: RegExp; item: IndexedFingerprint }[] = [];

  /** `first`: this claimant of a fingerprint several providers share is the preferred one. */
  add(provider: ProviderEntry, fingerprint: string, weak = false, first = false): void {
    const item = { provider, fingerprint, weak };
    if (isRegexLiteral(fingerprint)) {
      const rule = { regex: new RegExp(fingerprint.slice(1, -1), 'i'), item };
      if (first) this.patterns.unshift(rule);
      else this.patterns.push(rule);
      return;
    }
    const key = normalizeHost(fingerprint);
    const list = this.suffixes.get(key) ?? [];
    if (first) list.unshift(item);
    else list.push(item);
    this.suffixes.set(key, list);
  }

  /** Every provider whose fingerprint matches, most specific (longest suffix) first, one hit per provider. */
  lookup(rawHost: string): HostHit[] {
    const host = normalizeHost(rawHost);
    if (host === '') return [];
    const hits: HostHit[] = [];
    const seen = new Set<string>();
    const push = (item: IndexedFingerprint): void => {
      if (seen.has(item.provider.slug)) return;
      seen.add(item.provider.slug);
      hits.push({ ...item, host });
    };
    for (const { regex, item } of this.patterns) if (regex.test(host)) push(item);
    let rest = host;
    for (;;) {
      for (const item of this.suffixes.get(rest) ?? []) push(item);
      const dot = rest.indexOf('.');
      if (dot < 0) break;
      rest = rest.slice(dot + 1);
    }
    return hits;
  }
}

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.+$/, '');
}
