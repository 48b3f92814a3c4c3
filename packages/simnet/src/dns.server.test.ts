import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMarket } from './market.generator.ts';
import type { Market } from './market.types.ts';
import { startSimnet, type Simnet } from './simnet.ts';

const OCTET = 120;
let market: Market;
let net: Simnet;
let resolver: Resolver;

beforeAll(async () => {
  market = generateMarket({ seed: 11, size: 200, octet: OCTET });
  net = await startSimnet({ market, httpPort: 80, httpsPort: 443 });
  resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([net.dnsServers]);
});
afterAll(async () => {
  await net?.close();
});

const withTruth = (pred: (m: Market['businesses'][number]) => boolean): Market['businesses'][number] => {
  const b = market.businesses.find(pred);
  if (!b) throw new Error('market lacks the case under test');
  return b;
};

describe('dns server', () => {
  it('answers A, MX, TXT (SPF), NS and SOA of a business domain', async () => {
    const b = withTruth((x) => x.truth.emailProvider?.name === 'Google Workspace' && x.truth.domain !== null);
    const domain = b.truth.domain!;
    const a = await resolver.resolve4(domain);
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((ip) => ip.startsWith(`127.${OCTET}.`))).toBe(true);
    const mx = await resolver.resolveMx(domain);
    expect(mx.some((m) => m.exchange.endsWith('google.com'))).toBe(true);
    const txt = (await resolver.resolveTxt(domain)).map((parts) => parts.join(''));
    expect(txt.some((t) => t.startsWith('v=spf1') && t.includes('include:_spf.google.com'))).toBe(true);
    expect((await resolver.resolveNs(domain)).length).toBeGreaterThan(1);
    expect((await resolver.resolveSoa(domain)).nsname.length).toBeGreaterThan(0);
  });

  it('follows CNAME chains for any type asked at the name', async () => {
    const b = withTruth((x) => x.truth.webHost?.name === 'Squarespace');
    const www = `www.${b.truth.domain}`;
    expect(await resolver.resolveCname(www)).toEqual(['ext-cust.squarespace.com']);
    const a = await resolver.resolve4(www);
    expect(a[0]).toMatch(new RegExp(`^127\\.${OCTET}\\.1\\.`));
  });

  it('answers SRV for Teams and PTR for on-premises hosts', async () => {
    const teams = withTruth((x) => x.truth.voipProvider?.name === 'Microsoft Teams Phone');
    const srv = await resolver.resolveSrv(`_sipfederationtls._tcp.${teams.truth.domain}`);
    expect(srv[0]).toMatchObject({ name: 'sipfed.online.lync.com', port: 5061 });
    const ptrRecord = market.records.find((r) => r.type === 'PTR');
    if (!ptrRecord || ptrRecord.type !== 'PTR') throw new Error('no PTR in market');
    const ip = ptrRecord.name.replace('.in-addr.arpa', '').split('.').reverse().join('.');
    expect(await resolver.reverse(ip)).toEqual([ptrRecord.value]);
  });

  it('tells NXDOMAIN from NODATA', async () => {
    await expect(resolver.resolve4('no-such-business-here.com')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    const b = withTruth((x) => x.truth.domain !== null);
    await expect(resolver.resolveSrv(b.truth.domain!)).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('serves Team Cymru origin and AS records', async () => {
    const origin = (await resolver.resolveTxt(`1.64.${OCTET}.127.origin.asn.cymru.com`)).map((p) => p.join(''));
    expect(origin).toEqual([`7922 | 127.${OCTET}.64.0/20 | US | arin | 1997-02-14`]);
    const as = (await resolver.resolveTxt('AS7922.asn.cymru.com')).map((p) => p.join(''));
    expect(as[0]).toContain('COMCAST-7922 - Comcast Cable Communications, LLC, US');
  });

  it('truncates big UDP answers so the client retries over TCP, and splits long TXT strings', async () => {
    const long = 'x'.repeat(300);
    net.addZoneRecords(Array.from({ length: 12 }, (_, i) => ({ name: 'big.simnet-test.com', type: 'TXT' as const, value: `v${i}=${long}` })));
    const before = net.stats().dnsQueries;
    const txt = await resolver.resolveTxt('big.simnet-test.com');
    expect(txt).toHaveLength(12);
    expect(txt.every((parts) => parts.length === 2 && parts[0]!.length === 255)).toBe(true);
    // one UDP query (truncated) + one TCP retry
    expect(net.stats().dnsQueries - before).toBeGreaterThanOrEqual(2);
  });

  it('injects SERVFAIL and timeouts per name at run time', async () => {
    const b = withTruth((x) => x.truth.domain !== null);
    net.faults.set(b.truth.domain!, { type: 'servfail' });
    await expect(resolver.resolve4(b.truth.domain!)).rejects.toMatchObject({ code: 'ESERVFAIL' });
    net.faults.set(b.truth.domain!, { type: 'dns-timeout' });
    await expect(resolver.resolve4(b.truth.domain!)).rejects.toMatchObject({ code: 'ETIMEOUT' });
    net.faults.clear(b.truth.domain!);
    expect((await resolver.resolve4(b.truth.domain!)).length).toBeGreaterThan(0);
  });
});
