// A bounded TTL cache of lookups: least recently used entries leave first when full.
import type { DnsLookup } from '../ports.ts';

interface Entry {
  expiresAt: number;
  lookup: DnsLookup;
}

export interface LookupCache {
  get(key: string): DnsLookup | undefined;
  set(key: string, lookup: DnsLookup, ttlSeconds: number): void;
  readonly size: number;
  clear(): void;
}

export function createLookupCache(maxEntries: number, clock: () => number): LookupCache {
  const entries = new Map<string, Entry>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= clock()) {
        entries.delete(key);
        return undefined;
      }
      // Re-insert so Map order tracks recency.
      entries.delete(key);
      entries.set(key, entry);
      return cloneLookup(entry.lookup);
    },
    set(key, lookup, ttlSeconds) {
      if (maxEntries <= 0 || ttlSeconds <= 0) return;
      entries.delete(key);
      entries.set(key, { expiresAt: clock() + ttlSeconds * 1000, lookup: cloneLookup(lookup) });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
  };
}

/** Callers may keep and mutate what they get; the cached copy must stay intact. */
export function cloneLookup(lookup: DnsLookup): DnsLookup {
  return { ...lookup, records: lookup.records.map((r) => ({ ...r })) };
}
