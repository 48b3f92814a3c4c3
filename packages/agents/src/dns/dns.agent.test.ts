import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedAsnLookup } from '../adapters/asn-embedded.ts';
import { createResolver, type ResolverOptions } from '../adapters/resolver.ts';
import type { AsnLookupPort } from '../ports.ts';
import { DOMAIN, ZONE } from './dns.agent.fixture.ts';
import { runDnsAgent, type DnsAgentOptions } from './dns.agent.ts';
import { startTestDnsServer, type TestDnsServer } from './test-dns-server.ts';

const extra = {
  'loopy.test': { A: ['192.0.2.1'], NS: ['ns.loopy.test'], SOA: { mname: 'ns.loopy.test', rname: 'h.loopy.test', serial: 1 } },
  'www.loopy.test': { CNAME: 'a.loopy.test' },
  'a.loopy.test': { CNAME: 'b.loopy.test' },
  'b.loopy.test': { CNAME: 'a.loopy.test' },
  'long.test': { A: ['192.0.2.2'] },
  'www.long.test': { CNAME: 'h1.long.test' },
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`h${i + 1}.long.test`, { CNAME: `h${i + 2}.long.test` }])),
  'wild.test': { A: ['192.0.2.3'] },
  '*.wild.test': { A: ['192.0.2.3'] },
  'vpn.wild.test': { A: ['192.0.2.50'] },
  'flaky.test': { A: ['192.0.2.4'] },
  // An office's static /29 in SPF, beside a provider's /24 that must not be looked up.
  'office29.test': { A: ['192.0.2.5'], TXT: ['v=spf1 ip4:203.0.113.8/29 ip4:198.51.100.0/24 a:edge-gw7.office29.test a:relay.elsewhere.test -all'] },
  'edge-gw7.office29.test': { A: ['203.0.113.20'] },
  'relay.elsewhere.test': { A: ['192.0.2.99'] },
  '8.113.0.203.in-addr.arpa': { PTR: ['static-203-0-113-8.biz.allofiber.net'] },
};

let server: TestDnsServer;
beforeAll(async () => {
  server = await startTestDnsServer({
    zone: { ...ZONE, ...extra },
    faults: { '_dmarc.flaky.test': 'servfail', 'lame.test': 'servfail' },
  });
});
afterAll(() => server.close());

function resolver(overrides: Partial<ResolverOptions> = {}) {
  return createResolver({
    servers: [server.address],
    timeoutMs: 200,
    tries: 1,
    maxInFlight: 50,
    retries: 1,
    retryBaseMs: 5,
    cacheMaxEntries: 2000,
    defaultTtlSeconds: 300,
    ...overrides,
  });
}

const noAsn: AsnLookupPort = { lookup: async () => null };
const opts: DnsAgentOptions = { randomLabel: () => 'wc-probe' };

describe('runDnsAgent on a Microsoft 365 + Proofpoint business with an on-premises VPN', () => {
  it('collects mail, web, voice and network evidence', async () => {
    const r = resolver();
    const asn = createEmbeddedAsnLookup();
    const before = server.queries.length;
    const res = await runDnsAgent(DOMAIN, { resolver: r, asn }, opts);

    expect(res.apex.a).toEqual(['198.185.159.144', '198.185.159.145']);
    expect(res.ns).toEqual(['ns47.domaincontrol.com', 'ns48.domaincontrol.com']);
    expect(res.soa).toEqual({ mname: 'ns47.domaincontrol.com', rname: 'dns.jomax.net', serial: 2024031501 });
    expect(res.www).toEqual({
      label: 'www', name: `www.${DOMAIN}`, cnameChain: ['ext-sq.squarespace.com'], addresses: ['198.185.159.144', '198.185.159.145'],
    });
    expect(res.mx).toEqual([
      { host: 'mx1-us1.ppe-hosted.com', priority: 10, addresses: ['148.163.155.18'] },
      { host: 'mx2-us1.ppe-hosted.com', priority: 20, addresses: ['67.231.148.10'] },
    ]);
    expect(res.spf?.includes).toEqual(['spf.protection.outlook.com', 'spfd.protection.outlook.com', '_spf-us.ppe-hosted.com']);
    expect(res.spf?.error).toBeNull();
    expect(res.dmarc).toMatch(/^v=DMARC1; p=quarantine/);
    expect(res.verificationTokens.map((t) => t.split('=')[0])).toEqual(['MS', 'google-site-verification', 'docusign']);
    expect(res.srv.map((s) => [s.name, s.target, s.port])).toEqual([
      [`_sip._tls.${DOMAIN}`, 'sipdir.online.lync.com', 443],
      [`_sipfederationtls._tcp.${DOMAIN}`, 'sipfed.online.lync.com', 5061],
    ]);
    expect(res.hosts.map((h) => [h.label, h.cnameChain, h.addresses])).toEqual([
      ['vpn', [], ['50.78.120.17']],
      ['autodiscover', ['autodiscover.outlook.com', 'autod.ha-autod.office.com'], ['52.96.108.18', '52.96.164.226']],
      ['sip', ['sipdir.online.lync.com'], ['52.112.196.21']],
    ]);
    expect(res.failures).toEqual([]);

    const vpn = res.addresses.find((a) => a.ip === '50.78.120.17');
    expect(vpn?.roles).toEqual([
      { hostname: `vpn.${DOMAIN}`, role: 'host:vpn' },
      { hostname: DOMAIN, role: 'spf' },
    ]);
    expect(vpn?.ptr).toBe('50-78-120-17-static.hfc.comcastbusiness.net');
    expect(vpn?.asn).toMatchObject({ asn: 7922, source: 'embedded' });
    const web = res.addresses.find((a) => a.ip === '198.185.159.144');
    expect(web?.roles.map((x) => x.role)).toEqual(['apex', 'www']);
    expect(web?.asn?.asn).toBe(53831);
    expect(res.addresses.find((a) => a.ip === '148.163.155.18')?.asn?.asn).toBe(22843);
    expect(new Set(res.addresses.map((a) => a.ip)).size).toBe(res.addresses.length);

    // Every packet the fixture saw is in `lookups`, each name|type once.
    const wire = new Set(server.queries.slice(before).map((q) => `${q.name}|${q.type}`));
    const recorded = new Set(res.lookups.map((l) => `${l.name}|${l.type}`));
    expect(recorded).toEqual(wire);
    expect(res.lookups.length).toBeLessThanOrEqual(60);
    r.close();
  }, 20_000);

  it('costs no packet the second time, from the shared cache', async () => {
    const r = resolver();
    await runDnsAgent(DOMAIN, { resolver: r, asn: noAsn }, opts);
    const before = server.queries.length;
    const again = await runDnsAgent(DOMAIN, { resolver: r, asn: noAsn }, opts);
    expect(server.queries.length).toBe(before);
    expect(again.hosts).toHaveLength(3);
    r.close();
  });
});

describe('runDnsAgent edge cases', () => {
  it('returns early for a domain that does not exist', async () => {
    const r = resolver();
    const res = await runDnsAgent('no-such-business.test', { resolver: r, asn: noAsn }, opts);
    expect(res.lookups.length).toBe(5);
    expect(res.lookups.every((l) => l.outcome === 'nxdomain')).toBe(true);
    expect(res).toMatchObject({ www: null, mx: [], hosts: [], addresses: [], failures: [] });
    r.close();
  });

  it('records a CNAME loop and stops after the hop limit', async () => {
    const r = resolver();
    const loop = await runDnsAgent('loopy.test', { resolver: r, asn: noAsn }, { ...opts, hostLabels: [] });
    expect(loop.www).toEqual({ label: 'www', name: 'www.loopy.test', cnameChain: ['a.loopy.test', 'b.loopy.test', 'a.loopy.test'], addresses: [] });
    const long = await runDnsAgent('long.test', { resolver: r, asn: noAsn }, { ...opts, hostLabels: [] });
    expect(long.www?.cnameChain).toHaveLength(8);
    expect(long.www?.cnameChain.at(-1)).toBe('h8.long.test');
    r.close();
  });

  it('looks up the ASN and PTR of an SPF ip4 /29 block and a: host (the office\'s line), not of a provider\'s /24', async () => {
    const r = resolver();
    const asked: string[] = [];
    const asn: AsnLookupPort = {
      lookup: async (ip) => {
        asked.push(ip);
        return ip === '203.0.113.8' ? { asn: 64601, prefix: '203.0.113.0/24', owner: 'Allo Communications LLC', country: 'US', source: 'embedded' } : null;
      },
    };
    const res = await runDnsAgent('office29.test', { resolver: r, asn }, { ...opts, hostLabels: [] });
    const office = res.addresses.find((a) => a.ip === '203.0.113.8');
    expect(office).toMatchObject({ roles: [{ hostname: 'office29.test', role: 'spf' }], ptr: 'static-203-0-113-8.biz.allofiber.net', asn: { asn: 64601 } });
    expect(asked).not.toContain('198.51.100.0');
    // A host the record names with a: inside the domain (a label nobody probes) is the office's too; one elsewhere is not.
    expect(res.addresses.find((a) => a.ip === '203.0.113.20')?.roles).toEqual([{ hostname: 'edge-gw7.office29.test', role: 'spf-a' }]);
    expect(res.addresses.some((a) => a.ip === '192.0.2.99')).toBe(false);
    r.close();
  });

  it('ignores hosts that only echo a wildcard', async () => {
    const r = resolver();
    const res = await runDnsAgent('wild.test', { resolver: r, asn: noAsn }, opts);
    expect(res.hosts.map((h) => h.label)).toEqual(['vpn']);
    r.close();
  });

  it('lists failures after the last try without failing the run', async () => {
    const r = resolver();
    const res = await runDnsAgent('flaky.test', { resolver: r, asn: noAsn }, { ...opts, hostLabels: [] });
    expect(res.failures).toEqual([{ name: '_dmarc.flaky.test', type: 'TXT', outcome: 'servfail' }]);
    expect(res.apex.a).toEqual(['192.0.2.4']);
    expect(server.count('_dmarc.flaky.test')).toBe(2);
    r.close();
  });

  it('throws TransientError when no apex query was answered, PermanentError for a malformed name', async () => {
    const r = resolver({ retries: 0 });
    await expect(runDnsAgent('lame.test', { resolver: r, asn: noAsn }, opts)).rejects.toMatchObject({ name: 'TransientError' });
    const before = server.queries.length;
    for (const bad of ['', 'localhost', 'a..b.test', 'exa mple.com', '-bad.test', `${'a'.repeat(64)}.test`]) {
      await expect(runDnsAgent(bad, { resolver: r, asn: noAsn }, opts)).rejects.toMatchObject({ name: 'PermanentError' });
    }
    expect(server.queries.length).toBe(before);
    r.close();
  });

  it('rejects with an AbortError when aborted', async () => {
    const r = resolver();
    const ctl = new AbortController();
    const run = runDnsAgent(DOMAIN, { resolver: r, asn: noAsn }, opts, ctl.signal);
    ctl.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    r.close();
  });
});
