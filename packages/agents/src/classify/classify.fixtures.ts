// Hand-built evidence for classification tests: small builders for the results the
// search, dns and verify agents produce, with real-world provider names and networks.
import type { AsnInfo } from '../ports.ts';
import type {
  AddressInfo,
  ClassifyInput,
  DnsResult,
  MxHost,
  NamedHost,
  ProspectInput,
  SearchResult,
  VerifyResult,
} from '../types.ts';

export function prospect(overrides: Partial<ProspectInput> = {}): ProspectInput {
  return {
    id: 1,
    name: 'Acme Tool & Die',
    address: '12 Main St',
    city: 'Springfield',
    region: 'OH',
    postalCode: '45501',
    phone: '+19375550100',
    website: null,
    websiteDomain: null,
    emailDomain: null,
    employees: 42,
    revenue: null,
    industryCode: null,
    ...overrides,
  };
}

export function search(overrides: Partial<SearchResult> = {}): SearchResult {
  return { candidates: [], socialPages: [], ispMailDomains: [], queries: [], searchError: null, ...overrides };
}

export function asn(num: number, owner: string): AsnInfo {
  return { asn: num, prefix: null, owner, country: 'US', source: 'embedded' };
}

export function address(ip: string, role: string, hostname: string, as: AsnInfo | null, ptr: string | null = null): AddressInfo {
  return { ip, roles: [{ hostname, role }], ptr, asn: as };
}

export function mx(host: string, priority: number, addresses: string[] = []): MxHost {
  return { host, priority, addresses };
}

export function host(label: string, domain: string, addresses: string[], cnameChain: string[] = []): NamedHost {
  return { label, name: `${label}.${domain}`, cnameChain, addresses };
}

export function dns(domain: string, overrides: Partial<DnsResult> = {}): DnsResult {
  return {
    domain,
    lookups: [],
    apex: { a: [], aaaa: [] },
    www: null,
    mx: [],
    ns: [],
    soa: null,
    txt: [],
    spf: null,
    dmarc: null,
    verificationTokens: [],
    srv: [],
    hosts: [],
    addresses: [],
    failures: [],
    ...overrides,
  };
}

export function spf(includes: string[], ip4: string[] = []): DnsResult['spf'] {
  const parts = [...includes.map((i) => `include:${i}`), ...ip4.map((i) => `ip4:${i}`)];
  return { record: `v=spf1 ${parts.join(' ')} -all`, includes, ip4, ip6: [], aHosts: [], lookupCount: includes.length, error: null };
}

export function verified(domain: string, overrides: Partial<VerifyResult> = {}, score = 0.85): VerifyResult {
  return {
    domain,
    fetch: {
      requestedUrl: `https://${domain}/`,
      finalUrl: `https://www.${domain}/`,
      status: 200,
      chain: [],
      headers: {},
      tls: null,
      remoteAddress: null,
      errorKind: null,
      error: null,
      truncated: false,
    },
    page: {
      title: 'Acme Tool & Die',
      headings: [],
      metaGenerator: null,
      structuredData: [],
      phones: ['+19375550100'],
      postalCodes: ['45501'],
      emails: [],
      socialLinks: [],
      assetHosts: [],
      textSample: '',
    },
    landingDomain: null,
    parked: { parked: false, reasons: [] },
    authenticity: {
      score,
      nameSimilarity: 0.9,
      phoneMatch: true,
      postalCodeMatch: true,
      streetMatch: false,
      cityMatch: true,
      structuredDataMatch: false,
      domainResemblance: 0.8,
      reasons: ['phone matches'],
    },
    technologies: [],
    verdict: 'verified',
    ...overrides,
  };
}

export function classifyInput(overrides: Partial<ClassifyInput> = {}): ClassifyInput {
  return { prospect: prospect(), search: search(), dns: [], verify: [], failures: [], ...overrides };
}
