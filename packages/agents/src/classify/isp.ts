// The ISP is read only from addresses the business runs itself: an on-premises mail
// server, named service hosts (vpn., remote., …), a self-hosted site, SPF ip4 blocks of
// /29 or narrower. An address on a hosting, SaaS, CDN, enterprise or university network
// never names an ISP, however the business uses it. An access network the catalog lacks is
// named by its AS organisation, uncatalogued. A subscriber mailbox domain (comcast.net) is
// a weak hint, used only when nothing stronger exists.
import type { AddressInfo, DnsResult, EvidenceItem } from '../types.ts';
import { accessLineOf, addressInfo, describeAddress, ispAccessMatch, isIsp, ownedByNonIsp } from './addresses.ts';
import { insideDomain, known, noDns, unknown, Votes, type Answer, type ClassifyContext } from './answer.ts';
import { fromMatch } from './evidence.ts';
import { classifyNetwork } from './network.ts';
import { ISP_STRENGTH as S } from './strengths.ts';
import { OFFICE_SPF_PREFIX } from '../dns/address-facts.ts';

/** Probed labels that are never a self-run server of their own: they alias SaaS services. */
const SAAS_LABELS = new Set(['www', 'autodiscover', 'lyncdiscover', 'sip', 'enterpriseregistration', 'enterpriseenrollment']);

interface OwnAddress {
  info: AddressInfo;
  why: string;
}

interface IspVote {
  name: string;
  strength: number;
  item: EvidenceItem;
  cataloged: boolean;
}

export function classifyIsp(ctx: ClassifyContext, selfRunWeb: AddressInfo[]): Answer {
  if (!ctx.dns) return mailDomainHint(ctx) ?? noDns(ctx);
  const own = ownAddresses(ctx, ctx.dns, selfRunWeb);
  const votes = new Votes();
  const skipped: string[] = [];
  for (const { info, why } of own) {
    const vote = ispVote(ctx, info, why);
    if (vote) votes.add(vote.name, vote.strength, vote.item, vote.cataloged);
    else skipped.push(`${why} ${describeAddress(info)} (${classifyNetwork(ctx.catalog, info).class} network)`);
  }
  const answer = votes.pick(unknown('no-self-run-addresses').reason);
  if (answer.value) return answer;
  const hint = mailDomainHint(ctx);
  if (hint) return hint;
  if (own.length === 0) return unknown('no-self-run-addresses', 'no self-run addresses: mail, web and service hosts are all with hosting or SaaS providers');
  if (votes.size === 0) return unknown('not-access-network', skipped.slice(0, 3).join('; '));
  return answer;
}

function ispVote(ctx: ClassifyContext, info: AddressInfo, why: string): IspVote | null {
  const catalog = ctx.catalog;
  if (info.asn && ownedByNonIsp(catalog, info.asn.asn)) return null;
  const observed = describeAddress(info);
  const ptrIsp = info.ptr ? catalog.matchPtr(info.ptr).find(isIsp) : undefined;
  const access = ispAccessMatch(catalog, info);
  if (access && access.via === 'asn') {
    const agrees = ptrIsp?.slug === access.slug;
    const item = { ...fromMatch(access, { context: why, notes: agrees ? ['PTR agrees'] : [] }), observed };
    return { name: access.slug, strength: agrees ? S.asnAndPtr : S.asn, item, cataloged: true };
  }
  if (access) return { name: access.slug, strength: S.ptrOnly, item: { ...fromMatch(access, { context: why, notes: ['reverse name'] }), observed }, cataloged: true };
  const transit = info.asn ? catalog.matchAsn(info.asn.asn).find(isIsp) : undefined;
  if (transit) return { name: transit.slug, strength: S.transit, item: { ...fromMatch(transit, { context: why, notes: ['non-access network'] }), observed }, cataloged: true };
  const line = accessLineOf(catalog, info);
  if (!line) return null;
  const notes = ['access network', 'uncatalogued', ...(line.network.accessPtr ? ['reverse name has a customer-line shape'] : [])];
  return {
    name: line.name,
    strength: line.network.accessPtr ? S.uncataloguedAccessPtr : S.uncataloguedAccess,
    item: { kind: 'asn', observed, names: line.name, context: why, notes },
    cataloged: false,
  };
}

function ownAddresses(ctx: ClassifyContext, dns: DnsResult, selfRunWeb: AddressInfo[]): OwnAddress[] {
  const list: OwnAddress[] = selfRunWeb.map((info) => ({ info, why: 'self-hosted website' }));
  const add = (ip: string, why: string): void => {
    if (!list.some((o) => o.info.ip === ip)) list.push({ info: addressInfo(dns, ip), why });
  };
  for (const mx of dns.mx.filter((m) => insideDomain(m.host, dns.domain))) {
    for (const ip of mx.addresses) add(ip, `on-premises mail server ${mx.host}`);
  }
  for (const host of dns.hosts) {
    if (SAAS_LABELS.has(host.label) || pointsAtProvider(ctx, host.cnameChain)) continue;
    for (const ip of host.addresses) add(ip, `self-run host ${host.name}`);
  }
  for (const entry of officeSpfBlocks(dns)) add(entry.ip, `SPF ip4:${entry.block}`);
  for (const info of dns.addresses) {
    for (const role of info.roles.filter((r) => r.role === 'spf-a')) add(info.ip, `SPF a:${role.hostname}`);
  }
  return list;
}

/** A host whose CNAME chain ends at a catalog provider is that provider's service, not a server of the business. */
function pointsAtProvider(ctx: ClassifyContext, chain: string[]): boolean {
  return chain.some((hop) => ctx.catalog.matchCname(hop).length > 0);
}

/** SPF ip4 entries of /29 or narrower: the address as written stands for the block (the DNS agent looks it up). */
export function officeSpfBlocks(dns: DnsResult): { ip: string; block: string }[] {
  return (dns.spf?.ip4 ?? [])
    .filter((entry) => !entry.includes('/') || Number(entry.split('/')[1]) >= OFFICE_SPF_PREFIX)
    .map((entry) => ({ ip: entry.split('/')[0] ?? entry, block: entry }));
}

/** The list's e-mail column at an ISP's subscriber domain: the search agent's short list, or any the catalog names (gci.net). */
function mailDomainHint(ctx: ClassifyContext): Answer | null {
  const listed = [
    ...(ctx.search?.ispMailDomains ?? []),
    ...(ctx.prospect.emailDomain ? [ctx.prospect.emailDomain] : []),
    ...(ctx.search?.candidates ?? []).filter((c) => c.sources.includes('list-email')).map((c) => c.domain),
  ].map((d) => d.toLowerCase());
  for (const domain of new Set(listed)) {
    const hit = ctx.catalog.matchMailDomain(domain).find(isIsp);
    if (hit) return known(hit.slug, S.mailDomainHint, [{ kind: 'mail-domain', observed: domain, names: hit.slug, notes: ['weak hint: a subscriber mailbox'] }]);
  }
  return null;
}

