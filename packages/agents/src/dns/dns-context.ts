// One agent run's view of the resolver: bounded concurrency, and every query recorded once
// (the raw evidence) with failures after the last try listed apart.
import pLimit from 'p-limit';
import type { DnsLookup, DnsOutcome, DnsRecordType, ResolverPort } from '../ports.ts';

const FAILED: ReadonlySet<DnsOutcome> = new Set(['servfail', 'refused', 'timeout', 'error']);

export interface DnsContext {
  query(name: string, type: DnsRecordType): Promise<DnsLookup>;
  /** Records a lookup made elsewhere (the SPF walk) as if made here. */
  record(lookup: DnsLookup): void;
  lookups(): DnsLookup[];
  failures(): { name: string; type: string; outcome: string }[];
  signal: AbortSignal | undefined;
}

export function createDnsContext(resolver: ResolverPort, concurrency: number, signal?: AbortSignal): DnsContext {
  const limit = pLimit(concurrency);
  const seen = new Map<string, DnsLookup>();
  const record = (lookup: DnsLookup): void => {
    const key = `${lookup.name}|${lookup.type}`;
    if (!seen.has(key)) seen.set(key, lookup);
  };
  return {
    signal,
    async query(name, type) {
      const lookup = await limit(() => resolver.query(name, type, signal));
      record(lookup);
      return lookup;
    },
    record,
    lookups: () => [...seen.values()],
    failures: () =>
      [...seen.values()]
        .filter((l) => FAILED.has(l.outcome))
        .map((l) => ({ name: l.name, type: l.type, outcome: l.outcome })),
  };
}

export function values(lookup: DnsLookup): string[] {
  return lookup.records.map((r) => r.value);
}
