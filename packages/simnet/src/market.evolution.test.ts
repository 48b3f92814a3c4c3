// The evolution edits change what the running simnet answers and the business's truth
// together, in the spec's record shapes, and refuse a business they cannot apply to by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockByKey } from './as-blocks.data.ts';
import { reverseName } from './address-plan.ts';
import { generateMarket } from './market.generator.ts';
import { changeIsp, EvolutionError, hideMail, moveMailToMicrosoft, saveMail } from './market.evolution.ts';
import type { Business, Market, SimRecord } from './market.types.ts';
import { startSimnet, type Simnet } from './simnet.ts';

const OCTET = 124;
let market: Market;
let simnet: Simnet;

beforeAll(async () => {
  market = generateMarket({ seed: 1717, size: 120, octet: OCTET });
  simnet = await startSimnet({ market });
});
afterAll(async () => simnet?.close());

const owns = (b: Business) => b.truth.presence === 'website' && b.truth.domain !== null;
const onGoogle = (b: Business) => owns(b) && !b.truth.emailGateway && b.truth.emailProvider?.domains.includes('google.com') === true;
const values = (records: SimRecord[]) => records.map((r) => (r.type === 'MX' ? r.exchange : r.type === 'SOA' || r.type === 'SRV' ? '' : r.value));
const spf = (domain: string) => values(simnet.zone.get(domain, 'TXT')).filter((v) => v.startsWith('v=spf1'));

describe('market evolution', () => {
  it('moves Google mail to Microsoft 365 and puts it back', () => {
    const b = market.businesses.find(onGoogle)!;
    const domain = b.truth.domain!;
    const before = { mx: values(simnet.zone.get(domain, 'MX')), txt: values(simnet.zone.get(domain, 'TXT')) };
    const restore = saveMail(simnet, b);
    const change = moveMailToMicrosoft(simnet, market, b);

    expect(values(simnet.zone.get(domain, 'MX'))).toEqual([`${domain.replaceAll('.', '-')}.mail.protection.outlook.com`]);
    expect(spf(domain).join(' ')).toContain('include:spf.protection.outlook.com');
    expect(spf(domain).join(' ')).not.toContain('_spf.google.com');
    expect(values(simnet.zone.get(`autodiscover.${domain}`, 'CNAME'))).toEqual(['autodiscover.outlook.com']);
    expect(change).toMatchObject({ recordId: b.recordId, field: 'emailProvider', from: { name: 'Google Workspace' }, to: { name: 'Microsoft 365', observable: true } });
    expect(b.truth.emailProvider?.name).toBe('Microsoft 365');

    expect(restore()).toMatchObject({ from: { name: 'Microsoft 365' }, to: { name: 'Google Workspace' } });
    expect({ mx: values(simnet.zone.get(domain, 'MX')), txt: values(simnet.zone.get(domain, 'TXT')) }).toEqual(before);
    expect(simnet.zone.has(`autodiscover.${domain}`)).toBe(false);
    expect(b.truth.emailProvider?.name).toBe('Google Workspace');
  });

  it('hides mail: no MX, no SPF, truth says no mailbox', () => {
    const b = market.businesses.filter(onGoogle)[1]!;
    const domain = b.truth.domain!;
    expect(hideMail(simnet, b)).toMatchObject({ field: 'emailProvider', from: { name: 'Google Workspace' }, to: null });
    expect(simnet.zone.get(domain, 'MX')).toEqual([]);
    expect(spf(domain)).toEqual([]);
    expect(b.truth.emailProvider).toBeNull();
    expect(() => hideMail(simnet, b)).toThrow(new EvolutionError(`business ${b.recordId} has no hosted mailbox to hide`));
  });

  it('moves an office to another ISP: its hosts and SPF ip4 get an address of the new AS with its reverse name', () => {
    const b = market.businesses.find((x) => owns(x) && x.truth.isp.observable && !x.truth.emailProvider?.selfHosted && !x.truth.webHost?.selfHosted && !x.truth.isp.domains.includes('att.com'))!;
    const domain = b.truth.domain!;
    const from = b.truth.isp;
    const change = changeIsp(simnet, market, b, 'att', 1);
    expect(change).toMatchObject({ field: 'isp', from: { name: from.name }, to: { name: 'AT&T', observable: true } });
    const att = blockByKey('att');
    const onAtt = (ip: string) => Number(ip.split('.')[2]) >= att.start && Number(ip.split('.')[2]) < att.start + att.size;
    const hosts = market.records.filter((r) => r.type === 'A' && (r.name === domain || r.name.endsWith(`.${domain}`))).map((r) => r.name);
    const addresses = [...new Set(hosts)].flatMap((name) => values(simnet.zone.get(name, 'A')));
    const ip4 = spf(domain).join(' ').split(' ').filter((m) => m.startsWith('ip4:')).map((m) => m.slice(4));
    const moved = [...addresses, ...ip4].filter(onAtt);
    expect(moved.length, 'an A record or SPF ip4: on AT&T').toBeGreaterThan(0);
    expect(values(simnet.zone.get(reverseName(moved[0]!), 'PTR'))[0]).toMatch(/\.lightspeed\.[a-z]+\.sbcglobal\.net$/);
    expect(() => changeIsp(simnet, market, b, 'att', 2)).toThrow(/is already on AT&T/);
    expect(() => changeIsp(simnet, market, b, 'no-such-isp', 2)).toThrow(/no ISP no-such-isp/);
  });

  it('refuses a business without a domain by name', () => {
    const b = market.businesses.find((x) => x.truth.domain === null)!;
    expect(() => moveMailToMicrosoft(simnet, market, b)).toThrow(`business ${b.recordId} has no domain to evolve`);
  });
});
