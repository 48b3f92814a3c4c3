import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.loader.ts';
import { loadPlaybook } from '../playbook/playbook.ts';
import type { ClassifyInput } from '../types.ts';
import { runClassifyAgent } from './classify.agent.ts';
import { address, asn, classifyInput, dns, host, mx, prospect, search, spf, verified } from './classify.fixtures.ts';

const catalog = loadCatalog();
const playbook = loadPlaybook();
const classify = (input: ClassifyInput) => runClassifyAgent(input, { catalog, playbook });

const D = 'acmetool.com';
const GODADDY_NS = ['ns51.domaincontrol.com', 'ns52.domaincontrol.com'];
const withSite = (d: ClassifyInput['dns'][number], site = verified(D)): ClassifyInput =>
  classifyInput({ search: search({ candidates: [{ domain: D, sources: ['list-website'], score: 0.9, evidence: [] }] }), dns: [d], verify: [site] });

describe('e-mail', () => {
  it('finds Microsoft 365 behind a Proofpoint gateway from the SPF include and MS= token', () => {
    const r = classify(
      withSite(
        dns(D, {
          mx: [mx('mx0a-00123401.pphosted.com', 10), mx('mx0b-00123401.pphosted.com', 10)],
          spf: spf(['spf.protection.outlook.com', 'spf-00123401.pphosted.com']),
          verificationTokens: ['MS=ms48913234'],
          ns: GODADDY_NS,
        }),
      ),
    );
    expect(r.emailGateway).toBe('proofpoint');
    expect(r.emailProvider).toBe('microsoft-365');
    expect(r.evidence.emailProvider).toContain('SPF include spf.protection.outlook.com → microsoft-365');
    expect(r.evidence.emailGateway).toContain('MX mx0a-00123401.pphosted.com → proofpoint');
    expect(r.confidence.emailProvider).toBeGreaterThan(0.5);
    expect(r.confidence.emailProvider).toBeLessThan(r.confidence.emailGateway ?? 0);
    expect(r.dnsProvider).toBe('godaddy');
  });

  it('reads Microsoft 365 from the newer mx.microsoft MX name', () => {
    const r = classify(withSite(dns(D, { mx: [mx('acmetool-com.l-v1.mx.microsoft', 0)] })));
    expect(r.emailProvider).toBe('microsoft-365');
    expect(r.evidence.emailProvider).toContain('MX acmetool-com.l-v1.mx.microsoft → microsoft-365');
  });

  it('finds Google Workspace from MX', () => {
    const r = classify(
      withSite(
        dns(D, {
          mx: [mx('aspmx.l.google.com', 1), mx('alt1.aspmx.l.google.com', 5), mx('aspmx2.googlemail.com', 10)],
          spf: spf(['_spf.google.com']),
        }),
      ),
    );
    expect(r.emailProvider).toBe('google-workspace');
    expect(r.emailGateway).toBeNull();
    expect(r.confidence.emailProvider).toBeGreaterThanOrEqual(0.95);
  });

  it('finds Rackspace Email behind a gateway from its SPF include (a mailbox host, not a bulk sender)', () => {
    const r = classify(withSite(dns(D, { mx: [mx('us-smtp-inbound-1.mimecast.com', 10)], spf: spf(['emailsrvr.com', 'sendgrid.net']) })));
    expect(r.emailGateway).toBe('mimecast');
    expect(r.emailProvider).toBe('rackspace');
  });

  it('keeps the mailbox provider unknown behind a gateway when only google-site-verification is there', () => {
    const r = classify(
      withSite(dns(D, { mx: [mx('us-smtp-inbound-1.mimecast.com', 10)], verificationTokens: ['google-site-verification=abc123'] })),
    );
    expect(r.emailGateway).toBe('mimecast');
    expect(r.emailProvider).toBeNull();
    expect(r.unknownReasons.emailProvider).toMatch(/mimecast gateway/);
  });

  // Issue 13: a list e-mail domain with MX is the business's own even without a website
  // (was presence 'none' and domain null).
  it('keeps a list e-mail domain with MX as the business\'s domain without a website', () => {
    const r = classify(
      classifyInput({
        search: search({ candidates: [{ domain: D, sources: ['list-email'], score: 0.6, evidence: [] }] }),
        dns: [dns(D, { mx: [mx('aspmx.l.google.com', 1)] })],
      }),
    );
    expect(r.presence).toBe('no-website');
    expect(r.domain).toBe(D);
    expect(r.emailProvider).toBe('google-workspace');
  });
});

describe('on-premises Exchange on a Comcast Business static line', () => {
  const comcast = asn(7922, 'Comcast Cable Communications, LLC');
  const input = withSite(
    dns(D, {
      mx: [mx(`mail.${D}`, 10, ['50.78.12.34'])],
      // Hybrid Exchange: sends through Microsoft 365, receives on premises.
      spf: spf(['spf.protection.outlook.com']),
      hosts: [host('mail', D, ['50.78.12.34']), host('remote', D, ['50.78.12.35'])],
      www: host('www', D, ['198.185.159.144'], ['ext-cust.squarespace.com']),
      apex: { a: ['198.185.159.144'], aaaa: [] },
      addresses: [
        address('50.78.12.34', 'mx', `mail.${D}`, comcast, '50-78-12-34-static.hfc.comcastbusiness.net'),
        address('50.78.12.35', 'host:remote', `remote.${D}`, comcast, '50-78-12-35-static.hfc.comcastbusiness.net'),
        address('198.185.159.144', 'www', `www.${D}`, asn(53831, 'Squarespace, Inc.')),
      ],
      ns: GODADDY_NS,
    }),
  );

  it('reports self-hosted mail and Comcast Business as the ISP, with PTR evidence', () => {
    const r = classify(input);
    expect(r.emailProvider).toBe('self-hosted');
    expect(r.isp).toBe('comcast-business');
    expect(r.confidence.isp).toBeGreaterThanOrEqual(0.85);
    expect(r.evidence.isp?.join(' ')).toMatch(/static\.hfc\.comcastbusiness\.net/);
    expect(r.webHost).toBe('squarespace');
  });

  it('scores a 42-employee Comcast customer as tier A with readable reasons', () => {
    const r = classify(input);
    expect(r.tier).toBe('A');
    expect(r.reasons).toContain('Comcast Business customer — competitor with poor service');
    expect(r.reasons).toContain('42 employees — inside the 20–500 target');
    expect(r.spend.factors.map((f) => f.label)).toContain('on-premises servers (mail)');
    expect(r.reasons.some((x) => /^≈ \$[\d,]+\/month estimated/.test(x))).toBe(true);
  });
});

describe('web host', () => {
  it('recognises a Squarespace site served directly (no CDN)', () => {
    const site = verified(D, { technologies: ['squarespace'] });
    site.fetch.headers = { server: 'Squarespace' };
    site.fetch.remoteAddress = '198.185.159.145';
    const r = classify(
      withSite(
        dns(D, {
          www: host('www', D, ['198.49.23.144'], ['ext-cust.squarespace.com']),
          apex: { a: ['198.185.159.144', '198.185.159.145'], aaaa: [] },
          addresses: [address('198.185.159.145', 'apex', D, asn(53831, 'Squarespace, Inc.'))],
        }),
        site,
      ),
    );
    expect(r.webHost).toBe('squarespace');
    expect(r.cms).toBe('squarespace');
    expect(r.isp).toBeNull();
    expect(r.evidence.webHost).toContain('CNAME ext-cust.squarespace.com → squarespace');
  });

  it('attributes a Shopify store to Shopify even though Cloudflare serves its address', () => {
    const site = verified(D);
    site.fetch.headers = { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-ORD', 'x-shopid': '55001234' };
    site.fetch.remoteAddress = '23.227.38.65';
    const r = classify(
      withSite(
        dns(D, {
          www: host('www', D, ['23.227.38.32'], ['shops.myshopify.com']),
          apex: { a: ['23.227.38.65'], aaaa: [] },
          addresses: [address('23.227.38.65', 'apex', D, asn(13335, 'Cloudflare, Inc.'))],
        }),
        site,
      ),
    );
    expect(r.webHost).toBe('shopify');
    expect(r.ecommercePlatform).toBe('shopify');
  });

  it('reports a Cloudflare-fronted site as cloudflare', () => {
    const site = verified(D, { technologies: ['wordpress'] });
    site.fetch.headers = { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-ORD' };
    site.fetch.remoteAddress = '104.21.32.1';
    const r = classify(
      withSite(
        dns(D, {
          ns: ['kate.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
          apex: { a: ['104.21.32.1', '172.67.150.2'], aaaa: [] },
          addresses: [address('104.21.32.1', 'apex', D, asn(13335, 'Cloudflare, Inc.'))],
        }),
        site,
      ),
    );
    expect(r.webHost).toBe('cloudflare');
    expect(r.dnsProvider).toBe('cloudflare');
    expect(r.cms).toBe('wordpress');
  });

  it('never names an ISP for a site, VPN and SPF addresses on AWS', () => {
    const aws = asn(16509, 'Amazon.com, Inc.');
    const r = classify(
      withSite(
        dns(D, {
          apex: { a: ['3.210.10.20'], aaaa: [] },
          mx: [mx('aspmx.l.google.com', 1)],
          hosts: [host('vpn', D, ['3.210.10.21'])],
          spf: spf(['_spf.google.com'], ['3.210.10.22']),
          ns: ['ns-1536.awsdns-00.co.uk', 'ns-512.awsdns-00.net'],
          addresses: [
            address('3.210.10.20', 'apex', D, aws, 'ec2-3-210-10-20.compute-1.amazonaws.com'),
            address('3.210.10.21', 'host:vpn', `vpn.${D}`, aws, 'ec2-3-210-10-21.compute-1.amazonaws.com'),
            address('3.210.10.22', 'spf', D, aws, null),
          ],
        }),
      ),
    );
    expect(r.webHost).toBe('aws');
    expect(r.dnsProvider).toBe('aws');
    expect(r.isp).toBeNull();
    expect(r.unknownReasons.isp).toBeDefined();
  });

  it('reports a site on an AT&T access line as self-hosted and AT&T as the ISP', () => {
    const site = verified(D);
    site.fetch.remoteAddress = '99.12.34.56';
    const r = classify(
      withSite(
        dns(D, {
          apex: { a: ['99.12.34.56'], aaaa: [] },
          addresses: [address('99.12.34.56', 'apex', D, asn(7018, 'AT&T Enterprises, LLC'), '99-12-34-56.lightspeed.clmboh.sbcglobal.net')],
        }),
        site,
      ),
    );
    expect(r.webHost).toBe('self-hosted');
    expect(r.isp).toBe('att');
  });
});

describe('ISP and VoIP from other evidence', () => {
  it('reads Spectrum from a single SPF ip4 address with an rrcs- reverse name', () => {
    const r = classify(
      withSite(
        dns(D, {
          mx: [mx('acmetool-com.mail.protection.outlook.com', 0)],
          spf: spf(['spf.protection.outlook.com'], ['24.173.10.20']),
          addresses: [address('24.173.10.20', 'spf', D, asn(11427, 'Charter Communications Inc'), 'rrcs-24-173-10-20.sw.biz.rr.com')],
        }),
      ),
    );
    expect(r.emailProvider).toBe('microsoft-365');
    expect(r.isp).toBe('spectrum');
    expect(r.confidence.isp).toBeGreaterThanOrEqual(0.85);
  });

  it('uses an ISP mail domain only as a weak hint', () => {
    const r = classify(classifyInput({ search: search({ ispMailDomains: ['comcast.net'] }) }));
    expect(r.isp).toBe('comcast-business');
    expect(r.confidence.isp).toBeLessThan(0.5);
    expect(r.reasons).toContain('Comcast Business customer — competitor with poor service (weak hint only)');
  });

  it('finds Microsoft Teams from the SIP federation SRV record', () => {
    const r = classify(
      withSite(
        dns(D, {
          srv: [{ name: `_sipfederationtls._tcp.${D}`, target: 'sipfed.online.lync.com', port: 5061, priority: 100, weight: 1 }],
        }),
      ),
    );
    expect(r.voipProvider).toBe('microsoft-teams');
  });
});

describe('presence', () => {
  it('answers none with reasons when there is no domain at all', () => {
    const r = classify(classifyInput({ search: search() }));
    expect(r.presence).toBe('none');
    expect(r.domain).toBeNull();
    expect(r.unknownReasons.domain).toBe('no domain found');
    expect(r.unknownReasons.emailProvider).toBe('no domain');
    expect(r.unknownReasons.isp).toBe('no domain');
    expect(r.emailProvider).toBeNull();
    expect(r.isp).toBeNull();
    expect(r.tier).not.toBe('A');
  });

  it('answers social-only when no site verified but a matched social page exists', () => {
    const r = classify(
      classifyInput({
        search: search({
          socialPages: [{ url: 'https://www.facebook.com/acmetool', network: 'facebook', title: 'Acme Tool & Die', matched: true }],
        }),
        verify: [verified('acme.com', { verdict: 'rejected' })],
      }),
    );
    expect(r.presence).toBe('social-only');
    expect(r.unknownReasons.domain).toMatch(/acme\.com rejected/);
  });

  it('picks the most authentic verified site and follows its redirect', () => {
    const weak = verified('acme-tools.net', {}, 0.6);
    const strong = verified('acmetool.com', { landingDomain: 'acmetooldie.com' }, 0.9);
    const r = classify(classifyInput({ verify: [weak, strong], prospect: prospect() }));
    expect(r.presence).toBe('website');
    expect(r.domain).toBe('acmetooldie.com');
  });
});
