import type { Simnet } from './simnet.ts';

/**
 * The configuration that points Prospector's real resolver, HTTP client and search client
 * at a running simulated Internet: only these variables differ from production.
 */
export function simnetEnv(simnet: Simnet): Record<string, string> {
  return {
    DNS_SERVERS: simnet.dnsServers,
    TARGET_ALLOW_CIDRS: simnet.allowCidrs,
    SEARCH_PROVIDER: 'searxng',
    SEARXNG_URL: simnet.searxngUrl,
    ASN_SOURCE: 'cymru',
    HTTP_EXTRA_CA_FILE: simnet.caCertPath,
    HTTP_PORT: String(simnet.httpPort),
    HTTPS_PORT: String(simnet.httpsPort),
    // Thousands of simulated sites share a few addresses on one machine; politeness
    // towards them would only measure the limiter.
    HTTP_PER_ADDRESS_RPS: '0',
  };
}
