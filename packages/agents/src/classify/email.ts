// E-mail provider and gateway. MX names the mailbox provider directly, unless a security
// gateway sits in front: then the mailbox provider is read from what the domain points
// elsewhere (SPF includes, autodiscover, verification tokens). An MX inside the domain
// on an access ISP's network is a server the business runs itself.
import type { CatalogMatch } from '../catalog/catalog.ts';
import type { DnsResult, MxHost } from '../types.ts';
import { insideDomain, known, unknown, Votes, type Answer, type ClassifyContext } from './answer.ts';
import { describeAddress, ispAccessMatch } from './addresses.ts';

export interface EmailAnswers {
  emailProvider: Answer;
  emailGateway: Answer;
}

const MX_DIRECT = 0.95;
const SIGNAL_STRENGTH = { spf: 0.5, autodiscover: 0.55, srv: 0.5, token: 0.4, weakToken: 0.1 } as const;

export function classifyEmail(ctx: ClassifyContext): EmailAnswers {
  const dns = ctx.dns;
  if (!dns) return { emailProvider: unknown(ctx.domain ? 'no DNS result for the domain' : 'no domain'), emailGateway: unknown('no domain') };
  if (dns.mx.length === 0) {
    const reason = lookupFailed(dns, 'MX') ? 'MX lookup failed' : 'no MX records';
    return { emailProvider: unknown(reason), emailGateway: unknown(reason) };
  }
  const mx = [...dns.mx].sort((a, b) => a.priority - b.priority);
  const gateway = gatewayFromMx(ctx, mx);
  const direct = mailboxFromMx(ctx, mx);
  if (direct.value) return { emailProvider: direct, emailGateway: gateway };
  // An MX on the business's own access line outranks SPF includes (hybrid Exchange sends
  // through Microsoft 365 yet receives and stores mail on premises).
  const selfHosted = selfHostedMail(ctx, dns, mx);
  if (selfHosted.value === 'self-hosted') return { emailProvider: selfHosted, emailGateway: gateway };
  const indirect = mailboxFromSignals(ctx, dns);
  if (indirect.value) return { emailProvider: indirect, emailGateway: gateway };
  if (selfHosted.value) return { emailProvider: selfHosted, emailGateway: gateway };
  if (gateway.value) {
    const behind = onPremisesBehindGateway(ctx, dns);
    if (behind.value) return { emailProvider: behind, emailGateway: gateway };
  }
  const reason = gateway.value
    ? `MX is the ${gateway.value} gateway and no SPF include, autodiscover or token names the mailbox provider`
    : selfHosted.reason ?? `MX ${mx[0]?.host ?? ''} is not in the catalog`;
  return { emailProvider: { ...indirect, value: null, reason }, emailGateway: gateway };
}

function gatewayFromMx(ctx: ClassifyContext, mx: MxHost[]): Answer {
  for (const host of mx) {
    const hit = ctx.catalog.matchMx(host.host).find((m) => m.provider.kinds.includes('email-gateway'));
    if (hit) return known(hit.slug, MX_DIRECT, [hit.evidence]);
  }
  return unknown('no gateway in MX');
}

function mailboxFromMx(ctx: ClassifyContext, mx: MxHost[]): Answer {
  const votes = new Votes();
  for (const host of mx) {
    for (const m of ctx.catalog.matchMx(host.host)) {
      if (m.provider.kinds.includes('email') && !m.provider.kinds.includes('email-gateway')) votes.add(m.slug, MX_DIRECT, m.evidence);
    }
  }
  if (votes.size > 0) addSpfVotes(ctx, votes);
  return votes.pick();
}

function mailboxFromSignals(ctx: ClassifyContext, dns: DnsResult): Answer {
  const votes = new Votes();
  const isMailbox = (m: CatalogMatch): boolean => m.provider.kinds.includes('email') && !m.provider.kinds.includes('email-gateway');
  addSpfVotes(ctx, votes);
  for (const host of dns.hosts.filter((h) => h.label === 'autodiscover')) {
    for (const hop of host.cnameChain) {
      for (const m of ctx.catalog.matchCname(hop).filter(isMailbox)) {
        votes.add(m.slug, SIGNAL_STRENGTH.autodiscover, `autodiscover ${m.evidence}`);
      }
    }
  }
  for (const srv of dns.srv) {
    for (const m of ctx.catalog.matchSrv(srv.target).filter(isMailbox)) {
      votes.add(m.slug, SIGNAL_STRENGTH.srv, `${srv.name} ${m.evidence}`);
    }
  }
  for (const token of dns.verificationTokens) {
    for (const m of ctx.catalog.matchVerificationToken(token).filter(isMailbox)) {
      votes.add(m.slug, m.weak ? SIGNAL_STRENGTH.weakToken : SIGNAL_STRENGTH.token, m.evidence + (m.weak ? ' (weak alone)' : ''));
    }
  }
  return votes.pick(0.3, 'no mailbox-provider evidence besides MX');
}

function addSpfVotes(ctx: ClassifyContext, votes: Votes): void {
  for (const include of ctx.dns?.spf?.includes ?? []) {
    for (const m of ctx.catalog.matchSpfInclude(include)) {
      if (m.provider.kinds.includes('email') && !m.provider.kinds.includes('email-gateway')) {
        votes.add(m.slug, SIGNAL_STRENGTH.spf, m.evidence);
      }
    }
  }
}

function selfHostedMail(ctx: ClassifyContext, dns: DnsResult, mx: MxHost[]): Answer {
  const own = mx.filter((h) => insideDomain(h.host, dns.domain));
  if (own.length === 0) return unknown(`MX ${mx[0]?.host ?? ''} is not in the catalog`);
  const evidence: string[] = [];
  let hostedBy: CatalogMatch | null = null;
  for (const host of own) {
    for (const ip of host.addresses) {
      const info = dns.addresses.find((a) => a.ip === ip);
      const access = ispAccessMatch(ctx.catalog, info);
      if (access) evidence.push(`MX ${host.host} ${describeAddress(info)} is on ${access.slug}'s access network`);
      hostedBy ??= hostingMatch(ctx, info?.asn?.asn);
    }
  }
  if (evidence.length > 0) return known('self-hosted', evidence.length > 1 ? 0.85 : 0.8, evidence);
  if (hostedBy?.provider.kinds.includes('email')) {
    return known(hostedBy.slug, 0.6, [`MX ${own[0]?.host ?? ''} at ${hostedBy.evidence}`]);
  }
  const where = hostedBy ? ` on ${hostedBy.slug}'s network` : '';
  return unknown(`MX ${own[0]?.host ?? ''} is inside the domain${where}; who runs it is unknown`);
}

const MAIL_HOST_ROLES = new Set(['host:mail', 'host:smtp', 'host:webmail', 'host:owa', 'host:exchange', 'host:autodiscover', 'spf']);

/**
 * A gateway relays to the real mail server: when no provider is named behind it, mail
 * hosts (mail., owa., autodiscover.) or SPF ip4 senders on the business's own access line
 * say the mailboxes are on premises.
 */
function onPremisesBehindGateway(ctx: ClassifyContext, dns: DnsResult): Answer {
  const evidence: string[] = [];
  for (const info of dns.addresses) {
    const roles = info.roles.filter((r) => MAIL_HOST_ROLES.has(r.role));
    if (roles.length === 0) continue;
    const access = ispAccessMatch(ctx.catalog, info);
    if (access) evidence.push(`${roles.map((r) => r.hostname).join(', ')} ${describeAddress(info)} is on ${access.slug}'s access network behind the gateway`);
  }
  return evidence.length > 0 ? known('self-hosted', evidence.length > 1 ? 0.75 : 0.65, evidence) : unknown('no mail host of its own behind the gateway');
}

function hostingMatch(ctx: ClassifyContext, asn: number | undefined): CatalogMatch | null {
  if (asn === undefined) return null;
  return ctx.catalog.matchAsn(asn).find((m) => !m.provider.kinds.includes('isp')) ?? null;
}

function lookupFailed(dns: DnsResult, type: string): boolean {
  return dns.failures.some((f) => f.type === type && f.name.toLowerCase().replace(/\.$/, '') === dns.domain);
}
