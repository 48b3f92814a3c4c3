import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSafeHttpClient, type SafeHttpOptions } from './safe-http.ts';
import { loopbackOnly, createSelfSigned, createTestCa, startHttpServer, startHttpsServer, tableResolver, testServerPorts, type TestCa, type TestServer } from './safe-http-test-server.ts';

const USER_AGENT = 'ProspectorBot/0.1 (+https://example.invalid/bot)';
const resolver = tableResolver({
  'shop.test': ['127.0.0.1'],
  'www.shop.test': ['127.0.0.1'],
  'self.test': ['127.0.0.1'],
  'other.test': ['127.0.0.1'],
});

let ca: TestCa;
let trusted: TestServer;
let selfSigned: TestServer;
let plain: TestServer;

function client(overrides: Partial<SafeHttpOptions> = {}) {
  return createSafeHttpClient({
    allowCidrs: ['127.0.0.0/8'],
    userAgent: USER_AGENT,
    totalTimeoutMs: 4_000,
    resolveHost: resolver.resolve,
    beforeConnect: loopbackOnly,
    ca: [ca.certPem],
    allowPorts: testServerPorts(),
    ...overrides,
  });
}

beforeAll(async () => {
  ca = createTestCa();
  const page = (_req: unknown, res: import('node:http').ServerResponse) =>
    res.writeHead(200, { 'content-type': 'text/html', server: 'test-tls' }).end('<p>secure</p>');
  trusted = await startHttpsServer(page, ca.issue(['shop.test', 'www.shop.test']));
  selfSigned = await startHttpsServer(page, createSelfSigned(['self.test']));
  plain = await startHttpServer((_req, res) => res.writeHead(301, { location: `https://shop.test:${trusted.port}/` }).end());
});
afterAll(async () => Promise.all([trusted.close(), selfSigned.close(), plain.close()]));

describe('TLS', () => {
  it('trusts a certificate issued by a CA passed in `ca`, recording its names', async () => {
    const http = client();
    const result = await http.fetch(`https://shop.test:${trusted.port}/`);
    expect(result.errorKind).toBeNull();
    expect(result.body).toBe('<p>secure</p>');
    expect(result.tls).toMatchObject({
      subject: 'shop.test',
      subjectAltNames: ['shop.test', 'www.shop.test'],
      issuer: 'Prospector Test Root CA',
      trusted: true,
      error: null,
    });
    expect(Date.parse(result.tls?.validTo ?? '')).toBeGreaterThan(Date.now());
    await http.close();
  });

  it('reads the certificate without getPeerX509Certificate, which leaks native memory per call in Node 20', async () => {
    const x509 = vi.spyOn(TLSSocket.prototype, 'getPeerX509Certificate');
    try {
      const http = client();
      const result = await http.fetch(`https://shop.test:${trusted.port}/`);
      expect(result.tls).toMatchObject({ subject: 'shop.test', issuer: 'Prospector Test Root CA', trusted: true });
      await http.close();
      expect(x509).not.toHaveBeenCalled();
    } finally {
      x509.mockRestore();
    }
  });

  it('records the certificate of the final hop after an http → https redirect', async () => {
    const http = client();
    const result = await http.fetch(`http://shop.test:${plain.port}/`);
    expect(result.chain.map((hop) => hop.status)).toEqual([301, 200]);
    expect(result.tls?.trusted).toBe(true);
    await http.close();
  });

  it('fails a self-signed certificate with errorKind tls and trusted false', async () => {
    const http = client();
    const result = await http.fetch(`https://self.test:${selfSigned.port}/`);
    expect(result.errorKind).toBe('tls');
    expect(result.status).toBeNull();
    expect(result.body).toBeNull();
    expect(result.tls).toMatchObject({ subject: 'self.test', trusted: false });
    expect(result.tls?.error).toMatch(/SELF_SIGNED/);
    await http.close();
  });

  it('fails a certificate issued for another name', async () => {
    const http = client();
    const result = await http.fetch(`https://other.test:${trusted.port}/`);
    expect(result.errorKind).toBe('tls');
    expect(result.tls).toMatchObject({ subject: 'shop.test', trusted: false });
    expect(result.tls?.error).toMatch(/ALTNAME|not in the cert/i);
    await http.close();
  });

  it('does not trust the test CA unless it is passed', async () => {
    const http = client({ ca: [] });
    const result = await http.fetch(`https://shop.test:${trusted.port}/`);
    expect(result.errorKind).toBe('tls');
    expect(result.tls?.trusted).toBe(false);
    await http.close();
  });

  it('uses the https port override for URLs without a port', async () => {
    const http = client({ ports: { http: plain.port, https: trusted.port } });
    const result = await http.fetch('http://shop.test/');
    expect(result.chain.map((hop) => hop.status)).toEqual([301, 200]);
    expect(result.tls?.trusted).toBe(true);
    await http.close();
  });
});
