import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.loader.ts';
import type { ProviderEntry } from './catalog.ts';
import { isRegexLiteral } from './catalog.schema.ts';

const catalog = loadCatalog();
const slugs = (matches: { slug: string }[]) => matches.map((m) => m.slug);

const REQUIRED: Record<string, string[]> = {
  email: ['google-workspace', 'microsoft-365', 'godaddy', 'zoho', 'rackspace', 'ionos', 'yahoo', 'fastmail', 'namecheap', 'intermedia'],
  'email-gateway': ['proofpoint', 'mimecast', 'barracuda', 'cisco-secure-email', 'trend-micro'],
  'web-host': ['squarespace', 'wix', 'shopify', 'godaddy', 'wordpress-com', 'wp-engine', 'bluehost', 'hostgator', 'siteground', 'aws', 'google-cloud', 'azure', 'digitalocean', 'netlify', 'vercel', 'cloudflare'],
  cdn: ['cloudflare', 'akamai', 'fastly'],
  dns: ['godaddy', 'cloudflare', 'aws', 'google-cloud', 'azure', 'namecheap', 'network-solutions', 'ionos', 'wix', 'squarespace'],
  isp: ['comcast-business', 'att', 'spectrum', 'verizon', 'lumen', 'frontier', 'cox', 'windstream', 'optimum', 'mediacom', 'tds', 'brightspeed'],
  ecommerce: ['shopify', 'woocommerce', 'bigcommerce', 'magento', 'squarespace-commerce', 'wix-stores'],
  cms: ['wordpress', 'squarespace', 'wix', 'joomla', 'drupal', 'webflow'],
  voip: ['microsoft-teams', 'ringcentral', '8x8', 'zoom-phone', 'vonage', 'nextiva', 'dialpad'],
  parking: ['sedo', 'bodis', 'parkingcrew', 'afternic'],
};

describe('catalog coverage', () => {
  for (const [kind, list] of Object.entries(REQUIRED)) {
    it(`has every required ${kind} provider`, () => {
      for (const slug of list) expect(catalog.get(slug)?.kinds, slug).toContain(kind);
    });
  }

  it('cites a documentation source for each provider', () => {
    for (const p of catalog.providers) expect(Object.keys(p.source ?? {}).length, p.slug).toBeGreaterThan(0);
  });
});

// Every suffix fingerprint must find its own provider on a host below it.
type HostMatcher = 'matchMx' | 'matchCname' | 'matchNs' | 'matchSpfInclude' | 'matchSrv' | 'matchAssetHost' | 'matchMailDomain';
const HOST_FIELDS: [keyof ProviderEntry, HostMatcher][] = [
  ['mx', 'matchMx'],
  ['cname', 'matchCname'],
  ['ns', 'matchNs'],
  ['spfIncludes', 'matchSpfInclude'],
  ['srv', 'matchSrv'],
  ['assetHosts', 'matchAssetHost'],
  ['mailDomains', 'matchMailDomain'],
];

describe('table-driven fingerprints', () => {
  for (const p of catalog.providers) {
    it(`${p.slug}: each fingerprint matches its provider`, () => {
      for (const [field, fn] of HOST_FIELDS) {
        for (const fp of (p[field] as string[] | undefined) ?? []) {
          if (isRegexLiteral(fp)) continue;
          expect(slugs(catalog[fn](`x1.${fp}.`)), `${field} ${fp}`).toContain(p.slug);
          // A look-alike (x1example.com) may still match a broader fingerprint, never this one.
          const lookAlike = catalog[fn](`x1${fp}`).find((m) => m.slug === p.slug);
          expect(lookAlike?.fingerprint, `${field} ${fp} label boundary`).not.toBe(fp);
        }
      }
      for (const n of p.accessAsns ?? []) expect(catalog.matchAsn(n).find((m) => m.slug === p.slug)?.access).toBe(true);
      for (const n of p.asns ?? []) expect(slugs(catalog.matchAsn(n))).toContain(p.slug);
      for (const cidr of p.ipPrefixes ?? []) expect(slugs(catalog.matchAddress(cidr.split('/')[0] ?? ''))).toContain(p.slug);
    });
  }
});

describe('real-world examples', () => {
  const cases: [HostMatcher, string, string][] = [
    ['matchMx', 'example-com.mail.protection.outlook.com', 'microsoft-365'],
    ['matchMx', 'example-com.l-v1.mx.microsoft', 'microsoft-365'],
    ['matchMx', 'aspmx.l.google.com.', 'google-workspace'],
    ['matchMx', 'alt2.aspmx.l.google.com', 'google-workspace'],
    ['matchMx', 'aspmx3.googlemail.com', 'google-workspace'],
    ['matchMx', 'smtp.google.com', 'google-workspace'],
    ['matchMx', 'mailstore1.secureserver.net', 'godaddy'],
    ['matchMx', 'mx.zoho.com', 'zoho'],
    ['matchMx', 'mx1.emailsrvr.com', 'rackspace'],
    ['matchMx', 'mx00.ionos.com', 'ionos'],
    ['matchMx', 'mx-biz.mail.am0.yahoodns.net', 'yahoo'],
    ['matchMx', 'in1-smtp.messagingengine.com', 'fastmail'],
    ['matchMx', 'mx1.privateemail.com', 'namecheap'],
    ['matchMx', 'west.smtp.mx.exch080.serverdata.net', 'intermedia'],
    ['matchMx', 'mx0a-00123401.pphosted.com', 'proofpoint'],
    ['matchMx', 'mx1-us1.ppe-hosted.com', 'proofpoint'],
    ['matchMx', 'us-smtp-inbound-1.mimecast.com', 'mimecast'],
    ['matchMx', 'd123456a.ess.barracudanetworks.com', 'barracuda'],
    ['matchMx', 'mx1.hc1234-56.iphmx.com', 'cisco-secure-email'],
    ['matchMx', 'example-com.in.tmes.trendmicro.com', 'trend-micro'],
    ['matchNs', 'ns51.domaincontrol.com', 'godaddy'],
    ['matchNs', 'kate.ns.cloudflare.com', 'cloudflare'],
    ['matchNs', 'ns-1536.awsdns-00.co.uk', 'aws'],
    ['matchNs', 'ns-cloud-a1.googledomains.com', 'google-cloud'],
    ['matchNs', 'ns1-05.azure-dns.com', 'azure'],
    ['matchNs', 'dns1.registrar-servers.com', 'namecheap'],
    ['matchNs', 'ns13.worldnic.com', 'network-solutions'],
    ['matchNs', 'ns1045.ui-dns.com', 'ionos'],
    ['matchNs', 'ns0.wixdns.net', 'wix'],
    // NS1 serves Squarespace and Netlify alike; the commoner small-business operator is listed first.
    ['matchNs', 'dns1.p07.nsone.net', 'squarespace'],
    ['matchNs', 'ns1.sedoparking.com', 'sedo'],
    ['matchCname', 'ext-cust.squarespace.com', 'squarespace'],
    ['matchCname', 'shops.myshopify.com', 'shopify'],
    ['matchCname', 'cdn1.wixdns.net', 'wix'],
    ['matchCname', 'acme.wpengine.com', 'wp-engine'],
    ['matchCname', 'wp.wpenginepowered.com', 'wp-engine'],
    ['matchCname', 'd111111abcdef8.cloudfront.net', 'aws'],
    ['matchCname', 'ghs.googlehosted.com', 'google-cloud'],
    ['matchCname', 'acme.azurewebsites.net', 'azure'],
    ['matchCname', 'acme.netlify.app', 'netlify'],
    ['matchCname', 'cname.vercel-dns.com', 'vercel'],
    ['matchCname', 'www.example.com.cdn.cloudflare.net', 'cloudflare'],
    ['matchCname', 'www.example.com.edgekey.net', 'akamai'],
    ['matchCname', 'dualstack.j.sni.global.fastly.net', 'fastly'],
    ['matchCname', 'autodiscover.outlook.com', 'microsoft-365'],
    ['matchCname', 'proxy-ssl.webflow.com', 'webflow'],
    ['matchSpfInclude', 'spf.protection.outlook.com', 'microsoft-365'],
    ['matchSpfInclude', '_spf.google.com', 'google-workspace'],
    ['matchSpfInclude', 'secureserver.net', 'godaddy'],
    ['matchSpfInclude', 'us._netblocks.mimecast.com', 'mimecast'],
    ['matchSrv', 'sipdir.online.lync.com', 'microsoft-teams'],
    ['matchSrv', 'sipfed.online.lync.com', 'microsoft-teams'],
    ['matchSrv', 'autodiscover.outlook.com', 'microsoft-365'],
    ['matchAssetHost', 'static1.squarespace.com', 'squarespace'],
    ['matchAssetHost', 'cdn.shopify.com', 'shopify'],
    ['matchMailDomain', 'comcast.net', 'comcast-business'],
    ['matchMailDomain', 'sbcglobal.net', 'att'],
  ];
  it.each(cases)('%s(%s) → %s', (fn, host, slug) => {
    const found = catalog[fn](host);
    expect(slugs(found)[0]).toBe(slug);
    expect(found[0]?.evidence).toContain('→ ' + slug);
  });

  it('formats evidence as "MX host → slug"', () => {
    expect(catalog.matchMx('Example-com.mail.protection.outlook.com.')[0]?.evidence).toBe(
      'MX example-com.mail.protection.outlook.com → microsoft-365',
    );
  });

  it('does not match look-alike hosts', () => {
    expect(catalog.matchMx('mail.notgoogle.com')).toEqual([]);
    expect(catalog.matchMx('evilpphosted.com')).toEqual([]);
    expect(catalog.matchNs('ns1.example.com')).toEqual([]);
  });

  it.each([
    ['c-73-22-1-5.hsd1.il.comcast.net', 'comcast-business'],
    ['50-78-12-34-static.hfc.comcastbusiness.net', 'comcast-business'],
    ['rrcs-24-173-10-20.sw.biz.rr.com', 'spectrum'],
    ['99-12-34-56.lightspeed.clmboh.sbcglobal.net', 'att'],
    ['pool-71-1-2-3.nycmny.fios.verizon.net', 'verizon'],
    ['wsip-70-168-1-2.ph.ph.cox.net', 'cox'],
    ['67-0-1-2.albq.qwest.net', 'lumen'],
    ['static-50-1-2-3.frontiernet.net', 'frontier'],
    ['ool-18e4a1b2.dyn.optonline.net', 'optimum'],
    ['ec2-3-210-10-20.compute-1.amazonaws.com', 'aws'],
  ])('PTR %s → %s', (ptr, slug) => {
    expect(slugs(catalog.matchPtr(ptr))).toContain(slug);
  });

  it('separates ISP access networks from hosting ASNs', () => {
    expect(catalog.matchAsn(7922)).toMatchObject([{ slug: 'comcast-business', access: true }]);
    expect(catalog.matchAsn(22773)).toMatchObject([{ slug: 'cox', access: true }]);
    expect(catalog.matchAsn(2686)).toMatchObject([{ slug: 'att', access: false }]);
    expect(slugs(catalog.matchAsn(16509))).toEqual(['aws']);
    expect(catalog.matchAsn(16509)[0]?.access).toBe(false);
    expect(catalog.matchAsn(64512)).toEqual([]);
  });

  it('recognises verification tokens, google-site-verification only as weak', () => {
    expect(catalog.matchVerificationToken('MS=ms48913234')).toMatchObject([{ slug: 'microsoft-365', weak: false }]);
    expect(catalog.matchVerificationToken('"google-site-verification=abcDEF"')).toMatchObject([{ slug: 'google-workspace', weak: true }]);
    expect(catalog.matchVerificationToken('zoho-verification=zb12345.zmverify.zoho.com')).toMatchObject([{ slug: 'zoho' }]);
    expect(catalog.matchVerificationToken('v=spf1 -all')).toEqual([]);
  });

  it('matches documented platform addresses', () => {
    expect(slugs(catalog.matchAddress('23.227.38.65'))).toEqual(['shopify']);
    expect(slugs(catalog.matchAddress('198.185.159.145'))).toEqual(['squarespace']);
    expect(slugs(catalog.matchAddress('76.76.21.21'))).toEqual(['vercel']);
    expect(catalog.matchAddress('2001:db8::1')).toEqual([]);
    expect(catalog.matchAddress('not an ip')).toEqual([]);
  });
});

describe('detectTechnologies', () => {
  it('detects hosts, CDNs, CMS and e-commerce from headers, markup, assets and generator', () => {
    const found = catalog.detectTechnologies({
      headers: { 'CF-Ray': '8a1b2c3d4e5f-ORD', Server: 'cloudflare' },
      html: '<link rel="stylesheet" href="/wp-content/plugins/woocommerce/assets/css/woocommerce.css">',
      assetHosts: ['cdn.shopify.com'],
      metaGenerator: 'WordPress 6.5.2',
    });
    expect(found.sort()).toEqual(['cloudflare', 'shopify', 'woocommerce', 'wordpress']);
  });

  it.each([
    [{ headers: { server: 'Squarespace' } }, 'squarespace'],
    [{ headers: { 'x-wix-request-id': '1712345678.123' } }, 'wix'],
    [{ metaGenerator: 'Wix.com Website Builder' }, 'wix'],
    [{ headers: { 'x-vercel-id': 'iad1::abc' } }, 'vercel'],
    [{ headers: { server: 'Netlify', 'x-nf-request-id': '01H' } }, 'netlify'],
    [{ headers: { 'x-amz-cf-id': 'abc', via: '1.1 abc.cloudfront.net (CloudFront)' } }, 'aws'],
    [{ headers: { 'x-served-by': 'cache-iad-kiad7000025-IAD' } }, 'fastly'],
    [{ headers: { server: 'AkamaiGHost' } }, 'akamai'],
    [{ headers: { 'x-powered-by': 'WP Engine' } }, 'wp-engine'],
    [{ headers: { server: 'Google Frontend' } }, 'google-cloud'],
    [{ headers: { 'x-azure-ref': '0abc' } }, 'azure'],
    [{ metaGenerator: 'Joomla! - Open Source Content Management' }, 'joomla'],
    [{ headers: { 'x-generator': 'Drupal 10 (https://www.drupal.org)' } }, 'drupal'],
    [{ html: '<html data-wf-page="64a" data-wf-site="64b">' }, 'webflow'],
    [{ html: '<div data-mage-init=\'{"x":1}\'>' }, 'magento'],
    [{ html: '<script src="https://cdn11.bigcommerce.com/s-abc/x.js">' }, 'bigcommerce'],
    [{ html: '<button class="sqs-add-to-cart-button">' }, 'squarespace-commerce'],
  ])('%j → %s', (input, slug) => {
    expect(catalog.detectTechnologies(input)).toContain(slug);
  });

  it('finds nothing in a plain page', () => {
    expect(catalog.detectTechnologies({ headers: { server: 'nginx' }, html: '<p>Hello</p>', assetHosts: [], metaGenerator: null })).toEqual([]);
  });
});
