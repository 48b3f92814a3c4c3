// The ISP is read only from addresses the business runs itself: an on-premises mail
// server, named service hosts (vpn., remote., …), a self-hosted site, single SPF ip4
// addresses. An address owned by a hosting, SaaS or CDN network never names an ISP,
// however the business uses it. A subscriber mailbox domain (comcast.net) is a weak hint,
// used only when nothing stronger exists.
import type { AddressInfo, DnsResult } from '../types.ts';
import { describeAddress, ispAccessMatch, isIsp, ownedByNonIsp } from './addresses.ts';
import { insideDomain, known, unknown, Votes, type Answer, type ClassifyContext } from './answer.ts';

const STRENGTH = { asn: 0.6, asnAndPtr: 0.85, ptrOnly: 0.5, transit: 0.35 } as const;
const HINT_CONFIDENCE = 0.25;
/** Probed labels that are never a self-run server of their own: they alias SaaS services. */
const SAAS_LABELS = new Set(['www', 'autodiscover', 'lyncdiscover', 'sip', 'enterpriseregistration', 'enterpriseenrollment']);

interface OwnAddress {
  info: AddressInfo;
  why: string;
}

export function classifyIsp(ctx: ClassifyContext, selfRunWeb: AddressInfo[]): Answer {
  const own = ownAddresses(ctx, selfRunWeb);
  const votes = new Votes();
  const skipped: string[] = [];
  for (const { info, why } of own) {
    const vote = ispVote(ctx, info);
    if (vote) votes.add(vote.slug, vote.strength, `${why}: ${vote.text}`);
    else skipped.push(`${why} ${describeAddress(info)}`);
  }
  const answer = votes.pick(0.3, 'no self-run addresses');
  if (answer.value) return answer;
  const hint = mailDomainHint(ctx);
  if (hint) return hint;
  if (own.length === 0) return unknown(noOwnAddressesReason(ctx));
  return { ...answer, reason: answer.reason === 'no self-run addresses' ? `self-run addresses not on a catalog ISP: ${skipped.slice(0, 3).join('; ')}` : answer.reason };
}

function ispVote(ctx: ClassifyContext, info: AddressInfo): { slug: string; strength: number; text: string } | null {
  const catalog = ctx.catalog;
  if (info.asn && ownedByNonIsp(catalog, info.asn.asn)) return null;
  const ptrIsp = info.ptr ? catalog.matchPtr(info.ptr).find(isIsp) : undefined;
  const access = ispAccessMatch(catalog, info);
  const text = describeAddress(info);
  if (access && info.asn && access.evidence.startsWith('AS')) {
    const strength = ptrIsp?.slug === access.slug ? STRENGTH.asnAndPtr : STRENGTH.asn;
    return { slug: access.slug, strength, text: `${text} → ${access.slug} (access network${ptrIsp?.slug === access.slug ? ', PTR agrees' : ''})` };
  }
  if (access) return { slug: access.slug, strength: STRENGTH.ptrOnly, text: `${text} → ${access.slug} (reverse name)` };
  const transit = info.asn ? catalog.matchAsn(info.asn.asn).find(isIsp) : undefined;
  if (transit) return { slug: transit.slug, strength: STRENGTH.transit, text: `${text} → ${transit.slug} (non-access network)` };
  return null;
}

function ownAddresses(ctx: ClassifyContext, selfRunWeb: AddressInfo[]): OwnAddress[] {
  const dns = ctx.dns;
  if (!dns) return [];
  const list: OwnAddress[] = selfRunWeb.map((info) => ({ info, why: 'self-hosted website' }));
  const add = (ip: string, why: string): void => {
    if (list.some((o) => o.info.ip === ip)) return;
    list.push({ info: dns.addresses.find((a) => a.ip === ip) ?? { ip, roles: [], ptr: null, asn: null }, why });
  };
  for (const mx of dns.mx.filter((m) => insideDomain(m.host, dns.domain))) {
    for (const ip of mx.addresses) add(ip, `on-premises mail server ${mx.host}`);
  }
  for (const host of dns.hosts) {
    if (SAAS_LABELS.has(host.label) || pointsAtProvider(ctx, host.cnameChain)) continue;
    for (const ip of host.addresses) add(ip, `self-run host ${host.name}`);
  }
  for (const entry of singleSpfAddresses(dns)) add(entry, `SPF ip4:${entry}`);
  return list;
}

/** A host whose CNAME chain ends at a catalog provider is that provider's service, not a server of the business. */
function pointsAtProvider(ctx: ClassifyContext, chain: string[]): boolean {
  return chain.some((hop) => ctx.catalog.matchCname(hop).length > 0);
}

function singleSpfAddresses(dns: DnsResult): string[] {
  return (dns.spf?.ip4 ?? [])
    .filter((entry) => !entry.includes('/') || Number(entry.split('/')[1]) >= 29)
    .map((entry) => entry.split('/')[0] ?? entry);
}

function mailDomainHint(ctx: ClassifyContext): Answer | null {
  for (const domain of ctx.search?.ispMailDomains ?? []) {
    const hit = ctx.catalog.matchMailDomain(domain).find(isIsp);
    if (hit) return known(hit.slug, HINT_CONFIDENCE, [`list e-mail at ${domain} → ${hit.slug} (weak hint: a subscriber mailbox)`]);
  }
  return null;
}

function noOwnAddressesReason(ctx: ClassifyContext): string {
  if (!ctx.dns) return ctx.domain ? 'no DNS result for the domain' : 'no domain';
  return 'no self-run addresses: mail, web and service hosts are all with hosting or SaaS providers';
}
