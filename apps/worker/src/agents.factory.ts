// Binds the agents to real adapters built from configuration: the c-ares resolver (one
// per process, so its cache serves every job), the ASN chain, the SSRF-safe HTTP client
// with the shared per-address limiter, the search provider, the catalog and playbook.
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { Config, Logger } from '@prospector/core';
import {
  createAsnLookup,
  createBraveClient,
  createResolver,
  createSafeHttpClient,
  createSearxngClient,
  loadCatalog,
  loadPlaybook,
  parsePlaybook,
  runClassifyAgent,
  runDnsAgent,
  runSearchAgent,
  runVerifyAgent,
  type Playbook,
  type ResolverPort,
  type SearchPort,
} from '@prospector/agents';
import type { CountryCode } from 'libphonenumber-js';
import type { AgentSet } from './agent-set.ts';
import { createAddressRateLimiter } from './address-rate-limiter.ts';

export function createSearchPort(config: Config): SearchPort | null {
  if (config.SEARCH_PROVIDER === 'searxng') return createSearxngClient({ baseUrl: config.SEARXNG_URL!, timeoutMs: config.SEARCH_TIMEOUT_MS });
  if (config.SEARCH_PROVIDER === 'brave') return createBraveClient({ apiKey: config.BRAVE_API_KEY!, timeoutMs: config.SEARCH_TIMEOUT_MS });
  return null;
}

/** Addresses of a host through the same resolver as everything else (DNS_SERVERS). */
function hostResolver(resolver: ResolverPort) {
  return async (host: string): Promise<string[]> => {
    const [a, aaaa] = await Promise.all([resolver.query(host, 'A'), resolver.query(host, 'AAAA')]);
    return [...a.records, ...aaaa.records].filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => r.value);
  };
}

/**
 * Every prospect of a scan is classified with its campaign's playbook: validate each
 * distinct playbook once, not once per prospect. Keyed by content, so an edited playbook
 * is validated anew.
 */
function createPlaybookCache(maxEntries = 32) {
  const parsed = new Map<string, Playbook>();
  return {
    get(raw: unknown): Playbook {
      const key = JSON.stringify(raw);
      let playbook = parsed.get(key);
      if (!playbook) {
        if (parsed.size >= maxEntries) parsed.clear();
        playbook = parsePlaybook(raw, 'campaign playbook');
        parsed.set(key, playbook);
      }
      return playbook;
    },
  };
}

/**
 * One job's signal is shared by the dozens of lookups and fetches an agent runs at once,
 * each listening for the abort until it settles: that is by design, not a leak.
 */
function shared(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (signal) setMaxListeners(1000, signal);
  return signal;
}

function extraCa(config: Config): string[] | undefined {
  return config.HTTP_EXTRA_CA_FILE ? [readFileSync(config.HTTP_EXTRA_CA_FILE, 'utf8')] : undefined;
}

export async function createAgentSet(config: Config, logger: Logger, redis: Redis): Promise<AgentSet> {
  const resolver = createResolver({
    servers: config.DNS_SERVERS.length ? config.DNS_SERVERS : undefined,
    timeoutMs: config.DNS_TIMEOUT_MS,
    tries: config.DNS_TRIES,
    maxInFlight: config.DNS_MAX_INFLIGHT,
    retries: config.DNS_RETRIES,
    retryBaseMs: 200,
    cacheMaxEntries: 100_000,
    defaultTtlSeconds: 300,
  });
  const asn = createAsnLookup(config.ASN_SOURCE, { resolver });
  const limiter = createAddressRateLimiter(redis, config.HTTP_PER_ADDRESS_RPS, `${config.QUEUE_PREFIX}:http`);
  const http = createSafeHttpClient({
    allowCidrs: config.TARGET_ALLOW_CIDRS,
    userAgent: config.HTTP_USER_AGENT,
    connectTimeoutMs: config.HTTP_CONNECT_TIMEOUT_MS,
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    totalTimeoutMs: config.HTTP_TOTAL_TIMEOUT_MS,
    maxBodyBytes: config.HTTP_MAX_BODY_BYTES,
    maxRedirects: config.HTTP_MAX_REDIRECTS,
    ca: extraCa(config),
    ports: { http: config.HTTP_PORT, https: config.HTTPS_PORT },
    allowPorts: config.TARGET_ALLOW_PORTS,
    beforeConnect: async (ip) => {
      await limiter.acquire(ip);
    },
    resolveHost: hostResolver(resolver),
  });
  const search = createSearchPort(config);
  const catalog = loadCatalog({ extraFile: config.PROVIDERS_FILE });
  const defaultPlaybook = loadPlaybook(config.PLAYBOOK_FILE);
  // .co is common among small US businesses that found the .com taken.
  const campaignPlaybooks = createPlaybookCache();
  const tlds = ['com', 'net', 'biz', 'us', 'co', ...config.REGIONAL_TLDS];
  logger.info({ providers: catalog.providers.length, search: config.SEARCH_PROVIDER, asn: config.ASN_SOURCE }, 'agents ready');

  return {
    search: (prospect, signal, weights) =>
      runSearchAgent(
        prospect,
        { resolver, search },
        { maxCandidates: config.MAX_CANDIDATES, tlds, maxNameVariants: 4, searchQueries: 2, ...(weights ? { weights: weights.candidate } : {}) },
        shared(signal),
      ),
    dns: (domain, signal) => runDnsAgent(domain, { resolver, asn }, {}, shared(signal)),
    verify: (prospect, domain, signal, weights) =>
      runVerifyAgent(
        prospect,
        domain,
        { http },
        { detectTechnologies: (i) => catalog.detectTechnologies(i), defaultCountry: config.DEFAULT_COUNTRY as CountryCode, ...(weights ? { weights: weights.authenticity } : {}) },
        shared(signal),
      ),
    classify: (input, playbook, overrides) =>
      runClassifyAgent(input, { catalog, playbook: playbook ? campaignPlaybooks.get(playbook) : defaultPlaybook, ...(overrides ? { overrides } : {}) }),
    async close() {
      await http.close();
      resolver.close();
    },
  };
}
