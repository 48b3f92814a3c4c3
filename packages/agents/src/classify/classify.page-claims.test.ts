// The platform above the serving network, named by what the page says of itself: its footer
// credit ("Made with Carrd"), a header spelling a provider's name, a cloud's front end that
// only says who serves the bytes; and the VoIP service a SIP record points at.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.loader.ts';
import { loadPlaybook } from '../playbook/playbook.ts';
import type { AsnInfo } from '../ports.ts';
import type { ClassifyInput, VerifyResult } from '../types.ts';
import { runClassifyAgent } from './classify.agent.ts';
import { address, asn, classifyInput, dns, host, mx, search, spf, verified } from './classify.fixtures.ts';

const catalog = loadCatalog();
const classify = (input: ClassifyInput) => runClassifyAgent(input, { catalog, playbook: loadPlaybook() });
const D = 'acmetool.com';
const IP = '198.51.100.20';
const LINODE = asn(63949, 'AKAMAI-LINODE-AP Akamai Connected Cloud, SG');
const GOOGLE = asn(396982, 'GOOGLE-CLOUD-PLATFORM - Google LLC, US');

/** A verified site served from IP on `as`, with the page changed by `page` and the given headers and www CNAME chain. */
function siteOn(as: AsnInfo, page: Partial<NonNullable<VerifyResult['page']>>, headers: Record<string, string> = {}, cname: string[] = [], ptr: string | null = null): ClassifyInput {
  const site = verified(D);
  site.page = { ...site.page!, ...page };
  site.fetch.headers = headers;
  site.fetch.remoteAddress = IP;
  const records = dns(D, {
    apex: { a: [IP], aaaa: [] },
    ...(cname.length > 0 ? { www: host('www', D, [IP], cname) } : {}),
    addresses: [address(IP, 'apex', D, as, ptr)],
  });
  return classifyInput({ search: search({ candidates: [{ domain: D, sources: ['list-website'], score: 0.9, evidence: [] }] }), dns: [records], verify: [site] });
}

describe('a page crediting its platform', () => {
  it('names a catalogued builder from its "Made with" link, above the cloud it runs on', () => {
    const r = classify(siteOn(LINODE, { creditHosts: ['carrd.co'] }));
    expect([r.webHost, r.cataloged.webHost]).toEqual(['carrd', true]);
    expect(r.cms).toBe('carrd');
    expect(r.evidence.webHost).toContain('credit link to carrd.co → carrd (page credit)');
  });

  it('reads "Proudly powered by WordPress" as the CMS, never as the web host', () => {
    const r = classify(siteOn(asn(14061, 'DigitalOcean, LLC'), { creditHosts: ['wordpress.org'] }));
    expect(r.cms).toBe('wordpress');
    expect(r.webHost).toBe('digitalocean');
  });

  it('takes an uncatalogued credit only when other evidence names the same brand, and counts one brand\'s domains as one', () => {
    const alone = classify(siteOn(LINODE, { creditHosts: ['www.zyxtheme.com'] }));
    expect(alone.webHost).toBe('linode');
    // The CNAME names zyxsites.page, the credit and the assets zyxsites.com: one platform, named by its .com.
    const r = classify(siteOn(LINODE, { creditHosts: ['www.zyxsites.com'], metaGenerator: 'Zyxsites', assetHosts: ['static.zyxsites.com'] }, {}, ['shop42.zyxsites.page']));
    expect([r.webHost, r.cataloged.webHost]).toEqual(['zyxsites.com', false]);
    expect(r.evidenceItems.webHost?.map((e) => e.kind).sort()).toEqual(['asset-host', 'cname', 'credit-link']);
  });
});

describe('a header naming the provider', () => {
  it('names Pressable over the Automattic network it shares with WordPress.com', () => {
    const automattic = asn(2635, 'AUTOMATTIC - Automattic, Inc, US');
    expect(classify(siteOn(automattic, { metaGenerator: 'WordPress 6.5' })).webHost).toBe('wordpress-com');
    const r = classify(siteOn(automattic, { metaGenerator: 'WordPress 6.5' }, { 'x-powered-by': 'Pressable' }));
    expect([r.webHost, r.cataloged.webHost]).toEqual(['pressable', true]);
    expect(r.cms).toBe('wordpress');
  });

  it('names WP Engine from "x-powered-by: WP Engine" on a cloud\'s addresses', () => {
    expect(classify(siteOn(GOOGLE, {}, { 'x-powered-by': 'WP Engine' })).webHost).toBe('wp-engine');
  });

  it('reads software in x-powered-by as nothing', () => {
    for (const value of ['PHP/8.2.1', 'Express', 'ASP.NET', 'Next.js']) expect(classify(siteOn(LINODE, {}, { 'x-powered-by': value })).webHost, value).toBe('linode');
  });
});

describe('a cloud\'s front end', () => {
  it('is the network under a builder its CNAME and generator name, not the web host', () => {
    const r = classify(siteOn(GOOGLE, { metaGenerator: 'Zyxbuild', assetHosts: ['assets.zyxbuild.co'] }, { server: 'Google Frontend' }, ['bakery.zyxbuild.co']));
    expect([r.webHost, r.cataloged.webHost]).toEqual(['zyxbuild.co', false]);
  });

  it('is the web host when nothing names a platform above it (an App Engine site)', () => {
    expect(classify(siteOn(GOOGLE, {}, { server: 'Google Frontend' })).webHost).toBe('google-cloud');
  });
});

it('names a host by its own reverse names whatever uncatalogued software the site runs', () => {
  const vultr = asn(20473, 'AS-VULTR - The Constant Company, LLC, US');
  const r = classify(siteOn(vultr, { metaGenerator: 'Zyxfinity' }, { server: 'Microsoft-IIS/10.0' }, [], 'host880.zyxhosting.com'));
  expect([r.webHost, r.cataloged.webHost]).toEqual(['zyxhosting.com', false]);
  // On the cloud's own reverse names the platform stays unknown, the network said.
  const bare = classify(siteOn(vultr, { metaGenerator: 'Zyxfinity' }, {}, [], '20.100.51.198.vultrusercontent.com'));
  expect(bare.webHost).toBeNull();
  expect(bare.unknownReasons.webHost).toBe('platform unknown, network vultr');
});

it('hosts installed software its generator versions (an uncatalogued CMS) at the network serving it, as WordPress on a VPS', () => {
  const cloudflare = asn(13335, 'CLOUDFLARENET - Cloudflare, Inc., US');
  const r = classify(siteOn(cloudflare, { metaGenerator: 'Zyxfinity 14.4.8100.0 DX' }, { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-CMH' }));
  expect(r.webHost).toBe('cloudflare');
  expect([r.cms, r.cataloged.cms]).toEqual(['zyxfinity', false]);
});

describe('VoIP service the catalog lacks', () => {
  const withDns = (overrides: Parameters<typeof dns>[1]) => classify(classifyInput({ search: search({ candidates: [{ domain: D, sources: ['list-website'], score: 0.9, evidence: [] }] }), dns: [dns(D, overrides)], verify: [verified(D)] }));
  const srv = (name: string, target: string) => ({ name: `${name}.${D}`, target, port: 5060, priority: 10, weight: 10 });

  it('is the registrable domain a SIP SRV record or a sip. CNAME points at', () => {
    const bySrv = withDns({ srv: [srv('_sip._udp', 'sip.zyxphone.com')] });
    expect([bySrv.voipProvider, bySrv.cataloged.voipProvider]).toEqual(['zyxphone.com', false]);
    const byCname = withDns({ hosts: [host('sip', D, ['203.0.113.40'], ['us-west.sip.zyxroute.com'])] });
    expect(byCname.voipProvider).toBe('zyxroute.com');
  });

  it('names nothing for an autodiscover SRV, a SIP server inside the domain or on a cloud\'s generic host names', () => {
    expect(withDns({ srv: [srv('_autodiscover._tcp', 'autodiscover.zyxmail.net')] }).voipProvider).toBeNull();
    expect(withDns({ srv: [srv('_sip._udp', `pbx.${D}`)] }).voipProvider).toBeNull();
    expect(withDns({ srv: [srv('_sip._udp', '45-77-1-2.vultrusercontent.com')] }).voipProvider).toBeNull();
  });
});

it('names the mailbox host behind ExchangeDefender from the SPF include beside the gateway\'s', () => {
  const r = classify(classifyInput({
    search: search({ candidates: [{ domain: D, sources: ['list-website'], score: 0.9, evidence: [] }] }),
    dns: [dns(D, { mx: [mx('inbound30.exchangedefender.com', 10)], spf: spf(['_spf.exchangedefender.com', 'spf.zyxmail.space']) })],
    verify: [verified(D)],
  }));
  expect(r.emailGateway).toBe('exchangedefender');
  expect([r.emailProvider, r.cataloged.emailProvider]).toEqual(['zyxmail.space', false]);
});
