// Presence and the business's own domain: a verified site wins; without one, a matched
// social page; else none. The DNS to read is the verified domain's, or — since e-mail can
// exist without a website — that of a list e-mail domain that has MX records.
import type { ClassifyInput, DnsResult, VerifyResult } from '../types.ts';
import { known, round, type Answer } from './answer.ts';

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

export function decidePresence(input: ClassifyInput): PresenceDecision {
  const site = bestVerified(input);
  if (site) {
    const domain = site.landingDomain ?? site.domain;
    const score = site.authenticity?.score ?? 0.5;
    const evidence = [`${site.domain} verified (authenticity ${round(score)})`, ...(site.authenticity?.reasons ?? []).slice(0, 3)];
    if (site.landingDomain) evidence.push(`${site.domain} redirects to ${site.landingDomain}`);
    return {
      presence: known('website', Math.max(0.6, score), evidence),
      domain: known(domain, Math.max(0.6, score), evidence),
      site,
      dns: dnsFor(input, domain) ?? dnsFor(input, site.domain),
    };
  }
  const noDomain = whyNoDomain(input);
  const emailDns = listEmailDns(input);
  const social = input.search?.socialPages.find((p) => p.matched);
  const presence = social
    ? known('social-only', 0.7, [`${social.network} page ${social.url} matches the business`, noDomain])
    : known('none', input.verify.length > 0 || (input.search?.candidates.length ?? 0) > 0 ? 0.8 : 0.6, [noDomain]);
  return { presence, domain: { value: null, confidence: 0, evidence: [], reason: noDomain }, site: null, dns: emailDns };
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

function listEmailDns(input: ClassifyInput): DnsResult | null {
  const isp = new Set((input.search?.ispMailDomains ?? []).map((d) => d.toLowerCase()));
  const names = [
    ...(input.search?.candidates ?? []).filter((c) => c.sources.includes('list-email')).map((c) => c.domain),
    ...(input.prospect.emailDomain ? [input.prospect.emailDomain] : []),
  ].map((d) => d.toLowerCase());
  for (const name of names) {
    if (FREE_MAIL.has(name) || isp.has(name)) continue;
    const dns = dnsFor(input, name);
    if (dns && dns.mx.length > 0) return dns;
  }
  return null;
}

function whyNoDomain(input: ClassifyInput): string {
  if (input.verify.length > 0) {
    const verdicts = input.verify.map((v) => `${v.domain} ${v.verdict}`).join(', ');
    return `no candidate verified (${verdicts})`;
  }
  const failed = input.failures.filter((f) => f.stage === 'verify' || f.stage === 'search');
  if (failed.length > 0) return `no domain: ${failed.map((f) => `${f.stage} failed for ${f.subject}`).join(', ')}`;
  if ((input.search?.candidates.length ?? 0) > 0) return 'no candidate domain was checked';
  return 'no domain found';
}
