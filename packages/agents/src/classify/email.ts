// E-mail provider and gateway. MX names the mailbox provider directly, unless a security
// gateway sits in front: then the mailbox provider is read from what the domain points
// elsewhere (SPF includes, autodiscover, verification tokens). An MX inside the domain
// on an access network is a server the business runs itself. An MX the catalog does not
// know is named by its registrable domain (mx1.mxroute.com → mxroute.com), uncatalogued.
import type { CatalogMatch } from '../catalog/catalog.ts';
import type { DnsResult, MxHost } from '../types.ts';
import { accessLineOf, addressInfo, describeAddress } from './addresses.ts';
import { insideDomain, known, noDns, unknown, Votes, type Answer, type ClassifyContext } from './answer.ts';
import { fromMatch } from './evidence.ts';
import { nameForHost, ownedByCatalog, registrableDomain } from './names.ts';
import { EMAIL_STRENGTH as S, GATEWAY_STRENGTH } from './strengths.ts';

export interface EmailAnswers {
  emailProvider: Answer;
  emailGateway: Answer;
}

/** Bulk and transactional senders: an SPF include of theirs sends newsletters, it stores no mailboxes. */
const BULK_SENDERS = new Set([
  'sendgrid.net', 'mcsv.net', 'mailchimp.com', 'mandrillapp.com', 'mailgun.org', 'amazonses.com', 'sparkpostmail.com',
  'constantcontact.com', 'hubspotemail.net', 'zendesk.com', 'salesforce.com', 'exacttarget.com', 'mktomail.com',
  'freshdesk.com', 'helpscoutemail.com', 'postmarkapp.com', 'mailjet.com', 'sendinblue.com', 'brevo.com', 'intuit.com',
  'quickbooks.com', 'squarespace.com', 'wix.com', 'shopify.com', 'aweber.com', 'getresponse.com',
]);

const isMailbox = (m: CatalogMatch): boolean => m.provider.kinds.includes('email') && !m.provider.kinds.includes('email-gateway');
const isGateway = (m: CatalogMatch): boolean => m.provider.kinds.includes('email-gateway');

export function classifyEmail(ctx: ClassifyContext): EmailAnswers {
  const dns = ctx.dns;
  if (!dns) return { emailProvider: noDns(ctx), emailGateway: noDns(ctx) };
  const mx = [...dns.mx].filter((h) => h.host !== '').sort((a, b) => a.priority - b.priority);
  if (mx.length === 0) {
    const none = lookupFailed(dns, 'MX') ? unknown('lookup-failed', 'MX') : unknown('no-records', 'MX');
    return { emailProvider: none, emailGateway: none };
  }
  const gateway = gatewayFromMx(ctx, mx);
  const direct = mailboxFromMx(ctx, mx);
  if (direct.value) return { emailProvider: direct, emailGateway: gateway };
  // An MX on the business's own access line outranks SPF includes (hybrid Exchange sends
  // through Microsoft 365 yet receives and stores mail on premises).
  const selfHosted = selfHostedMail(ctx, dns, mx);
  if (selfHosted.value === 'self-hosted') return { emailProvider: selfHosted, emailGateway: gateway };
  const indirect = mailboxFromSignals(ctx, dns);
  const foreignMx = mx.find((h) => !insideDomain(h.host, dns.domain) && ctx.catalog.matchMx(h.host).length === 0);
  if (indirect.value) {
    // An MX the catalog does not know, in front of a mailbox host that SPF or autodiscover
    // names: that MX is a gateway the catalog lacks.
    const uncataloguedGateway = !gateway.value && foreignMx && indirect.confidence >= S.spf ? uncataloguedMx(ctx, foreignMx, GATEWAY_STRENGTH.uncataloguedMx, ['email-gateway']) : null;
    return { emailProvider: indirect, emailGateway: uncataloguedGateway ?? gateway };
  }
  if (selfHosted.value) return { emailProvider: selfHosted, emailGateway: gateway };
  if (gateway.value) {
    const behind = onPremisesBehindGateway(ctx, dns);
    if (behind.value) return { emailProvider: behind, emailGateway: gateway };
    const spfNamed = uncataloguedSpfMailbox(ctx, dns, mx);
    if (spfNamed) return { emailProvider: spfNamed, emailGateway: gateway };
    return { emailProvider: { ...indirect, ...unknown('gateway-hides-mailbox', gateway.value), evidence: indirect.evidence }, emailGateway: gateway };
  }
  const named = foreignMx ? uncataloguedMx(ctx, foreignMx, S.uncataloguedMx, ['email']) : null;
  if (named) return { emailProvider: named, emailGateway: gateway };
  return { emailProvider: { ...selfHosted, evidence: [...selfHosted.evidence, ...indirect.evidence] }, emailGateway: gateway };
}

function gatewayFromMx(ctx: ClassifyContext, mx: MxHost[]): Answer {
  for (const host of mx) {
    const hit = ctx.catalog.matchMx(host.host).find(isGateway);
    if (hit) return known(hit.slug, GATEWAY_STRENGTH.mx, [fromMatch(hit)]);
  }
  return unknown('no-evidence', 'no gateway in MX');
}

/** Any non-gateway entry an MX fingerprint matches receives the mail: a hosting brand's MX counts whatever its other kinds. */
function mailboxFromMx(ctx: ClassifyContext, mx: MxHost[]): Answer {
  const votes = new Votes();
  for (const host of mx) {
    for (const m of ctx.catalog.matchMx(host.host)) {
      if (!isGateway(m) && !m.provider.kinds.includes('parking')) votes.add(m.slug, S.mx, fromMatch(m));
    }
  }
  if (votes.size > 0) addSpfVotes(ctx, votes);
  return votes.pick();
}

/** The MX named by its registrable domain (or the catalog entry owning that domain). */
function uncataloguedMx(ctx: ClassifyContext, host: MxHost, strength: number, kinds: ('email' | 'email-gateway')[]): Answer | null {
  const name = nameForHost(ctx.catalog, host.host, kinds);
  if (!name) return null;
  const votes = new Votes();
  const notes = name.cataloged ? [] : ['uncatalogued'];
  votes.add(name.value, strength, { kind: 'mx', observed: host.host, names: name.value, notes }, name.cataloged);
  // The same provider's SPF include corroborates it.
  for (const include of ctx.dns?.spf?.includes ?? []) {
    if (registrableDomain(include) === registrableDomain(host.host)) {
      votes.add(name.value, S.spf, { kind: 'spf', observed: include, names: name.value, notes }, name.cataloged);
    }
  }
  return votes.pick();
}

function mailboxFromSignals(ctx: ClassifyContext, dns: DnsResult): Answer {
  const votes = new Votes();
  addSpfVotes(ctx, votes);
  for (const host of dns.hosts.filter((h) => h.label === 'autodiscover')) {
    for (const hop of host.cnameChain) {
      for (const m of ctx.catalog.matchCname(hop).filter(isMailbox)) votes.add(m.slug, S.autodiscover, { ...fromMatch(m), kind: 'autodiscover' });
    }
  }
  for (const srv of dns.srv) {
    for (const m of ctx.catalog.matchSrv(srv.target).filter(isMailbox)) votes.add(m.slug, S.srv, fromMatch(m, { context: srv.name }));
  }
  for (const token of dns.verificationTokens) {
    for (const m of ctx.catalog.matchVerificationToken(token).filter(isMailbox)) votes.add(m.slug, m.weak ? S.weakToken : S.token, fromMatch(m));
  }
  return votes.pick(unknown('no-evidence', 'no mailbox-provider evidence besides MX').reason);
}

/** SPF includes as mailbox evidence. A bulk sender's include never is, even when its catalog entry receives mail too (SendGrid's Inbound Parse MX). */
function addSpfVotes(ctx: ClassifyContext, votes: Votes): void {
  for (const include of ctx.dns?.spf?.includes ?? []) {
    if (BULK_SENDERS.has(registrableDomain(include) ?? '')) continue;
    for (const m of ctx.catalog.matchSpfInclude(include).filter(isMailbox)) votes.add(m.slug, S.spf, fromMatch(m));
  }
}

function selfHostedMail(ctx: ClassifyContext, dns: DnsResult, mx: MxHost[]): Answer {
  const own = mx.filter((h) => insideDomain(h.host, dns.domain));
  if (own.length === 0) return unknown('no-evidence', `MX ${mx[0]?.host ?? ''} is not in the catalog`);
  const votes = new Votes();
  let hostedBy: CatalogMatch | null = null;
  for (const host of own) {
    for (const ip of host.addresses) {
      const info = addressInfo(dns, ip);
      const line = accessLineOf(ctx.catalog, info);
      if (line) {
        const notes = ['access network', ...(line.cataloged ? [] : ['uncatalogued ISP'])];
        votes.add('self-hosted', S.selfHosted, { kind: 'network', observed: describeAddress(info), names: line.name, context: `MX ${host.host}`, notes });
      }
      hostedBy ??= info.asn ? ctx.catalog.matchAsn(info.asn.asn).find((m) => !m.provider.kinds.includes('isp')) ?? null : null;
    }
  }
  const [self] = votes.ranked();
  if (self) return known('self-hosted', self.evidence.length > 1 ? S.selfHostedCorroborated : S.selfHosted, self.evidence);
  if (hostedBy?.provider.kinds.includes('email')) return known(hostedBy.slug, S.ownMxAtHost, [fromMatch(hostedBy, { context: `MX ${own[0]?.host ?? ''}` })]);
  const where = hostedBy ? ` on ${hostedBy.slug}'s network` : '';
  return unknown('owner-unknown', `MX ${own[0]?.host ?? ''} is inside the domain${where}; who runs it is unknown`);
}

/** Mail server names. An SPF ip4 or a: sender is not one: offices list their line for a scanner or an app that sends. */
const MAIL_HOST_ROLES = new Set(['host:mail', 'host:smtp', 'host:webmail', 'host:owa', 'host:exchange', 'host:autodiscover']);

/**
 * A gateway relays to the real mail server: when no provider is named behind it, mail
 * hosts (mail., owa., autodiscover.) on the business's own access line say the mailboxes
 * are on premises.
 */
function onPremisesBehindGateway(ctx: ClassifyContext, dns: DnsResult): Answer {
  const votes = new Votes();
  for (const info of dns.addresses) {
    const roles = info.roles.filter((r) => MAIL_HOST_ROLES.has(r.role));
    if (roles.length === 0) continue;
    const line = accessLineOf(ctx.catalog, info);
    if (line) {
      const context = roles.map((r) => r.hostname).join(', ');
      votes.add('self-hosted', S.behindGateway, { kind: 'network', observed: describeAddress(info), names: line.name, context, notes: ['access network behind the gateway'] });
    }
  }
  const [self] = votes.ranked();
  if (!self) return unknown('no-evidence', 'no mail host of its own behind the gateway');
  return known('self-hosted', self.evidence.length > 1 ? S.behindGatewayCorroborated : S.behindGateway, self.evidence);
}

/** Behind a gateway: the one SPF include that is neither catalogued, the gateway's, the domain's own nor a bulk sender. */
function uncataloguedSpfMailbox(ctx: ClassifyContext, dns: DnsResult, mx: MxHost[]): Answer | null {
  const excluded = new Set([dns.domain, ...mx.map((h) => registrableDomain(h.host) ?? '')]);
  const named = new Map<string, string>();
  for (const include of dns.spf?.includes ?? []) {
    const domain = registrableDomain(include);
    if (!domain || excluded.has(domain) || BULK_SENDERS.has(domain)) continue;
    if (ctx.catalog.matchSpfInclude(include).length > 0 || ownedByCatalog(ctx.catalog, include)) continue;
    if (!named.has(domain)) named.set(domain, include);
  }
  if (named.size !== 1) return null;
  const [[domain, include]] = [...named.entries()] as [[string, string]];
  return known(domain, S.uncataloguedSpf, [{ kind: 'spf', observed: include, names: domain, notes: ['uncatalogued', 'the one include behind the gateway'] }], false);
}

function lookupFailed(dns: DnsResult, type: string): boolean {
  return dns.failures.some((f) => f.type === type && f.name.toLowerCase().replace(/\.$/, '') === dns.domain);
}
