// A market that moves between two scans: explicit, minimal edits of one business's DNS in
// a running simnet, each updating the business's ground truth so a test can compare the
// change events with what really changed. (Not a random evolution generator: each call
// is one change a test names.)
import { reverseName } from './address-plan.ts';
import { blockAddress, blockByKey } from './as-blocks.data.ts';
import { ispPtrName, type IspSlug } from './isp.footprint.ts';
import type { Business, Market, SimRecord } from './market.types.ts';
import { CITIES } from './region.data.ts';
import type { Simnet } from './simnet.ts';

export class EvolutionError extends Error {
  override readonly name = 'EvolutionError';
}

/** What one edit changed: field, before, after (ground truth for precision/recall). */
export interface TruthChange {
  recordId: string;
  field: 'emailProvider' | 'isp';
  from: string | null;
  to: string | null;
}

function domainOf(business: Business): string {
  if (!business.truth.domain) throw new EvolutionError(`business ${business.recordId} has no domain to evolve`);
  return business.truth.domain;
}

function replaceSpf(simnet: Simnet, domain: string, rewrite: (spf: string) => string | null): void {
  const txt = simnet.zone.get(domain, 'TXT');
  const kept: SimRecord[] = [];
  for (const r of txt) {
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

/** Mail moves from Google Workspace to Microsoft 365: MX and SPF in Microsoft's shape. */
export function moveMailToMicrosoft(simnet: Simnet, market: Market, business: Business): TruthChange {
  const domain = domainOf(business);
  if (business.truth.emailGateway) throw new EvolutionError(`business ${business.recordId} has a mail gateway in front of its MX`);
  const from = business.truth.emailProvider;
  const host = `${domain.replaceAll('.', '-')}.mail.protection.outlook.com`;
  simnet.zone.remove(domain, 'MX');
  simnet.addZoneRecords([
    { name: domain, type: 'MX', preference: 0, exchange: host },
    { name: host, type: 'A', value: blockAddress(market.octet, blockByKey('microsoft'), 3) },
  ]);
  replaceSpf(simnet, domain, (spf) => spf.replace(/include:_spf\.google\.com/g, 'include:spf.protection.outlook.com'));
  business.truth.emailProvider = 'microsoft-365';
  return { recordId: business.recordId, field: 'emailProvider', from, to: 'microsoft-365' };
}

/**
 * Remembers a business's mail records as they are now; the returned function puts them
 * back (a change that reverts at the next scan: flapping).
 */
export function saveMail(simnet: Simnet, business: Business): () => TruthChange {
  const domain = domainOf(business);
  const mx = simnet.zone.get(domain, 'MX');
  const txt = simnet.zone.get(domain, 'TXT');
  const provider = business.truth.emailProvider;
  return () => {
    const from = business.truth.emailProvider;
    simnet.zone.remove(domain, 'MX');
    simnet.zone.remove(domain, 'TXT');
    simnet.addZoneRecords([...mx, ...txt]);
    business.truth.emailProvider = provider;
    return { recordId: business.recordId, field: 'emailProvider', from, to: provider };
  };
}

/** Mail goes dark: no MX, no SPF (the mailbox host can no longer be seen). */
export function hideMail(simnet: Simnet, business: Business): TruthChange {
  const domain = domainOf(business);
  const from = business.truth.emailProvider;
  simnet.zone.remove(domain, 'MX');
  replaceSpf(simnet, domain, () => null);
  for (const label of ['autodiscover', '_autodiscover._tcp']) simnet.zone.remove(`${label}.${domain}`);
  business.truth.emailProvider = null;
  return { recordId: business.recordId, field: 'emailProvider', from, to: null };
}

/**
 * The office changes Internet provider: every host of the domain on the old ISP address
 * (and SPF ip4: of it) moves to a fresh static address of `to`, with `to`'s reverse name.
 * `slot` picks the new address inside `to`'s block: give each call its own.
 */
export function changeIsp(simnet: Simnet, market: Market, business: Business, to: IspSlug, slot: number): TruthChange {
  const domain = domainOf(business);
  if (!business.truth.ispObservable) throw new EvolutionError(`business ${business.recordId} runs no host of its own: its ISP is not observable`);
  const from = business.truth.isp;
  const old = officeAddress(market, domain, from);
  const next = blockAddress(market.octet, blockByKey(to), 200 + slot);
  const names = market.records.filter((r) => r.type === 'A' && r.value === old && (r.name === domain || r.name.endsWith(`.${domain}`))).map((r) => r.name);
  for (const name of new Set(names)) {
    const others = simnet.zone.get(name, 'A').filter((r) => r.type === 'A' && r.value !== old);
    simnet.zone.remove(name, 'A');
    simnet.addZoneRecords([...others, { name, type: 'A', value: next }]);
  }
  replaceSpf(simnet, domain, (spf) => spf.replaceAll(`ip4:${old}`, `ip4:${next}`));
  const city = CITIES.find((c) => c.name === business.city) ?? CITIES[0]!;
  simnet.addZoneRecords([{ name: reverseName(next), type: 'PTR', value: ispPtrName(to, next, city) }]);
  business.truth.isp = to;
  return { recordId: business.recordId, field: 'isp', from, to };
}

/** The office address: an A record of the domain inside the ISP's block. */
function officeAddress(market: Market, domain: string, isp: string): string {
  const block = market.asBlocks.find((b) => b.key === isp);
  if (!block) throw new EvolutionError(`no AS block for ISP ${isp}`);
  const inBlock = (ip: string) => {
    const third = Number(ip.split('.')[2]);
    return third >= block.start && third < block.start + block.size;
  };
  const hit = market.records.find((r) => r.type === 'A' && (r.name === domain || r.name.endsWith(`.${domain}`)) && inBlock(r.value));
  if (!hit || hit.type !== 'A') throw new EvolutionError(`no host of ${domain} on ${isp}'s addresses`);
  return hit.value;
}
