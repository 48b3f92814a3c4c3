// DNS operator (from NS) and VoIP service (from SRV targets, CNAMEs of service hosts and
// verification tokens, else the registrable domain a SIP record points at) of the business's domain. An NS fingerprint names the DNS operator
// whatever else the entry does (a hosting brand serving its customers' zones); name
// servers the catalog does not know are named by their registrable domain.
import type { CatalogMatch } from '../catalog/catalog.ts';
import type { DnsResult, EvidenceItem } from '../types.ts';
import { insideDomain, known, noDns, unknown, Votes, type Answer, type ClassifyContext } from './answer.ts';
import { fromMatch } from './evidence.ts';
import { nameForHost, ownedByCatalog } from './names.ts';
import { DNS_STRENGTH, VOIP_STRENGTH } from './strengths.ts';

const VOIP_LABELS = new Set(['sip', 'lyncdiscover', 'voip', 'pbx', 'phone', 'meet', 'dialin']);

const isParkingOnly = (m: CatalogMatch): boolean => m.provider.kinds.includes('parking') && !m.provider.kinds.includes('dns');

export function classifyDnsProvider(ctx: ClassifyContext): Answer {
  const dns = ctx.dns;
  if (!dns) return noDns(ctx);
  if (dns.ns.length === 0) return dns.failures.some((f) => f.type === 'NS') ? unknown('lookup-failed', 'NS') : unknown('no-records', 'NS');
  const matches = dns.ns.flatMap((ns) => ctx.catalog.matchNs(ns));
  const parked = matches.find(isParkingOnly);
  if (parked) return unknown('parked', `${parked.slug}'s`);
  const votes = new Votes();
  // Every NS agreeing is the norm; each one adds corroboration.
  for (const m of matches) votes.add(m.slug, DNS_STRENGTH.ns, fromMatch(m));
  if (votes.size > 1) {
    // Several DNS services share one anycast network (NS1 serves both Squarespace and
    // Netlify): the one that also serves the site is the likelier operator.
    for (const slug of ctx.site?.technologies ?? []) {
      if (votes.has(slug)) votes.add(slug, DNS_STRENGTH.servesSite, { kind: 'inference', observed: `the site itself is served by ${slug}` });
    }
  }
  if (votes.size > 0) {
    const answer = votes.pick();
    if (answer.value || answer.reason?.code !== 'ambiguous') return answer;
    // Still tied (NS1 name servers and a site hosted elsewhere): the catalog lists the
    // commoner small-business operator first; say so and lower the confidence.
    const [first] = votes.ranked();
    return known(first!.slug, DNS_STRENGTH.sharedGuess, [
      ...first!.evidence,
      { kind: 'inference', observed: `shared name servers; ${first!.slug} assumed as the commoner operator` },
    ]);
  }
  if (dns.ns.every((ns) => insideDomain(ns, dns.domain))) return unknown('ns-inside-domain', dns.ns.join(', '));
  return uncataloguedNs(ctx, dns.ns.filter((ns) => !insideDomain(ns, dns.domain)));
}

/**
 * Name servers the catalog lacks: the registrable domain most of them share. One operator
 * often spreads its name servers over its domain under two suffixes (ns1.desec.io,
 * ns2.desec.org): those count as one, named by the first.
 */
function uncataloguedNs(ctx: ClassifyContext, ns: string[]): Answer {
  const votes = new Votes();
  const byBrand = new Map<string, string>();
  for (const host of [...ns].sort()) {
    const name = nameForHost(ctx.catalog, host, ['dns']);
    if (!name) continue;
    const brand = name.cataloged ? name.value : (name.value.split('.')[0] ?? name.value);
    const value = byBrand.get(brand) ?? name.value;
    byBrand.set(brand, value);
    votes.add(value, DNS_STRENGTH.uncataloguedNs, { kind: 'ns', observed: host, names: value, notes: name.cataloged ? [] : ['uncatalogued'] }, name.cataloged);
  }
  return votes.pick(unknown('no-evidence', `name servers not in the catalog (${ns.slice(0, 2).join(', ')})`).reason);
}

export function classifyVoip(ctx: ClassifyContext): Answer {
  const dns = ctx.dns;
  if (!dns) return noDns(ctx);
  const votes = new Votes();
  const isVoip = (m: CatalogMatch): boolean => m.provider.kinds.includes('voip');
  for (const srv of dns.srv) {
    for (const m of ctx.catalog.matchSrv(srv.target).filter(isVoip)) votes.add(m.slug, VOIP_STRENGTH.srv, fromMatch(m, { context: srv.name }));
  }
  for (const host of dns.hosts.filter((h) => VOIP_LABELS.has(h.label))) {
    for (const hop of host.cnameChain) {
      for (const m of ctx.catalog.matchCname(hop).filter(isVoip)) votes.add(m.slug, VOIP_STRENGTH.cname, fromMatch(m, { context: host.name }));
    }
  }
  for (const token of dns.verificationTokens) {
    for (const m of ctx.catalog.matchVerificationToken(token).filter(isVoip)) votes.add(m.slug, m.weak ? VOIP_STRENGTH.weakToken : VOIP_STRENGTH.token, fromMatch(m));
  }
  if (votes.size === 0) addUncataloguedVoip(ctx, dns, votes);
  return votes.pick(unknown('no-evidence', 'no SIP SRV records, VoIP CNAMEs or tokens').reason);
}

/** Labels whose CNAME to another organisation's host names a hosted phone service ("meet" or "phone" may be a web page). */
const SIP_LABELS = new Set(['sip', 'voip', 'pbx']);

/**
 * No catalogued VoIP service: a SIP SRV record or a sip./voip./pbx. CNAME pointing outside
 * the domain names the service by the target's registrable domain (sip.phone.com →
 * phone.com). A target under a domain the catalog knows for another job (a cloud's
 * generic host names) is a server the business rents, not a phone service.
 */
function addUncataloguedVoip(ctx: ClassifyContext, dns: DnsResult, votes: Votes): void {
  const consider = (target: string, strength: number, evidence: Omit<EvidenceItem, 'names' | 'notes'>): void => {
    if (insideDomain(target, dns.domain)) return;
    const name = nameForHost(ctx.catalog, target, ['voip']);
    if (!name || (!name.cataloged && ownedByCatalog(ctx.catalog, target))) return;
    votes.add(name.value, strength, { ...evidence, names: name.value, notes: name.cataloged ? [] : ['uncatalogued'] }, name.cataloged);
  };
  for (const srv of dns.srv.filter((s) => s.name.toLowerCase().startsWith('_sip'))) {
    consider(srv.target, VOIP_STRENGTH.uncataloguedSrv, { kind: 'srv', observed: srv.target, context: srv.name });
  }
  for (const host of dns.hosts.filter((h) => SIP_LABELS.has(h.label))) {
    const target = host.cnameChain.at(-1);
    if (target) consider(target, VOIP_STRENGTH.uncataloguedCname, { kind: 'cname', observed: target, context: host.name });
  }
}
