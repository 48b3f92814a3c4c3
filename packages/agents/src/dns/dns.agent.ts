// The DNS agent: what a domain's public DNS says about its mail, web, VoIP and network.
// Pure function of the domain, a resolver, an ASN source and a signal. NXDOMAIN and NODATA
// are answers; failures after the resolver's last try are listed in `failures`.
import { randomBytes } from 'node:crypto';
import { PermanentError, TransientError } from '../errors.ts';
import type { AsnLookupPort, DnsLookup, ResolverPort } from '../ports.ts';
import type { DnsResult, MxHost, NamedHost, SpfResult, SrvService } from '../types.ts';
import { throwIfAborted } from '../adapters/resolver-abort.ts';
import { AddressBook, describeAddresses, spfOfficeAddresses, type PtrPolicy } from './address-facts.ts';
import { createDnsContext, values, type DnsContext } from './dns-context.ts';
import { resolveHost } from './host-resolve.ts';
import { evaluateSpf } from './spf.ts';
import { pickDmarc, verificationTokens } from './txt-facts.ts';

/** Self-run service names: their presence and addresses point at on-premises servers and the ISP. */
export const DEFAULT_HOST_LABELS = [
  'mail', 'smtp', 'webmail', 'remote', 'vpn', 'portal', 'owa', 'autodiscover',
  'ftp', 'exchange', 'citrix', 'rdp', 'sip', 'voip', 'fw', 'gw',
] as const;

/** SRV names that reveal VoIP (Teams/Skype, SIP trunks) and mail (Exchange, IMAP, submission). */
export const DEFAULT_SRV_NAMES = ['_sip._tls', '_sipfederationtls._tcp', '_sip._tcp', '_sip._udp', '_autodiscover._tcp'] as const;

export interface DnsAgentOptions {
  hostLabels?: readonly string[];
  srvNames?: readonly string[];
  /** CNAME hops followed before giving up (default 8). */
  maxCnameHops?: number;
  /** Queries in flight for one domain (default 16; the resolver has its own global cap). */
  concurrency?: number;
  /** MX hosts whose addresses are resolved, lowest preference first (default 4). */
  maxMxHosts?: number;
  /** SPF office addresses (single ip4/ip6, ip4 blocks of /29 or narrower) given PTR and ASN (default 8). */
  maxSpfAddresses?: number;
  /** Which addresses get a PTR query (default 'all'; 'own' skips addresses behind providers' names). */
  ptr?: PtrPolicy;
  /** Probe a random label to spot wildcard records, so wildcard answers are not taken as hosts (default true). */
  wildcardProbe?: boolean;
  /** The random label for the wildcard probe (tests pin it). */
  randomLabel?: () => string;
}

export interface DnsPorts {
  resolver: ResolverPort;
  asn: AsnLookupPort;
}

function emptyResult(domain: string): DnsResult {
  return {
    domain, lookups: [], apex: { a: [], aaaa: [] }, www: null, mx: [], ns: [], soa: null, txt: [], spf: null,
    dmarc: null, verificationTokens: [], srv: [], hosts: [], addresses: [], failures: [],
  };
}

function parseSoa(value: string | undefined): DnsResult['soa'] {
  const [mname, rname, serial] = (value ?? '').split(' ');
  return mname && rname ? { mname, rname, serial: Number(serial) || 0 } : null;
}

async function queryServices(ctx: DnsContext, domain: string, names: readonly string[]): Promise<SrvService[]> {
  const found = await Promise.all(names.map(async (prefix) => {
    const res = await ctx.query(`${prefix}.${domain}`, 'SRV');
    return res.records.map((r) => ({
      name: res.name, target: r.value, port: r.port ?? 0, priority: r.priority ?? 0, weight: r.weight ?? 0,
    }));
  }));
  return found.flat();
}

async function resolveMx(ctx: DnsContext, domain: string, max: number): Promise<MxHost[]> {
  const res = await ctx.query(domain, 'MX');
  const hosts = res.records
    .map((r) => ({ host: r.value, priority: r.priority ?? 0 }))
    .sort((a, b) => a.priority - b.priority);
  // A null MX (RFC 7505: "0 .") says the domain takes no mail.
  return Promise.all(hosts.map(async (h, i) => ({
    ...h,
    addresses: i < max && h.host !== '' ? values(await ctx.query(h.host, 'A')) : [],
  })));
}

/** The addresses a wildcard answers with, or null when the zone has none. */
async function wildcardAddresses(ctx: DnsContext, domain: string, o: DnsAgentOptions): Promise<Set<string> | null> {
  const label = o.randomLabel?.() ?? `wc-${randomBytes(6).toString('hex')}`;
  const res = await ctx.query(`${label}.${domain}`, 'A');
  return res.outcome === 'ok' ? new Set(values(res)) : null;
}

async function probeHosts(ctx: DnsContext, domain: string, o: DnsAgentOptions, maxHops: number): Promise<NamedHost[]> {
  const labels = o.hostLabels ?? DEFAULT_HOST_LABELS;
  const found = (
    await Promise.all(labels.map((label) =>
      resolveHost(ctx, `${label}.${domain}`, { label, maxHops, aaaa: false, probeFirst: true })))
  ).filter((h): h is NamedHost => h !== null);
  // Only a host with no CNAME of its own could be a wildcard's echo; probe only then.
  const suspects = found.filter((h) => h.cnameChain.length === 0);
  if (suspects.length === 0 || o.wildcardProbe === false) return found;
  const wildcard = await wildcardAddresses(ctx, domain, o);
  if (!wildcard) return found;
  return found.filter((h) => h.cnameChain.length > 0 || !h.addresses.every((a) => wildcard.has(a)));
}

async function spfOf(ctx: DnsContext, domain: string, txt: string[], ok: boolean): Promise<SpfResult | null> {
  if (!ok) return null;
  return evaluateSpf(domain, { resolver: { query: (n, t) => ctx.query(n, t) }, signal: ctx.signal, rootTxt: txt });
}

function inDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** A host is the domain's own when its name, and the end of any CNAME chain, stay inside the domain. */
function ownHost(h: NamedHost, domain: string): boolean {
  return inDomain(h.cnameChain.at(-1) ?? h.name, domain);
}

/** The addresses of the hosts the domain's SPF names with a:<host> inside the domain (at most `max`). */
async function spfHostAddresses(ctx: DnsContext, r: DnsResult, max: number): Promise<{ host: string; addresses: string[] }[]> {
  const hosts = (r.spf?.aHosts ?? []).filter((h) => inDomain(h, r.domain)).slice(0, max);
  return Promise.all(hosts.map(async (host) => ({ host, addresses: values(await ctx.query(host, 'A')) })));
}

function collectAddresses(r: DnsResult, spfAddresses: string[], spfHosts: { host: string; addresses: string[] }[]): AddressBook {
  const book = new AddressBook();
  book.addAll([...r.apex.a, ...r.apex.aaaa], r.domain, 'apex', true);
  if (r.www) book.addAll(r.www.addresses, r.www.name, 'www', ownHost(r.www, r.domain));
  for (const mx of r.mx) book.addAll(mx.addresses, mx.host, 'mx', inDomain(mx.host, r.domain));
  for (const h of r.hosts) book.addAll(h.addresses, h.name, `host:${h.label}`, ownHost(h, r.domain));
  book.addAll(spfAddresses, r.domain, 'spf', true);
  for (const h of spfHosts) book.addAll(h.addresses, h.host, 'spf-a', true);
  return book;
}

const DOMAIN_NAME = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ANSWERED: ReadonlySet<DnsLookup['outcome']> = new Set(['ok', 'nodata', 'nxdomain']);

function normaliseDomain(domain: string): string {
  const name = domain.trim().toLowerCase().replace(/\.+$/, '');
  if (!DOMAIN_NAME.test(name)) throw new PermanentError('not a domain name', 'invalid-domain');
  return name;
}

/**
 * Resolves everything the classifier reads from a domain's DNS. Throws PermanentError for a
 * malformed name, TransientError when not one apex query got an answer (resolver or zone
 * unreachable: worth a later attempt), and an AbortError when `signal` aborts.
 */
export async function runDnsAgent(domain: string, ports: DnsPorts, options: DnsAgentOptions = {}, signal?: AbortSignal): Promise<DnsResult> {
  throwIfAborted(signal);
  const name = normaliseDomain(domain);
  const ctx = createDnsContext(ports.resolver, options.concurrency ?? 16, signal);
  const maxHops = options.maxCnameHops ?? 8;
  const result = emptyResult(name);

  // The apex queries come first: if the domain does not exist, nothing else is worth asking.
  const [a, aaaa, ns, soa, txt] = await Promise.all(
    (['A', 'AAAA', 'NS', 'SOA', 'TXT'] as const).map((type) => ctx.query(name, type)),
  );
  if (![a, aaaa, ns, soa, txt].some((l) => l && ANSWERED.has(l.outcome))) {
    throw new TransientError('no DNS answer for the domain', 'dns-unanswered');
  }
  if ([a, ns, soa].some((l) => l?.outcome === 'nxdomain')) {
    return { ...result, lookups: ctx.lookups(), failures: ctx.failures() };
  }
  result.apex = { a: a ? values(a) : [], aaaa: aaaa ? values(aaaa) : [] };
  result.ns = ns ? values(ns).sort() : [];
  result.soa = parseSoa(soa?.records[0]?.value);
  result.txt = txt ? values(txt) : [];
  result.verificationTokens = verificationTokens(result.txt);

  const [www, mx, dmarc, srv, hosts, spf] = await Promise.all([
    resolveHost(ctx, `www.${name}`, { label: 'www', maxHops, aaaa: true, probeFirst: false }),
    resolveMx(ctx, name, options.maxMxHosts ?? 4),
    ctx.query(`_dmarc.${name}`, 'TXT'),
    queryServices(ctx, name, options.srvNames ?? DEFAULT_SRV_NAMES),
    probeHosts(ctx, name, options, maxHops),
    spfOf(ctx, name, result.txt, txt?.outcome === 'ok'),
  ]);
  Object.assign(result, { www, mx, srv, hosts, spf, dmarc: pickDmarc(values(dmarc)) });

  const spfAddresses = spf ? spfOfficeAddresses(spf.ip4, spf.ip6).slice(0, options.maxSpfAddresses ?? 8) : [];
  const spfHosts = await spfHostAddresses(ctx, result, options.maxSpfAddresses ?? 8);
  result.addresses = await describeAddresses(ctx, ports.asn, collectAddresses(result, spfAddresses, spfHosts), options.ptr ?? 'all');
  return { ...result, lookups: ctx.lookups(), failures: ctx.failures() };
}
