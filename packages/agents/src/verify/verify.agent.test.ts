// The verify agent against real sockets: a virtual-host HTTP server and an HTTPS one on loopback,
// reached through the safe HTTP client with a table resolver (no real DNS, no other addresses).
import type http from 'node:http';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeHttpClient, type SafeHttpClient, type SafeHttpOptions } from '../adapters/safe-http.ts';
import { createSelfSigned, createTestCa, loopbackOnly, startHttpServer, startHttpsServer, tableResolver, type TestCa, type TestServer } from '../adapters/safe-http-test-server.ts';
import { runVerifyAgent, type TechnologyInput, type VerifyAgentOptions } from './verify.agent.ts';
import { cafe, cafePage, joes, joesPage, namesakePage, parkedPage } from './verify.fixtures.ts';

type Site = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const html = (body: string | Buffer, type = 'text/html; charset=utf-8'): Site => (_req, res) => {
  res.writeHead(200, { 'content-type': type, server: 'Apache' }).end(body);
};
const sites: Record<string, Site> = {
  'joesplumbingheating.com': html(joesPage),
  'joesplumbing.com': html(namesakePage),
  'joesplumbing.net': html(parkedPage),
  'oldjoes.com': (_req, res) => res.writeHead(301, { location: 'http://www.joesplumbingheating.com/' }).end(),
  'www.joesplumbingheating.com': html(joesPage),
  'cafeelan.com': html(iconv.encode(cafePage, 'windows-1252'), 'text/html; charset=windows-1252'),
  'socialjoes.com': (_req, res) => res.writeHead(302, { location: 'http://www.facebook.com/joesplumbingspringfield' }).end(),
  'www.facebook.com': html(joesPage),
  'selfjoes.com': html(joesPage),
  'broken.com': (_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>'),
};

const options: VerifyAgentOptions = {
  defaultCountry: 'US',
  detectTechnologies: ({ headers, assetHosts, metaGenerator }: TechnologyInput) => [
    ...(assetHosts.includes('cdn.shopify.com') ? ['shopify'] : []),
    ...(metaGenerator?.startsWith('WordPress') ? ['wordpress'] : []),
    ...(headers['server'] === 'Apache' ? ['apache'] : []),
  ],
};

let server: TestServer;
let secure: TestServer;
let client: SafeHttpClient;
let ca: TestCa;

/** The safe client reaching the loopback servers through a table resolver; plain sites by default (nothing listens on https port 1). */
function loopbackClient(table: Record<string, string[]>, extra: Partial<SafeHttpOptions> = {}): SafeHttpClient {
  return createSafeHttpClient({
    allowCidrs: ['127.0.0.0/8'],
    userAgent: 'ProspectorBot/0.1 (+https://example.invalid/bot)',
    resolveHost: tableResolver(table).resolve,
    beforeConnect: loopbackOnly,
    ports: { http: server.port, https: 1 },
    ...extra,
  });
}

beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const site = sites[host];
    if (site) site(req, res);
    else res.writeHead(404).end();
  });
  ca = createTestCa();
  secure = await startHttpsServer(html(joesPage), ca.issue(['securejoes.com', 'www.securejoes.com']));
  const names = ['joesplumbingheating.com', 'joesplumbing.com', 'joesplumbing.net', 'oldjoes.com', 'cafeelan.com', 'broken.com', 'securejoes.com', 'socialjoes.com', 'facebook.com'];
  const table = Object.fromEntries(names.flatMap((name) => [[name, ['127.0.0.1']], [`www.${name}`, ['127.0.0.1']]]));
  client = loopbackClient(table, { totalTimeoutMs: 4_000, ca: [ca.certPem] });
});
afterAll(async () => Promise.all([client.close(), server.close(), secure.close()]));

describe('runVerifyAgent', () => {
  it('verifies the business site from JSON-LD, phone, street and postal code', async () => {
    const result = await runVerifyAgent(joes, 'joesplumbingheating.com', { http: client }, options);
    expect(result.verdict).toBe('verified');
    expect(result.fetch.chain.map((hop) => hop.url)).toEqual(['http://joesplumbingheating.com/']);
    expect(result.landingDomain).toBeNull();
    expect(result.authenticity).toMatchObject({ phoneMatch: true, postalCodeMatch: true, streetMatch: true, cityMatch: true, structuredDataMatch: true });
    expect(result.authenticity?.nameSimilarity).toBeGreaterThanOrEqual(0.95);
    expect(result.page?.structuredData).toContainEqual(expect.objectContaining({ type: 'Plumber,LocalBusiness', telephone: '+12177443321', postalCode: '62702' }));
    expect(result.page?.emails).toEqual(['office@joesplumbingheating.com']);
    expect(result.page?.socialLinks).toEqual(['https://www.facebook.com/joesplumbingspringfield']);
    expect(result.technologies).toEqual(['shopify', 'wordpress', 'apache']);
  });

  it('rejects a namesake in another state even with a perfect name match', async () => {
    const result = await runVerifyAgent(joes, 'joesplumbing.com', { http: client }, options);
    expect(result.verdict).toBe('rejected');
    expect(result.authenticity?.nameSimilarity).toBeGreaterThanOrEqual(0.95);
    expect(result.authenticity).toMatchObject({ phoneMatch: false, postalCodeMatch: false, cityMatch: false });
    expect(result.authenticity?.reasons.join('\n')).toMatch(/another town/);
    expect(result.page?.phones).toContain('+15032247781');
  });

  it('recognises a parked, for-sale domain', async () => {
    const result = await runVerifyAgent(joes, 'joesplumbing.net', { http: client }, options);
    expect(result.verdict).toBe('parked');
    expect(result.parked.parked).toBe(true);
    expect(result.parked.reasons).toContain('provider:parkingcrew');
    expect(result.authenticity).toBeNull();
  });

  it('judges a domain that redirects elsewhere by where it lands', async () => {
    const result = await runVerifyAgent(joes, 'oldjoes.com', { http: client }, options);
    expect(result.landingDomain).toBe('joesplumbingheating.com');
    expect(result.fetch.chain.map((hop) => hop.status)).toEqual([301, 200]);
    expect(result.verdict).toBe('verified');
  });

  it('rejects a domain that only forwards to a social profile', async () => {
    const result = await runVerifyAgent(joes, 'socialjoes.com', { http: client }, options);
    expect(result.landingDomain).toBe('facebook.com');
    expect(result.verdict).toBe('rejected');
    expect(result.authenticity?.reasons.at(-1)).toMatch(/third-party platform/);
  });

  it('says when a rejected page was cut at the size cap', async () => {
    // Joe's page names the business only after its first 70 bytes.
    const capped = loopbackClient({ 'joesplumbingheating.com': ['127.0.0.1'] }, { maxBodyBytes: 70 });
    try {
      const result = await runVerifyAgent(joes, 'joesplumbingheating.com', { http: capped }, options);
      expect(result.fetch.truncated).toBe(true);
      expect(result.verdict).toBe('rejected');
      expect(result.authenticity?.reasons.at(-1)).toMatch(/cut at the size cap/);
    } finally {
      await capped.close();
    }
  });

  it('decodes a windows-1252 page', async () => {
    const result = await runVerifyAgent(cafe, 'cafeelan.com', { http: client }, options);
    expect(result.page?.title).toBe('Café Élan – Evanston’s “Best” Coffee');
    expect(result.page?.textSample).toContain('5 €');
    expect(result.verdict).toBe('verified');
  });

  it('uses https when it answers, recording the certificate', async () => {
    const https = loopbackClient({ 'securejoes.com': ['127.0.0.1'] }, { ca: [ca.certPem], ports: { http: server.port, https: secure.port } });
    const result = await runVerifyAgent(joes, 'securejoes.com', { http: https }, options);
    expect(result.fetch.finalUrl).toBe('https://securejoes.com/');
    expect(result.fetch.tls?.trusted).toBe(true);
    expect(result.verdict).toBe('verified');
    await https.close();
  });

  it('keeps an invalid certificate in the evidence when plain HTTP answers instead', async () => {
    const selfSigned = await startHttpsServer(html(joesPage), createSelfSigned(['selfjoes.com']));
    const fallback = loopbackClient({ 'selfjoes.com': ['127.0.0.1'] }, { ports: { http: server.port, https: selfSigned.port } });
    try {
      const result = await runVerifyAgent(joes, 'selfjoes.com', { http: fallback }, options);
      expect(result.fetch.finalUrl).toBe('http://selfjoes.com/');
      expect(result.verdict).toBe('verified');
      expect(result.tlsError).toMatchObject({
        url: 'https://selfjoes.com/',
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        certificate: { subject: 'selfjoes.com', trusted: false },
      });
      expect(result.tlsError?.message).toMatch(/untrusted certificate for selfjoes\.com/);
    } finally {
      await Promise.all([fallback.close(), selfSigned.close()]);
    }
  });

  it('has no TLS failure when HTTPS answers or only plain HTTP listens', async () => {
    expect((await runVerifyAgent(joes, 'joesplumbingheating.com', { http: client }, options)).tlsError).toBeUndefined();
  });

  it('calls a dead name or a failing server unreachable', async () => {
    const dead = await runVerifyAgent(joes, 'nothing-here.com', { http: client }, options);
    expect(dead.verdict).toBe('unreachable');
    expect(dead.fetch.errorKind).toBe('dns');
    expect(dead.fetch.requestedUrl).toBe('http://www.nothing-here.com/');
    const broken = await runVerifyAgent(joes, 'broken.com', { http: client }, options);
    expect(broken.verdict).toBe('unreachable');
    expect(broken.fetch.status).toBe(503);
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutdown'));
    await expect(runVerifyAgent(joes, 'joesplumbingheating.com', { http: client }, options, controller.signal)).rejects.toThrow('shutdown');
  });
});
