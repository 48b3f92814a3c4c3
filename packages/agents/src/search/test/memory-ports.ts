// In-memory implementations of the ports the search agent uses.
import type { DnsLookup, DnsOutcome, DnsRecordType, ResolverPort, SearchHit, SearchPort } from '../../ports.ts';

/** Answers from a table keyed "name|TYPE"; anything absent is NXDOMAIN. Records every query. */
export class MemoryResolver implements ResolverPort {
  readonly asked: string[] = [];
  constructor(private readonly answers: Map<string, DnsOutcome> = new Map()) {}

  async query(name: string, type: DnsRecordType, signal?: AbortSignal): Promise<DnsLookup> {
    signal?.throwIfAborted();
    this.asked.push(`${name}|${type}`);
    const outcome = this.answers.get(`${name}|${type}`) ?? 'nxdomain';
    const records = outcome === 'ok' ? [{ name, type, value: type === 'A' ? '192.0.2.10' : `ns1.${name}` }] : [];
    return { name, type, outcome, records };
  }
}

/** Returns canned hits per query (exact text) or throws a given error. Records every query. */
export class MemorySearch implements SearchPort {
  readonly asked: string[] = [];
  constructor(
    private readonly hits: Map<string, SearchHit[]> = new Map(),
    private readonly failure: Error | null = null,
  ) {}

  async search(query: string, signal?: AbortSignal): Promise<SearchHit[]> {
    signal?.throwIfAborted();
    this.asked.push(query);
    if (this.failure !== null) throw this.failure;
    return this.hits.get(query) ?? [];
  }
}
