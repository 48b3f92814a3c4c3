// A market that moves between two scans: explicit, minimal edits of one business's DNS in
// a running simnet, each updating the business's ground truth so a test can compare the
// change events with what really changed. (Not a random evolution generator: each call
// is one change a test names.) Records are written from the provider specification, in
// the shapes the generator itself writes, so a moved business looks like a generated one.
import { reverseName } from './address-plan.ts';
import { blockAddress, blockByKey } from './as-blocks.data.ts';
import { ispTruth, providerTruth } from './footprint.generator.ts';
import type { AsBlock, Business, Market, ProviderTruth, SimRecord, SimRecordType } from './market.types.ts';
import { createRng, hashString } from './prng.ts';
import { CITIES } from './region.data.ts';
import type { Simnet } from './simnet.ts';
import * as spec from './spec/index.ts';
import type { IspSpec, MailSpec } from './spec/spec.types.ts';
import { TemplateScope } from './spec/template.ts';

export class EvolutionError extends Error {
  override readonly name = 'EvolutionError';
}

/** What one edit changed: field, before, after (ground truth for precision/recall). */
export interface TruthChange {
  recordId: string;
  field: 'emailProvider' | 'isp';
  from: ProviderTruth | null;
  to: ProviderTruth | null;
}

const ALL_TYPES: readonly SimRecordType[] = ['A', 'AAAA', 'MX', 'NS', 'CNAME', 'TXT', 'SRV', 'SOA', 'PTR'];

function domainOf(business: Business): string {
  if (!business.truth.domain) throw new EvolutionError(`business ${business.recordId} has no domain to evolve`);
  return business.truth.domain;
}

/** The spec entry a truth was made from (truths carry names, not spec ids). */
function specOf<T extends { id: string; name: string; domains: readonly string[] }>(kind: string, entries: readonly T[], truth: ProviderTruth): T {
  const found = entries.find((e) => e.name === truth.name && e.domains[0] === truth.domains[0]);
  if (!found) throw new EvolutionError(`no ${kind} in the spec is ${truth.name}`);
  return found;
}

/** Each edit gets its own deterministic draws: the same edit of the same market writes the same records. */
function scopeFor(what: string, context: { domain?: string; ip?: string; city?: string }): TemplateScope {
  return new TemplateScope(createRng(hashString(`evolution ${what}`)), context);
}

function replaceSpf(simnet: Simnet, domain: string, rewrite: (spf: string) => string | null): void {
  const kept: SimRecord[] = [];
  for (const r of simnet.zone.get(domain, 'TXT')) {
    if (r.type !== 'TXT') continue;
    if (!r.value.startsWith('v=spf1')) kept.push(r);
    else {
      const next = rewrite(r.value);
      if (next) kept.push({ ...r, value: next });
    }
  }
  simnet.zone.remove(domain, 'TXT');
  simnet.addZoneRecords(kept);
}

/** Names (relative to the domain) a mailbox host writes CNAMEs at, when they are literal. */
function tokenLabels(mail: MailSpec): string[] {
  return (mail.cnames ?? []).map((c) => c.label).filter((label) => !label.includes('{'));
}

/** The part of a TXT token before its value ("MS=ms{d:8}" → "MS="): how to recognise one. */
function tokenPrefixes(mail: MailSpec): string[] {
  return (mail.txt ?? []).map((t) => t.split('{')[0] ?? t).filter((p) => p !== '');
}

function hostedMailbox(business: Business, what: string): { truth: ProviderTruth; mail: MailSpec } {
  const truth = business.truth.emailProvider;
  if (!truth || truth.selfHosted) throw new EvolutionError(`business ${business.recordId} has no hosted mailbox to ${what}`);
  return { truth, mail: specOf('mailbox host', spec.MAILBOX_HOSTS, truth) };
}

/**
 * Mail moves to Microsoft 365: MX, SPF, verification token and autodiscover in the shape
 * Microsoft's setup guide publishes (the spec's 'microsoft' entry, its usual MX form).
 */
export function moveMailToMicrosoft(simnet: Simnet, market: Market, business: Business): TruthChange {
  const domain = domainOf(business);
  if (business.truth.emailGateway) throw new EvolutionError(`business ${business.recordId} has a mail gateway in front of its MX`);
  const { truth: from, mail: old } = hostedMailbox(business, 'move');
  const microsoft = spec.mailboxHost('microsoft');
  if (old.id === microsoft.id) throw new EvolutionError(`business ${business.recordId} is already on ${microsoft.name}`);
  const scope = scopeFor(`microsoft ${domain}`, { domain });
  const form = microsoft.forms[0];
  if (!form) throw new EvolutionError(`the spec's ${microsoft.name} has no MX form`);
  const mx = form.mx.map((m) => ({ preference: m.preference, exchange: scope.expand(m.host) }));
  simnet.zone.remove(domain, 'MX');
  for (const label of tokenLabels(old)) simnet.zone.remove(`${label}.${domain}`);
  simnet.addZoneRecords(mx.map((m) => ({ name: domain, type: 'MX', ...m })));
  mx.forEach((m, i) => {
    if (!simnet.zone.has(m.exchange)) simnet.addZoneRecords([{ name: m.exchange, type: 'A', value: blockAddress(market.octet, blockByKey(microsoft.network), i) }]);
  });
  const oldPrefixes = tokenPrefixes(old);
  replaceSpf(simnet, domain, (spf) => (old.spf && microsoft.spf ? spf.replaceAll(old.spf, microsoft.spf) : spf));
  const txt = simnet.zone.get(domain, 'TXT').filter((r) => r.type !== 'TXT' || !oldPrefixes.some((p) => r.value.startsWith(p)));
  simnet.zone.remove(domain, 'TXT');
  simnet.addZoneRecords([...txt, ...(microsoft.txt ?? []).map((t): SimRecord => ({ name: domain, type: 'TXT', value: scope.expand(t) }))]);
  simnet.addZoneRecords((microsoft.cnames ?? []).map((c): SimRecord => ({ name: `${scope.expand(c.label)}.${domain}`, type: 'CNAME', value: scope.expand(c.target) })));
  const to = providerTruth(microsoft, true);
  business.truth.emailProvider = to;
  return { recordId: business.recordId, field: 'emailProvider', from, to };
}

/** The names a mail edit may touch: the domain (MX, TXT) and every mailbox host's token names. */
function mailNames(domain: string): string[] {
  return [...new Set(spec.MAILBOX_HOSTS.flatMap(tokenLabels))].map((label) => `${label}.${domain}`);
}

/**
 * Remembers a business's mail records as they are now; the returned function puts them
 * back (a change that reverts at the next scan: flapping).
 */
export function saveMail(simnet: Simnet, business: Business): () => TruthChange {
  const domain = domainOf(business);
  const mx = simnet.zone.get(domain, 'MX');
  const txt = simnet.zone.get(domain, 'TXT');
  const tokens = mailNames(domain).flatMap((name) => ALL_TYPES.flatMap((type) => simnet.zone.get(name, type)));
  const provider = business.truth.emailProvider;
  return () => {
    const from = business.truth.emailProvider;
    simnet.zone.remove(domain, 'MX');
    simnet.zone.remove(domain, 'TXT');
    for (const name of mailNames(domain)) simnet.zone.remove(name);
    simnet.addZoneRecords([...mx, ...txt, ...tokens]);
    business.truth.emailProvider = provider;
    return { recordId: business.recordId, field: 'emailProvider', from, to: provider };
  };
}

/** Mail goes dark: no MX, no SPF, none of the mailbox host's tokens (nothing shows a mailbox host). */
export function hideMail(simnet: Simnet, business: Business): TruthChange {
  const domain = domainOf(business);
  const { truth: from, mail } = hostedMailbox(business, 'hide');
  simnet.zone.remove(domain, 'MX');
  replaceSpf(simnet, domain, () => null);
  const prefixes = tokenPrefixes(mail);
  const txt = simnet.zone.get(domain, 'TXT').filter((r) => r.type !== 'TXT' || !prefixes.some((p) => r.value.startsWith(p)));
  simnet.zone.remove(domain, 'TXT');
  simnet.addZoneRecords(txt);
  for (const name of mailNames(domain)) simnet.zone.remove(name);
  business.truth.emailProvider = null;
  return { recordId: business.recordId, field: 'emailProvider', from, to: null };
}

function inBlock(block: AsBlock, ip: string): boolean {
  const third = Number(ip.split('.')[2]);
  return third >= block.start && third < block.start + block.size;
}

const underDomain = (name: string, domain: string) => name === domain || name.endsWith(`.${domain}`);

/** The office address: an A record of the domain, or an SPF ip4: of it, inside the ISP's block. */
function officeAddress(market: Market, domain: string, block: AsBlock): string {
  for (const r of market.records) {
    if (!underDomain(r.name, domain)) continue;
    if (r.type === 'A' && inBlock(block, r.value)) return r.value;
    if (r.type === 'TXT' && r.name === domain && r.value.startsWith('v=spf1')) {
      const ip = r.value.split(' ').find((m) => m.startsWith('ip4:') && inBlock(block, m.slice(4)));
      if (ip) return ip.slice(4);
    }
  }
  throw new EvolutionError(`no host of ${domain} on the addresses of AS${block.asn}`);
}

/**
 * The office changes Internet provider: every host of the domain on the old ISP address
 * (and SPF ip4: of it) moves to a fresh static address of `to` (an ISP id of the spec,
 * such as 'att' or 'charter'), with `to`'s reverse name. `slot` picks the new address
 * inside `to`'s block, above those the generator hands out: give each call its own.
 */
export function changeIsp(simnet: Simnet, market: Market, business: Business, to: string, slot: number): TruthChange {
  const domain = domainOf(business);
  const from = business.truth.isp;
  if (!from.observable) throw new EvolutionError(`business ${business.recordId} shows no office address: its ISP is not observable`);
  const old: IspSpec = specOf('ISP', spec.ISPS, from);
  const next: IspSpec = spec.isp(to);
  if (next.id === old.id) throw new EvolutionError(`business ${business.recordId} is already on ${next.name}`);
  const oldAddress = officeAddress(market, domain, blockByKey(old.network.id));
  const nextAddress = blockAddress(market.octet, blockByKey(next.network.id), 200 + slot);
  const names = market.records.filter((r) => r.type === 'A' && r.value === oldAddress && underDomain(r.name, domain)).map((r) => r.name);
  for (const name of new Set(names)) {
    const others = simnet.zone.get(name, 'A').filter((r) => r.type === 'A' && r.value !== oldAddress);
    simnet.zone.remove(name, 'A');
    simnet.addZoneRecords([...others, { name, type: 'A', value: nextAddress }]);
  }
  replaceSpf(simnet, domain, (spf) => spf.replaceAll(`ip4:${oldAddress}`, `ip4:${nextAddress}`));
  const city = CITIES.find((c) => c.name === business.city) ?? CITIES[0]!;
  const ptr = scopeFor(`ptr ${nextAddress}`, { ip: nextAddress, city: city.code }).expand(next.ptr);
  simnet.zone.remove(reverseName(nextAddress));
  simnet.addZoneRecords([{ name: reverseName(nextAddress), type: 'PTR', value: ptr }]);
  const truth = ispTruth(next, true);
  business.truth.isp = truth;
  return { recordId: business.recordId, field: 'isp', from, to: truth };
}
