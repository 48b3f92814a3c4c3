// Issue 13, part 2: when no catalog entry matches, the answer is what the evidence names,
// marked uncatalogued at a lower confidence, rather than null.
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../catalog/catalog.ts';
import { loadCatalog } from '../catalog/catalog.loader.ts';
import { loadPlaybook } from '../playbook/playbook.ts';
import type { ClassifyInput } from '../types.ts';
import { runClassifyAgent } from './classify.agent.ts';
import { address, asn, classifyInput, dns, host, mx, search, spf, verified } from './classify.fixtures.ts';
import { EMAIL_STRENGTH } from './strengths.ts';

const catalog = loadCatalog();
const classify = (input: ClassifyInput) => runClassifyAgent(input, { catalog, playbook: loadPlaybook() });
const D = 'acmetool.com';
const withSite = (d: ClassifyInput['dns'][number], site = verified(D)): ClassifyInput =>
  classifyInput({ search: search({ candidates: [{ domain: D, sources: ['list-website'], score: 0.9, evidence: [] }] }), dns: [d], verify: [site] });

/** A regional ISP no catalog has (fictional, on a private ASN), in Team Cymru's owner form. The
 * providers in these tests are fictional, so a wider catalog cannot make them catalogued. */
const PVTC = asn(64601, 'PVTC-AS - Prairie Valley Telephone Cooperative, Inc., US');

describe('e-mail host the catalog lacks', () => {
  it('is the MX target\'s registrable domain, uncatalogued and below a catalogued MX\'s confidence', () => {
    const r = classify(withSite(dns(D, { mx: [mx('mx1.quillmail.net', 10), mx('mx2.quillmail.net', 20)], spf: spf(['spf.quillmail.net']) })));
    expect(r.emailProvider).toBe('quillmail.net');
    expect(r.cataloged.emailProvider).toBe(false);
    expect(r.confidence.emailProvider).toBeLessThan(EMAIL_STRENGTH.mx);
    expect(r.evidenceItems.emailProvider?.map((e) => e.kind)).toEqual(['mx', 'spf']);
    expect(r.evidence.emailProvider).toContain('MX mx1.quillmail.net → quillmail.net (uncatalogued)');
    expect(r.emailGateway).toBeNull();
  });

  it('names an uncatalogued MX in front of Microsoft 365 (SPF and autodiscover) as the gateway, not the mailbox host', () => {
    const r = classify(
      withSite(
        dns(D, {
          mx: [mx('acmetool-com.in.zyxguard.net', 10)],
          spf: spf(['spf.protection.outlook.com']),
          hosts: [host('autodiscover', D, ['52.96.108.18'], ['autodiscover.outlook.com'])],
        }),
      ),
    );
    expect(r.emailProvider).toBe('microsoft-365');
    expect(r.cataloged.emailProvider).toBe(true);
    expect(r.emailGateway).toBe('zyxguard.net');
    expect(r.cataloged.emailGateway).toBe(false);
  });

  it('reads the mailbox host behind a catalogued gateway from the one SPF include that is not the gateway\'s or a bulk sender\'s', () => {
    const r = classify(
      withSite(dns(D, { mx: [mx('mx0a-00123401.pphosted.com', 10)], spf: spf(['spf-00123401.pphosted.com', 'sendgrid.net', 'spf.quillmail.net']) })),
    );
    expect(r.emailGateway).toBe('proofpoint');
    expect(r.emailProvider).toBe('quillmail.net');
    // A bulk sender's include is no mailbox host, even when a catalog entry receives mail for it.
    const c = createCatalog([...catalog.providers, { slug: 'sendgrid-inbound', name: 'SendGrid Inbound', kinds: ['email'], mx: ['mx.sendgrid.net'], spfIncludes: ['sendgrid.net'] }]);
    const sent = runClassifyAgent(withSite(dns(D, { mx: [mx('mx0a-00123401.pphosted.com', 10)], spf: spf(['sendgrid.net']) })), { catalog: c, playbook: loadPlaybook() });
    expect(sent.emailProvider).toBeNull();
    expect(r.cataloged.emailProvider).toBe(false);
  });
});

describe('DNS provider the catalog lacks', () => {
  it('is the NS hosts\' registrable domain', () => {
    const r = classify(withSite(dns(D, { ns: ['ns1.zonewright-dns.com', 'ns2.zonewright-dns.com'] })));
    expect(r.dnsProvider).toBe('zonewright-dns.com');
    expect(r.cataloged.dnsProvider).toBe(false);
    expect(r.confidence.dnsProvider).toBeLessThan(0.9);
  });

  it('counts one operator\'s name servers under two suffixes as one (ns1.zonewright.io, ns2.zonewright.org)', () => {
    const r = classify(withSite(dns(D, { ns: ['ns2.zonewright.org', 'ns1.zonewright.io'] })));
    expect(r.dnsProvider).toBe('zonewright.io');
    expect(r.confidence.dnsProvider).toBeGreaterThan(0.6);
  });

  it('stays unknown when the name servers are inside the domain', () => {
    const r = classify(withSite(dns(D, { ns: [`ns1.${D}`, `ns2.${D}`] })));
    expect(r.dnsProvider).toBeNull();
    expect(r.unknownCodes.dnsProvider).toBe('ns-inside-domain');
  });
});

describe('web host the catalog lacks', () => {
  it('names a platform from its CNAME target even on AWS addresses', () => {
    const aws = asn(16509, 'Amazon.com, Inc.');
    const r = classify(
      withSite(
        dns(D, {
          www: host('www', D, ['3.160.10.20'], ['sites.zyxpages.io']),
          apex: { a: ['3.160.10.20'], aaaa: [] },
          addresses: [address('3.160.10.20', 'www', `www.${D}`, aws)],
        }),
      ),
    );
    expect(r.webHost).toBe('zyxpages.io');
    expect(r.cataloged.webHost).toBe(false);
  });

  it('names a builder the catalog lacks, on AWS, by its generator tag\'s asset hosts, not as AWS', () => {
    const site = verified(D);
    site.page = { ...site.page!, metaGenerator: 'Pagecraft 6b0e3c9', assetHosts: ['cdn.pagecraftusercontent.com', 'fonts.gstatic.com'] };
    site.fetch.remoteAddress = '3.160.10.20';
    const r = classify(
      withSite(dns(D, { apex: { a: ['3.160.10.20'], aaaa: [] }, addresses: [address('3.160.10.20', 'apex', D, asn(16509, 'Amazon.com, Inc.'))] }), site),
    );
    expect(r.webHost).toBe('pagecraftusercontent.com');
    expect(r.cataloged.webHost).toBe(false);
    expect(r.cms).toBe('pagecraft');
    expect(r.cataloged.cms).toBe(false);
  });

  it('says "platform unknown, network cloudflare" for an unnamed platform behind Cloudflare', () => {
    const site = verified(D);
    // A brand alone, as hosted builders print it (a release number would say installed software).
    site.page = { ...site.page!, metaGenerator: 'Zyx' };
    site.fetch.headers = { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-ORD' };
    site.fetch.remoteAddress = '104.21.32.1';
    const r = classify(withSite(dns(D, { apex: { a: ['104.21.32.1'], aaaa: [] }, addresses: [address('104.21.32.1', 'apex', D, asn(13335, 'Cloudflare, Inc.'))] }), site));
    expect(r.webHost).toBeNull();
    expect(r.unknownCodes.webHost).toBe('platform-unknown');
    expect(r.unknownReasons.webHost).toBe('platform unknown, network cloudflare');
  });

  it('hosts a plain VPS at the serving network: DigitalOcean, or an uncatalogued hosting organisation', () => {
    const vps = (as: ReturnType<typeof asn>) => {
      const site = verified(D, { technologies: ['wordpress'] });
      site.fetch.remoteAddress = '198.51.100.7';
      return classify(withSite(dns(D, { apex: { a: ['198.51.100.7'], aaaa: [] }, addresses: [address('198.51.100.7', 'apex', D, as)] }), site));
    };
    const ocean = vps(asn(14061, 'DigitalOcean, LLC'));
    expect([ocean.webHost, ocean.cataloged.webHost]).toEqual(['digitalocean', true]);
    const winds = vps(asn(64602, 'ZYXHOST - Zyxhost Servers LLC., US'));
    expect([winds.webHost, winds.cataloged.webHost]).toEqual(['Zyxhost Servers', false]);
    expect(winds.isp).toBeNull();
  });

  it('names a host that rents a catalogued network by its own reverse names (a reseller on Linode), not the network', () => {
    const onLinode = (ptr: string | null) => {
      const site = verified(D, { technologies: ['wordpress'] });
      site.fetch.remoteAddress = '198.51.100.8';
      const info = { ...address('198.51.100.8', 'apex', D, asn(63949, 'AKAMAI-LINODE-AP Akamai Connected Cloud, SG')), ptr };
      return classify(withSite(dns(D, { apex: { a: ['198.51.100.8'], aaaa: [] }, addresses: [info] }), site));
    };
    const resold = onLinode('srv42.zyxreseller-hosting.com');
    expect([resold.webHost, resold.cataloged.webHost]).toEqual(['zyxreseller-hosting.com', false]);
    // No reverse name, or the business's own: the network stays the answer.
    expect(onLinode(null).webHost).toBe('linode');
    expect(onLinode(`vps.${D}`).webHost).toBe('linode');
  });
});

describe('ISP the catalog lacks', () => {
  it('is the access network\'s AS organisation, normalised, with a lower confidence than a catalogued ISP', () => {
    const r = classify(
      withSite(
        dns(D, {
          hosts: [host('vpn', D, ['203.0.113.5'])],
          addresses: [address('203.0.113.5', 'host:vpn', `vpn.${D}`, PVTC, 'static-203-0-113-5.biz.pvtc.example')],
        }),
      ),
    );
    expect(r.isp).toBe('Prairie Valley Telephone Cooperative');
    expect(r.cataloged.isp).toBe(false);
    expect(r.confidence.isp).toBeLessThan(0.85);
    expect(r.evidenceItems.isp?.[0]).toMatchObject({ kind: 'asn', names: 'Prairie Valley Telephone Cooperative', context: `self-run host vpn.${D}` });
  });

  it('never names a hosting, university or enterprise network as the ISP', () => {
    for (const owner of ['ZYXHOST - Zyxhost Servers LLC., US', 'OHIO-STATE - The Ohio State University, US', 'ACME-WIDGETS - Acme Widgets Inc, US']) {
      const r = classify(
        withSite(dns(D, { hosts: [host('vpn', D, ['203.0.113.9'])], addresses: [address('203.0.113.9', 'host:vpn', `vpn.${D}`, asn(64603, owner))] })),
      );
      expect(r.isp, owner).toBeNull();
      expect(r.unknownCodes.isp, owner).toBe('not-access-network');
    }
  });
});
