// The provider catalog as the agents see it: pure matching functions over precomputed
// indexes. Build one with createCatalog (tests) or loadCatalog (composition roots).
import ipaddr from 'ipaddr.js';
import { HOST_FIELDS, type HostField, type ProviderEntry, type ProviderKind } from './catalog.schema.ts';
import { HostIndex, type HostHit } from './host-index.ts';
import { match, type CatalogMatch, type MatchVia } from './catalog-match.ts';
import { createTechnologyDetector, type TechnologyInput } from './technologies.ts';

export type { ProviderEntry, ProviderKind } from './catalog.schema.ts';
export type { TechnologyInput } from './technologies.ts';
export type { CatalogMatch, MatchVia } from './catalog-match.ts';


export interface Catalog {
  readonly providers: readonly ProviderEntry[];
  get(slug: string): ProviderEntry | undefined;
  hasKind(slug: string, kind: ProviderKind): boolean;
  matchMx(host: string): CatalogMatch[];
  matchCname(host: string): CatalogMatch[];
  matchNs(host: string): CatalogMatch[];
  matchSpfInclude(domain: string): CatalogMatch[];
  matchAsn(asn: number): CatalogMatch[];
  matchPtr(name: string): CatalogMatch[];
  matchVerificationToken(txt: string): CatalogMatch[];
  matchSrv(target: string): CatalogMatch[];
  /** An ISP subscriber mailbox domain (comcast.net → comcast-business). */
  matchMailDomain(domain: string): CatalogMatch[];
  matchAssetHost(host: string): CatalogMatch[];
  /** Documented service addresses (Shopify 23.227.38.65, Squarespace 198.185.159.144, …). */
  matchAddress(ip: string): CatalogMatch[];
  /** Slugs of web hosts, CDNs, CMS and e-commerce platforms seen in a page's headers and markup. */
  detectTechnologies(input: TechnologyInput): string[];
  explainTechnologies(input: TechnologyInput): CatalogMatch[];
}


const FIELD_VIA: Record<HostField, MatchVia> = {
  mx: 'mx',
  cname: 'cname',
  ns: 'ns',
  spfIncludes: 'spf',
  srv: 'srv',
  assetHosts: 'asset-host',
  mailDomains: 'mail-domain',
};

const FIELD_LABEL: Record<HostField, string> = {
  mx: 'MX',
  cname: 'CNAME',
  ns: 'NS',
  spfIncludes: 'SPF include',
  srv: 'SRV',
  assetHosts: 'asset host',
  mailDomains: 'subscriber mail domain',
};

export function createCatalog(entries: readonly ProviderEntry[]): Catalog {
  const providers = Object.freeze([...entries]);
  const bySlug = new Map(providers.map((p) => [p.slug, p]));
  const hostIndexes = buildHostIndexes(providers);
  const asnIndex = buildAsnIndex(providers);
  const ptrRules = providers.flatMap((p) => (p.ptrPatterns ?? []).map((source) => ({ p, source, regex: new RegExp(source, 'i') })));
  const tokens = providers.flatMap((p) => (p.verificationTokens ?? []).map((t) => ({ p, ...normalizeToken(t) })));
  const prefixes = providers.flatMap((p) => (p.ipPrefixes ?? []).map((cidr) => ({ p, cidr, range: ipaddr.parseCIDR(cidr) })));

  const byHost = (field: HostField) => (host: string) =>
    hostIndexes[field].lookup(host).map((hit) => hostMatch(field, hit));

  const technologies = createTechnologyDetector(providers, (host) => byHost('assetHosts')(host));

  return {
    providers,
    get: (slug) => bySlug.get(slug),
    hasKind: (slug, kind) => bySlug.get(slug)?.kinds.includes(kind) ?? false,
    matchMx: byHost('mx'),
    matchCname: byHost('cname'),
    matchNs: byHost('ns'),
    matchSpfInclude: byHost('spfIncludes'),
    matchSrv: byHost('srv'),
    matchAssetHost: byHost('assetHosts'),
    matchMailDomain: byHost('mailDomains'),
    matchAsn: (asn) =>
      (asnIndex.get(asn) ?? []).map(({ p, access }) =>
        match(p, 'asn', `AS${asn}`, `AS${asn}`, `AS${asn} → ${p.slug}${access ? ' (access network)' : ''}`, { access }),
      ),
    matchPtr: (name) => {
      const host = name.trim().toLowerCase().replace(/\.+$/, '');
      return unique(ptrRules.filter((r) => r.regex.test(host)).map((r) => match(r.p, 'ptr', r.source, host, `PTR ${host} → ${r.p.slug}`)));
    },
    matchVerificationToken: (txt) => {
      const value = txt.trim().replace(/^"|"$/g, '');
      return unique(
        tokens
          .filter((t) => value.toLowerCase().startsWith(t.prefix.toLowerCase()))
          .map((t) => match(t.p, 'token', t.prefix, truncate(value), `TXT ${truncate(value)} → ${t.p.slug}`, { weak: t.weak })),
      );
    },
    matchAddress: (ip) => {
      const addr = parseIp(ip);
      if (!addr) return [];
      return prefixes
        .filter(({ range }) => range[0].kind() === addr.kind() && addr.match(range))
        .map(({ p, cidr }) => match(p, 'address', cidr, ip, `address ${ip} in ${cidr} → ${p.slug}`));
    },
    detectTechnologies: (input) => [...new Set(technologies(input).map((m) => m.slug))],
    explainTechnologies: technologies,
  };
}

function buildHostIndexes(providers: readonly ProviderEntry[]): Record<HostField, HostIndex> {
  const indexes = Object.fromEntries(HOST_FIELDS.map((f) => [f, new HostIndex()])) as Record<HostField, HostIndex>;
  for (const p of providers) {
    for (const f of HOST_FIELDS) {
      for (const fp of p[f] ?? []) {
        // A shared fingerprint's preferred claimant is listed first (see `shared` in the schema).
        const preferred = (p.shared ?? []).some((s) => s.field === f && s.fingerprint === fp && s.prefer === p.slug);
        indexes[f].add(p, fp, false, preferred);
      }
    }
  }
  return indexes;
}

function buildAsnIndex(providers: readonly ProviderEntry[]): Map<number, { p: ProviderEntry; access: boolean }[]> {
  const index = new Map<number, { p: ProviderEntry; access: boolean }[]>();
  const add = (asn: number, p: ProviderEntry, access: boolean): void => {
    const list = index.get(asn) ?? [];
    if (!list.some((e) => e.p.slug === p.slug)) list.push({ p, access });
    index.set(asn, list);
  };
  for (const p of providers) {
    for (const asn of p.accessAsns ?? []) add(asn, p, true);
    for (const asn of p.asns ?? []) add(asn, p, false);
  }
  return index;
}

function hostMatch(field: HostField, hit: HostHit): CatalogMatch {
  return match(hit.provider, FIELD_VIA[field], hit.fingerprint, hit.host, `${FIELD_LABEL[field]} ${hit.host} → ${hit.provider.slug}`, { weak: hit.weak });
}


function normalizeToken(t: string | { prefix: string; weak: boolean }): { prefix: string; weak: boolean } {
  return typeof t === 'string' ? { prefix: t, weak: false } : t;
}

function unique(matches: CatalogMatch[]): CatalogMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => (seen.has(m.slug) ? false : (seen.add(m.slug), true)));
}

function parseIp(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(ip)) return null;
  const addr = ipaddr.parse(ip);
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
