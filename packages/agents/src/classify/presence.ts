// Presence and the business's own domain: a verified site wins; without one, a domain that
// carries the business's mail (named in the list's e-mail column, with MX records) is still
// the business's own — presence "no-website", and its mail, DNS and ISP evidence is read;
// else a matched social page; else none.
import type { Catalog } from '../catalog/catalog.ts';
import type { ClassifyInput, DnsResult, EvidenceItem, UnknownReason, VerifyResult } from '../types.ts';
import { known, round, unknown, type Answer } from './answer.ts';
import { reason, renderReason } from './evidence.ts';
import { ownedByCatalog } from './names.ts';
import { PRESENCE_STRENGTH as S } from './strengths.ts';

/** Mailbox domains anyone can sign up for: never the business's own domain. */
const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com',
  'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'mail.com', 'zoho.com',
]);

export interface PresenceDecision {
  presence: Answer;
  domain: Answer;
  site: VerifyResult | null;
  dns: DnsResult | null;
}

export function decidePresence(input: ClassifyInput, catalog: Catalog): PresenceDecision {
  const site = bestVerified(input);
  if (site) {
    const domain = site.landingDomain ?? site.domain;
    const score = site.authenticity?.score ?? S.unscoredSite;
    const evidence: EvidenceItem[] = [
      { kind: 'site', observed: `${site.domain} verified (authenticity ${round(score)})` },
      ...(site.authenticity?.reasons ?? []).slice(0, 3).map((r): EvidenceItem => ({ kind: 'site', observed: r })),
    ];
    if (site.landingDomain) evidence.push({ kind: 'redirect', observed: `${site.domain} redirects to ${site.landingDomain}` });
    const confidence = Math.max(S.website, score);
    return {
      presence: known('website', confidence, evidence),
      domain: known(domain, confidence, evidence),
      site,
      dns: dnsFor(input, domain) ?? dnsFor(input, site.domain),
    };
  }
  const social = input.search?.socialPages.find((p) => p.matched);
  const socialEvidence: EvidenceItem[] = social ? [{ kind: 'social', observed: `${social.network} page ${social.url} matches the business` }] : [];
  const mail = mailDomainWithoutSite(input, catalog);
  if (mail) {
    return { presence: known('no-website', mail.confidence, [...mail.evidence, ...socialEvidence]), domain: known(mail.dns.domain, mail.confidence, mail.evidence), site: null, dns: mail.dns };
  }
  const noDomain = whyNoDomain(input);
  const noDomainItem: EvidenceItem = { kind: 'inference', observed: renderReason(noDomain) };
  const checked = input.verify.length > 0 || (input.search?.candidates.length ?? 0) > 0;
  const presence = social ? known('social-only', S.socialOnly, [...socialEvidence, noDomainItem]) : known('none', checked ? S.noneChecked : S.noneUnchecked, [noDomainItem]);
  // Mail answers may still be read from a list e-mail domain that is not kept as the business's (its site is someone else's).
  return { presence, domain: unknown(noDomain.code, noDomain.detail), site: null, dns: listEmailDns(input, catalog) };
}

function bestVerified(input: ClassifyInput): VerifyResult | null {
  const order = new Map((input.search?.candidates ?? []).map((c, i) => [c.domain, i]));
  const rank = (v: VerifyResult, i: number): number => order.get(v.domain) ?? 1000 + i;
  const verified = input.verify
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => v.verdict === 'verified')
    .sort((a, b) => (b.v.authenticity?.score ?? 0) - (a.v.authenticity?.score ?? 0) || rank(a.v, a.i) - rank(b.v, b.i));
  return verified[0]?.v ?? null;
}

function dnsFor(input: ClassifyInput, domain: string): DnsResult | null {
  return input.dns.find((d) => d.domain.toLowerCase() === domain.toLowerCase()) ?? null;
}

/** The list's e-mail column domains that could be the business's own (not free or ISP mailboxes). */
function listEmailDomains(input: ClassifyInput, catalog: Catalog): string[] {
  const isp = new Set((input.search?.ispMailDomains ?? []).map((d) => d.toLowerCase()));
  const names = [
    ...(input.search?.candidates ?? []).filter((c) => c.sources.includes('list-email')).map((c) => c.domain),
    ...(input.prospect.emailDomain ? [input.prospect.emailDomain] : []),
  ].map((d) => d.toLowerCase());
  // A provider's own domain (an ISP's subscriber mailboxes at gci.net, a host's) is never the business's.
  const providers = (name: string): boolean => catalog.matchMailDomain(name).length > 0 || ownedByCatalog(catalog, name);
  return [...new Set(names)].filter((name) => !FREE_MAIL.has(name) && !isp.has(name) && !providers(name));
}

function listEmailDns(input: ClassifyInput, catalog: Catalog): DnsResult | null {
  for (const name of listEmailDomains(input, catalog)) {
    const dns = dnsFor(input, name);
    if (dns && dns.mx.some((m) => m.host !== '')) return dns;
  }
  return null;
}

/**
 * A domain in the list's e-mail column whose MX takes mail (not a parking service's) and
 * whose website is down, parked or was never there: the business's own domain without a
 * website. A site that answers with someone else's page (rejected) means the domain changed
 * hands: not kept.
 */
function mailDomainWithoutSite(input: ClassifyInput, catalog: Catalog): { dns: DnsResult; confidence: number; evidence: EvidenceItem[] } | null {
  for (const name of listEmailDomains(input, catalog)) {
    const dns = dnsFor(input, name);
    const mx = dns?.mx.filter((m) => m.host !== '') ?? [];
    if (!dns || mx.length === 0) continue;
    if (mx.some((m) => catalog.matchMx(m.host).some((hit) => hit.provider.kinds.includes('parking')))) continue;
    const site = input.verify.find((v) => v.domain.toLowerCase() === name);
    if (site?.verdict === 'rejected') continue;
    const evidence: EvidenceItem[] = [
      { kind: 'list-email', observed: name, notes: ["the list's e-mail column"] },
      ...mx.slice(0, 2).map((m): EvidenceItem => ({ kind: 'mx', observed: m.host, context: name })),
    ];
    if (dns.spf) evidence.push({ kind: 'spf-record', observed: dns.spf.record.slice(0, 80), context: name });
    evidence.push({ kind: 'site', observed: site ? `${name} website ${site.verdict}${site.fetch.errorKind ? ` (${site.fetch.errorKind})` : ''}` : `${name} website not checked` });
    return { dns, confidence: dns.spf ? S.noWebsiteWithSpf : S.noWebsite, evidence };
  }
  return null;
}

function whyNoDomain(input: ClassifyInput): UnknownReason {
  if (input.verify.length > 0) return reason('no-candidate-verified', input.verify.map((v) => `${v.domain} ${v.verdict}`).join(', '));
  const failed = input.failures.filter((f) => f.stage === 'verify' || f.stage === 'search');
  if (failed.length > 0) return reason('stage-failed', failed.map((f) => `${f.stage} failed for ${f.subject}`).join(', '));
  if ((input.search?.candidates.length ?? 0) > 0) return reason('not-checked');
  return reason('not-found');
}
