// The ResolverPort on Node's c-ares Resolver: bounded in-flight queries (c-ares loses UDP
// answers past a few hundred outstanding), a TTL cache and in-flight sharing per name|type,
// and retries with backoff for failures. DNS outcomes are values; only an abort rejects.
import { Resolver } from 'node:dns/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { DnsLookup, DnsOutcome, DnsRecordType, ResolverPort } from '../ports.ts';
import { raceAbort, throwIfAborted } from './resolver-abort.ts';
import { cloneLookup, createLookupCache } from './resolver-cache.ts';
import { classifyDnsError, normaliseName, queryRecords } from './resolver-records.ts';

export interface ResolverOptions {
  /** host[:port] or [v6]:port; the system resolvers when absent. */
  servers?: string[];
  /** c-ares per-try timeout. */
  timeoutMs: number;
  /** c-ares tries per query (each try a packet, timeouts growing). */
  tries: number;
  maxInFlight: number;
  /** Extra attempts after servfail/refused/timeout/error. */
  retries: number;
  retryBaseMs: number;
  /** 0 disables the cache (in-flight sharing stays). */
  cacheMaxEntries: number;
  /** TTL for types c-ares returns without one (all but A/AAAA). */
  defaultTtlSeconds: number;
  /** How long NXDOMAIN and NODATA are remembered (default min(60, defaultTtlSeconds)). */
  negativeTtlSeconds?: number;
  clock?: () => number;
}

export interface ResolverStats {
  /** Calls of query(). */
  queries: number;
  cacheHits: number;
  /** Calls that joined a lookup already in flight. */
  shared: number;
  /** Queries handed to c-ares, retries included. */
  wireQueries: number;
  retries: number;
  inFlight: number;
  cacheSize: number;
  outcomes: Record<DnsOutcome, number>;
}

export type CachingResolver = ResolverPort & { close(): void; stats(): ResolverStats };

const RETRYABLE: ReadonlySet<DnsOutcome> = new Set(['servfail', 'refused', 'timeout', 'error']);
const NEGATIVE: ReadonlySet<DnsOutcome> = new Set(['nxdomain', 'nodata']);

function validate(o: ResolverOptions): void {
  const positive = { timeoutMs: o.timeoutMs, tries: o.tries, maxInFlight: o.maxInFlight } as const;
  for (const [key, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`ResolverOptions.${key} must be an integer >= 1`);
  }
  const nonNegative = {
    retries: o.retries,
    retryBaseMs: o.retryBaseMs,
    cacheMaxEntries: o.cacheMaxEntries,
    defaultTtlSeconds: o.defaultTtlSeconds,
  } as const;
  for (const [key, value] of Object.entries(nonNegative)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`ResolverOptions.${key} must be >= 0`);
  }
}

function emptyOutcomes(): Record<DnsOutcome, number> {
  return { ok: 0, nxdomain: 0, nodata: 0, servfail: 0, refused: 0, timeout: 0, error: 0 };
}

/** Full jitter over an exponential ceiling, so retries from many callers spread out. */
function backoffMs(base: number, attempt: number): number {
  const ceiling = base * 2 ** attempt;
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

type Counters = Omit<ResolverStats, 'inFlight' | 'cacheSize'>;

/** One name|type through c-ares under the in-flight cap, retried with backoff while it fails. */
function createWireLookup(
  resolver: Resolver,
  options: ResolverOptions,
  stats: Counters,
  isClosed: () => boolean,
): (name: string, type: DnsRecordType) => Promise<DnsLookup> {
  const limit = pLimit(options.maxInFlight);
  const once = async (name: string, type: DnsRecordType): Promise<DnsLookup> => {
    stats.wireQueries += 1;
    try {
      const records = await queryRecords(resolver, name, type);
      return { name, type, outcome: records.length > 0 ? 'ok' : 'nodata', records };
    } catch (err) {
      return { name, type, outcome: classifyDnsError(err), records: [] };
    }
  };
  return async (name, type) => {
    let result = await limit(() => once(name, type));
    for (let attempt = 0; attempt < options.retries && RETRYABLE.has(result.outcome) && !isClosed(); attempt += 1) {
      stats.retries += 1;
      // The backoff waits outside the cap so a retrying name does not hold a slot.
      await sleep(backoffMs(options.retryBaseMs, attempt));
      result = await limit(() => once(name, type));
    }
    stats.outcomes[result.outcome] += 1;
    return result;
  };
}

function ttlOf(result: DnsLookup, options: ResolverOptions): number {
  if (NEGATIVE.has(result.outcome)) return options.negativeTtlSeconds ?? Math.min(60, options.defaultTtlSeconds);
  if (result.outcome !== 'ok') return 0;
  const ttls = result.records.map((r) => r.ttl).filter((t): t is number => t !== undefined);
  return ttls.length > 0 ? Math.min(...ttls) : options.defaultTtlSeconds;
}

export function createResolver(options: ResolverOptions): CachingResolver {
  validate(options);
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: options.tries });
  if (options.servers && options.servers.length > 0) resolver.setServers(options.servers);
  const cache = createLookupCache(options.cacheMaxEntries, options.clock ?? Date.now);
  const inFlight = new Map<string, Promise<DnsLookup>>();
  const stats: Counters = { queries: 0, cacheHits: 0, shared: 0, wireQueries: 0, retries: 0, outcomes: emptyOutcomes() };
  let closed = false;
  const wire = createWireLookup(resolver, options, stats, () => closed);

  const start = (key: string, name: string, type: DnsRecordType): Promise<DnsLookup> => {
    const pending = wire(name, type)
      .then((result) => {
        cache.set(key, result, ttlOf(result, options));
        return result;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
    return pending;
  };

  return {
    async query(rawName, type, signal) {
      throwIfAborted(signal);
      stats.queries += 1;
      const name = normaliseName(rawName);
      const key = `${name}|${type}`;
      const cached = cache.get(key);
      if (cached) {
        stats.cacheHits += 1;
        return cached;
      }
      const joined = inFlight.get(key);
      if (joined) stats.shared += 1;
      const result = await raceAbort(joined ?? start(key, name, type), signal);
      return cloneLookup(result);
    },
    close() {
      closed = true;
      resolver.cancel();
      cache.clear();
    },
    stats() {
      return { ...stats, outcomes: { ...stats.outcomes }, inFlight: inFlight.size, cacheSize: cache.size };
    },
  };
}
