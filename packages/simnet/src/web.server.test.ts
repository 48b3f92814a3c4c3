import { Resolver } from 'node:dns/promises';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMarket } from './market.generator.ts';
import type { Business, Market } from './market.types.ts';
import { startSimnet, type Simnet } from './simnet.ts';

const OCTET = 121;
let market: Market;
let net: Simnet;
let resolver: Resolver;

beforeAll(async () => {
  market = generateMarket({ seed: 5, size: 150, octet: OCTET });
  net = await startSimnet({ market, httpPort: 80, httpsPort: 443 });
  resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([net.dnsServers]);
});
afterAll(async () => {
  await net?.close();
});

/** Resolves through the simulated DNS and connects to that address, TLS name = host. */
async function fetchVia(url: string, options: { headersTimeout?: number } = {}) {
  const { hostname } = new URL(url);
  const [address] = hostname.startsWith('127.') ? [hostname] : await resolver.resolve4(hostname);
  const agent = new Agent({
    connect: { ca: net.caCertPem, servername: hostname, lookup: (_h, _o, cb) => cb(null, [{ address: address!, family: 4 }]) },
    headersTimeout: options.headersTimeout ?? 5000,
  });
  try {
    const res = await request(url, { dispatcher: agent });
    const body = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body };
  } finally {
    await agent.close();
  }
}

const find = (pred: (b: Business) => boolean): Business => {
  const b = market.businesses.find(pred);
  if (!b) throw new Error('market lacks the case under test');
  return b;
};

describe('web sites', () => {
  it('serves the business page over HTTPS with a certificate from the simulated CA', async () => {
    const b = find((x) => x.truth.webHost?.name === 'Cloudflare' || x.truth.webHost?.name === 'Bluehost');
    const res = await fetchVia(`https://${b.truth.domain}/`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(b.name.replace(/&/g, '&amp;').replace(/'/g, "'"));
    expect(res.body).toContain(b.zip);
  });

  it('carries the host fingerprints (Squarespace: Server header, www redirect)', async () => {
    const b = find((x) => x.truth.webHost?.name === 'Squarespace');
    const apex = await fetchVia(`https://${b.truth.domain}/`);
    expect(apex.status).toBe(301);
    expect(apex.headers.location).toBe(`https://www.${b.truth.domain}/`);
    const www = await fetchVia(`https://www.${b.truth.domain}/`);
    expect(www.headers.server).toBe('Squarespace');
    expect(www.body).toContain('static1.squarespace.com');
  });

  it('redirects plain HTTP to HTTPS on hosted sites', async () => {
    const b = find((x) => x.truth.webHost?.name === 'Wix');
    const res = await fetchVia(`http://www.${b.truth.domain}/x`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`https://www.${b.truth.domain}/x`);
  });

  it('answers search queries in SearXNG JSON with directories and the real site', async () => {
    const b = find((x) => x.searchable && x.truth.domain !== null);
    const url = `${net.searxngUrl}/search?q=${encodeURIComponent(`${b.name} ${b.city} OH`)}&format=json`;
    const res = await request(url);
    expect(res.statusCode).toBe(200);
    const json = (await res.body.json()) as { results: { url: string; engine: string }[] };
    const urls = json.results.map((r) => r.url);
    expect(urls).toContain(`https://www.${b.truth.domain}/`);
    expect(urls.some((u) => /yelp|yellowpages|bbb|manta|mapquest/.test(u))).toBe(true);
  });

  it('fails the search engine on demand with 429 and Retry-After, then recovers', async () => {
    net.faults.failSearch({ status: 429, count: 1, retryAfterSeconds: 7 });
    const first = await request(`${net.searxngUrl}/search?q=plumbing&format=json`);
    await first.body.dump();
    expect(first.statusCode).toBe(429);
    expect(first.headers['retry-after']).toBe('7');
    const second = await request(`${net.searxngUrl}/search?q=plumbing&format=json`);
    await second.body.dump();
    expect(second.statusCode).toBe(200);
  });

  it('serves hostile sites: redirect loop, redirect to metadata, wrong certificate, hang', async () => {
    net.addHostileSite('loop.hostile-test.com', { type: 'redirect-loop' });
    const loop = await fetchVia('https://loop.hostile-test.com/');
    expect(loop.status).toBe(302);
    expect(loop.headers.location).toBe('https://loop.hostile-test.com/loop');
    net.addHostileSite('meta.hostile-test.com', { type: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' });
    expect((await fetchVia('https://meta.hostile-test.com/')).headers.location).toBe('http://169.254.169.254/latest/meta-data/');
    net.addHostileSite('badcert.hostile-test.com', { type: 'bad-cert', kind: 'self-signed' });
    await expect(fetchVia('https://badcert.hostile-test.com/')).rejects.toThrow(/certificate/i);
    net.addHostileSite('hang.hostile-test.com', { type: 'hang' });
    await expect(fetchVia('https://hang.hostile-test.com/', { headersTimeout: 300 })).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
  });

  it('points a refused name at an address where nothing listens', async () => {
    const b = find((x) => x.truth.webHost?.name === 'GoDaddy');
    net.faults.set(b.truth.domain!, { type: 'refused' });
    expect(await resolver.resolve4(b.truth.domain!)).toEqual([net.deadAddress]);
    await expect(fetchVia(`https://${b.truth.domain}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    net.faults.clear(b.truth.domain!);
  });
});
