// Issue 13, "What was found": each fault of the classifier, reproduced with in-memory evidence.
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../catalog/catalog.ts';
import { loadCatalog } from '../catalog/catalog.loader.ts';
import { loadPlaybook } from '../playbook/playbook.ts';
import type { ClassifyInput } from '../types.ts';
import { runClassifyAgent } from './classify.agent.ts';
import { address, asn, classifyInput, dns, host, mx, prospect, search, spf, verified } from './classify.fixtures.ts';

const catalog = loadCatalog();
const playbook = loadPlaybook();
const classify = (input: ClassifyInput, c = catalog) => runClassifyAgent(input, { catalog: c, playbook });
const D = 'acmetool.com';
const withSite = (d: ClassifyInput['dns'][number], site = verified(D)): ClassifyInput =>
  classifyInput({ search: search({ candidates: [{ domain: D, sources: ['list-website'], score: 0.9, evidence: [] }] }), dns: [d], verify: [site] });
/** A regional ISP no catalog has (fictional, on a private ASN). */
const PVTC = asn(64601, 'PVTC-AS - Prairie Valley Telephone Cooperative, Inc., US');

describe('an SPF ip4 /29 block', () => {
  it('votes for the office\'s ISP once the DNS agent has looked its address up', () => {
    const r = classify(
      withSite(
        dns(D, {
          mx: [mx('acmetool-com.mail.protection.outlook.com', 0)],
          spf: spf(['spf.protection.outlook.com'], ['203.0.113.8/29']),
          addresses: [address('203.0.113.8', 'spf', D, PVTC, 'static-203-0-113-8.biz.pvtc.example')],
        }),
      ),
    );
    expect(r.isp).toBe('Prairie Valley Telephone Cooperative');
    expect(r.evidence.isp?.[0]).toMatch(/^SPF ip4:203\.0\.113\.8\/29: 203\.0\.113\.8 AS64601/);
  });
});

describe('an office seen only through its SPF a: host', () => {
  it('names the office\'s ISP from the host\'s address', () => {
    const r = classify(
      withSite(
        dns(D, {
          mx: [mx('acmetool-com.mail.protection.outlook.com', 0)],
          spf: { ...spf(['spf.protection.outlook.com'])!, aHosts: [`edge-gw7.${D}`] },
          addresses: [address('203.0.113.20', 'spf-a', `edge-gw7.${D}`, PVTC, null)],
        }),
      ),
    );
    expect(r.isp).toBe('Prairie Valley Telephone Cooperative');
    expect(r.evidence.isp?.[0]).toMatch(/^SPF a:edge-gw7\.acmetool\.com: 203\.0\.113\.20/);
  });
});

describe('an office line in SPF behind a gateway', () => {
  it('is not read as on-premises mailboxes (offices list their line for a scanner that sends)', () => {
    const r = classify(
      withSite(
        dns(D, {
          mx: [mx('mx0a-00123401.pphosted.com', 10)],
          spf: spf(['spf-00123401.pphosted.com'], ['203.0.113.8']),
          addresses: [address('203.0.113.8', 'spf', D, asn(7922, 'Comcast Cable Communications, LLC'), '203-0-113-8-static.hfc.comcastbusiness.net')],
        }),
      ),
    );
    expect(r.emailGateway).toBe('proofpoint');
    expect(r.emailProvider).toBeNull();
    expect(r.unknownCodes.emailProvider).toBe('gateway-hides-mailbox');
    expect(r.isp).toBe('comcast-business');
  });
});

describe('an on-premises mail server on an uncatalogued ISP\'s line', () => {
  it('is self-hosted mail, and the ISP is named from the same address', () => {
    const r = classify(
      withSite(
        dns(D, {
          mx: [mx(`mail.${D}`, 10, ['203.0.113.5'])],
          addresses: [address('203.0.113.5', 'mx', `mail.${D}`, PVTC, 'static-203-0-113-5.biz.pvtc.example')],
        }),
      ),
    );
    expect(r.emailProvider).toBe('self-hosted');
    expect(r.cataloged.emailProvider).toBe(true);
    expect(r.isp).toBe('Prairie Valley Telephone Cooperative');
  });

  it('is not self-hosted when the address is on a hosting network', () => {
    const r = classify(
      withSite(dns(D, { mx: [mx(`mail.${D}`, 10, ['198.51.100.5'])], addresses: [address('198.51.100.5', 'mx', `mail.${D}`, asn(64602, 'Zyxhost Servers LLC.'))] })),
    );
    expect(r.emailProvider).toBeNull();
    expect(r.unknownCodes.emailProvider).toBe('owner-unknown');
  });
});

describe('a hosting brand that also serves the domain\'s DNS', () => {
  it('is the DNS provider from its NS fingerprint whatever its kinds say', () => {
    const brand = { slug: 'hostbrand', name: 'Host Brand', kinds: ['web-host' as const], ns: ['ns.hostbrand.example'] };
    const c = createCatalog([...catalog.providers, brand]);
    const r = classify(withSite(dns(D, { ns: ['ns1.ns.hostbrand.example', 'ns2.ns.hostbrand.example'] })), c);
    expect(r.dnsProvider).toBe('hostbrand');
    expect(r.cataloged.dnsProvider).toBe(true);
    expect(r.evidenceItems.dnsProvider?.[0]?.kind).toBe('ns');
  });
});

describe('a site builder serving from a cloud provider\'s addresses', () => {
  it('is the builder (generator tag and asset hosts), not the cloud', () => {
    const site = verified(D);
    site.page = { ...site.page!, metaGenerator: 'Webflow', assetHosts: ['cdn.prod.website-files.com'] };
    site.fetch.headers = { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-ORD' };
    site.fetch.remoteAddress = '104.18.1.1';
    const r = classify(
      withSite(dns(D, { apex: { a: ['104.18.1.1'], aaaa: [] }, addresses: [address('104.18.1.1', 'apex', D, asn(13335, 'Cloudflare, Inc.'))] }), site),
    );
    expect(r.webHost).toBe('webflow');
    expect(r.cms).toBe('webflow');
    expect(r.evidenceItems.webHost?.map((e) => e.kind).sort()).toEqual(['asset-host', 'generator']);
  });
});

describe('a site builder\'s own shop', () => {
  const builderSite = (textSample: string) => {
    const site = verified(D);
    site.page = { ...site.page!, metaGenerator: 'Webflow', assetHosts: ['cdn.prod.website-files.com'], textSample };
    return classify(withSite(dns(D), site));
  };

  it('is the e-commerce platform when the builder serves a storefront, and none when its page sells nothing', () => {
    const shop = builderSite('spring catalogue · add to cart · checkout');
    expect(shop.ecommercePlatform).toBe('webflow');
    expect(shop.evidenceItems.ecommercePlatform?.some((e) => e.kind === 'storefront')).toBe(true);
    expect(builderSite('about us · contact').ecommercePlatform).toBeNull();
  });
});

describe('a builder the catalog says can sell, and a host that is a builder too', () => {
  const c = createCatalog([
    ...catalog.providers,
    { slug: 'blockbuilder', name: 'Block Builder', kinds: ['web-host', 'cms', 'ecommerce'], cname: ['blockbuilder.example'] },
    { slug: 'hostbuilder', name: 'Host Builder', kinds: ['web-host', 'cms'], httpHeaders: [{ name: 'x-hostbuilder' }] },
  ]);
  const onBuilder = (textSample: string) => {
    const site = verified(D);
    site.page = { ...site.page!, textSample };
    return classify(withSite(dns(D, { www: host('www', D, [], ['sites.blockbuilder.example']) }), site), c);
  };

  it('is no e-commerce platform until its page is a storefront', () => {
    expect(onBuilder('about us · contact').ecommercePlatform).toBeNull();
    expect(onBuilder('new arrivals · add to cart').ecommercePlatform).toBe('blockbuilder');
  });

  it('runs the WordPress its pages show, not the host\'s own builder', () => {
    const site = verified(D, { technologies: ['wordpress'] });
    site.fetch.headers = { 'x-hostbuilder': '1' };
    const r = classify(withSite(dns(D), site), c);
    expect(r.webHost).toBe('hostbuilder');
    expect(r.cms).toBe('wordpress');
  });
});

describe('a domain that carries the business\'s mail but no working website', () => {
  const darkSite = (verdict: 'unreachable' | 'rejected') =>
    verified(D, { verdict, authenticity: null, page: null, fetch: { ...verified(D).fetch, status: null, errorKind: verdict === 'unreachable' ? 'dns' : null } });
  const input = (verdict: 'unreachable' | 'rejected', mxHost = 'aspmx.l.google.com') =>
    classifyInput({
      prospect: prospect({ website: `www.${D}`, websiteDomain: D, emailDomain: D }),
      search: search({ candidates: [{ domain: D, sources: ['list-website', 'list-email'], score: 0.9, evidence: [] }] }),
      dns: [
        dns(D, {
          mx: [mx(mxHost, 1)],
          ns: ['ns51.domaincontrol.com', 'ns52.domaincontrol.com'],
          spf: spf(['_spf.google.com'], ['203.0.113.8/29']),
          addresses: [address('203.0.113.8', 'spf', D, asn(7922, 'Comcast Cable Communications, LLC'), '203-0-113-8-static.hfc.comcastbusiness.net')],
        }),
      ],
      verify: [darkSite(verdict)],
    });

  it('is not the business\'s own when it is an ISP\'s subscriber mail domain the catalog names; it hints the ISP instead', () => {
    const c = createCatalog([...catalog.providers, { slug: 'prairie-valley', name: 'Prairie Valley', kinds: ['isp'], mailDomains: ['pvtcmail.net'] }]);
    const r = classify(
      classifyInput({
        prospect: prospect({ emailDomain: 'pvtcmail.net' }),
        search: search({ candidates: [{ domain: 'pvtcmail.net', sources: ['list-email'], score: 0.75, evidence: [] }] }),
        dns: [dns('pvtcmail.net', { mx: [mx('mx.pvtcmail.net', 10)] })],
        verify: [darkSite('unreachable')],
      }),
      c,
    );
    expect(r.presence).toBe('none');
    expect(r.domain).toBeNull();
    expect(r.isp).toBe('prairie-valley');
    expect(r.confidence.isp).toBeLessThan(0.5);
  });

  it('is kept: presence no-website, with its mail, DNS and ISP answers; not when its site is someone else\'s or its MX a parking service\'s', () => {
    const r = classify(input('unreachable'));
    expect(r.presence).toBe('no-website');
    expect(r.domain).toBe(D);
    expect(r.emailProvider).toBe('google-workspace');
    expect(r.dnsProvider).toBe('godaddy');
    expect(r.isp).toBe('comcast-business');
    expect(r.webHost).toBeNull();
    expect(r.unknownCodes.webHost).toBe('no-website');
    expect(r.evidenceItems.presence?.map((e) => e.kind)).toEqual(['list-email', 'mx', 'spf-record', 'site']);
    expect(classify(input('rejected')).presence).toBe('none');
    const parking = createCatalog([...catalog.providers, { slug: 'parkco', name: 'ParkCo', kinds: ['parking'], mx: ['mail.parkco.example'] }]);
    expect(classify(input('unreachable', 'mx1.mail.parkco.example'), parking).presence).toBe('none');
  });
});
