// SSRF cases from perf-reliability.md (10–13). Only loopback sockets are ever opened; refused
// targets are asserted to have produced no client socket at all.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSafeHttpClient, type SafeHttpOptions } from './safe-http.ts';
import { loopbackOnly, startCanary, startHttpServer, tableResolver, testServerPorts, watchClientSockets, type TestServer } from './safe-http-test-server.ts';

const USER_AGENT = 'ProspectorBot/0.1 (+https://example.invalid/bot)';

function client(overrides: Partial<SafeHttpOptions> = {}) {
  return createSafeHttpClient({ allowCidrs: [], userAgent: USER_AGENT, totalTimeoutMs: 3_000, beforeConnect: loopbackOnly, allowPorts: testServerPorts(), ...overrides });
}

let canary: TestServer;
let sockets: ReturnType<typeof watchClientSockets>;
beforeAll(async () => {
  canary = await startCanary('127.0.0.1');
});
afterAll(async () => canary.close());
beforeEach(() => {
  sockets = watchClientSockets();
});
afterEach(() => sockets.stop());

describe('IP-literal URLs', () => {
  const literals = (port: number) => [
    `http://127.0.0.1:${port}/`,
    `http://0x7f.1:${port}/`,
    `http://2130706433:${port}/`,
    `http://127.1:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://0.0.0.0:${port}/`,
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://100.100.100.200/',
    'http://10.0.0.1/',
    'http://192.168.1.1/',
    'https://10.0.0.1/',
  ];

  it('refuses every private literal before any socket is created', async () => {
    const http = client();
    for (const url of literals(canary.port)) {
      const result = await http.fetch(url);
      expect(result.errorKind, url).toBe('blocked-address');
      expect(result.status, url).toBeNull();
      expect(result.remoteAddress, url).toBeNull();
    }
    expect(sockets.count()).toBe(0);
    expect(canary.connections()).toBe(0);
    await http.close();
  });

  it('connects to an allow-listed literal (the canary is reachable, so the test above can fail)', async () => {
    const http = client({ allowCidrs: ['127.0.0.0/8'], headersTimeoutMs: 200 });
    const result = await http.fetch(`http://127.0.0.1:${canary.port}/`);
    expect(result.errorKind).toBe('timeout');
    expect(canary.connections()).toBe(1);
    expect(sockets.count()).toBe(1);
    await http.close();
  });
});

describe('names resolving to refused addresses', () => {
  it.each([
    ['loopback', ['127.0.0.1']],
    ['mapped metadata', ['::ffff:169.254.169.254']],
    ['mixed public and private', ['93.184.216.34', '127.0.0.1']],
    ['private then public', ['10.1.1.1', '93.184.216.34']],
  ])('refuses a %s answer without opening a socket', async (_label, answer) => {
    const before = canary.connections();
    const resolver = tableResolver({ 'evil.test': answer });
    const http = client({ resolveHost: resolver.resolve });
    const result = await http.fetch(`http://evil.test:${canary.port}/`);
    expect(result.errorKind).toBe('blocked-address');
    expect(result.error).toMatch(/evil\.test/);
    expect(resolver.calls).toEqual(['evil.test']);
    expect(sockets.count()).toBe(0);
    expect(canary.connections()).toBe(before);
    await http.close();
  });

  it('records a resolver failure as dns', async () => {
    const http = client({ resolveHost: tableResolver({}).resolve });
    const result = await http.fetch('http://missing.test/');
    expect(result.errorKind).toBe('dns');
    expect(sockets.count()).toBe(0);
    await http.close();
  });
});

describe('DNS rebinding', () => {
  let site: TestServer;
  let rebindCanary: TestServer;
  beforeAll(async () => {
    site = await startHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>real site</p>'));
    rebindCanary = await startCanary('127.0.0.2');
  });
  afterAll(async () => Promise.all([site.close(), rebindCanary.close()]));

  it('connects to the address it checked and never re-resolves behind our back', async () => {
    const resolver = tableResolver({ 'rebind.test': [['127.0.0.1'], ['127.0.0.2']] });
    const http = client({ allowCidrs: ['127.0.0.1/32'], resolveHost: resolver.resolve });
    const first = await http.fetch(`http://rebind.test:${site.port}/`);
    expect(first.errorKind).toBeNull();
    expect(first.body).toContain('real site');
    expect(first.remoteAddress).toBe('127.0.0.1');
    expect(resolver.calls).toEqual(['rebind.test']);

    const second = await http.fetch(`http://rebind.test:${rebindCanary.port}/`);
    expect(second.errorKind).toBe('blocked-address');
    expect(rebindCanary.connections()).toBe(0);
    await http.close();
  });
});

describe('redirects', () => {
  let publicSite: TestServer;
  let target = '';
  beforeAll(async () => {
    // 127.20.0.0/16 stands for the public Internet here (allow-listed); 127.0.0.1 stays refused.
    publicSite = await startHttpServer((_req, res) => res.writeHead(302, { location: target }).end(), '127.20.0.1');
  });
  afterAll(async () => publicSite.close());

  it.each([
    ['a private literal', () => `http://127.0.0.1:${canary.port}/admin`, 'blocked-address'],
    ['a mapped literal', () => `http://[::ffff:7f00:1]:${canary.port}/`, 'blocked-address'],
    ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/', 'blocked-address'],
    ['a file URL', () => 'file:///etc/passwd', 'bad-redirect'],
    ['gopher', () => `gopher://127.20.0.1:${publicSite.port}/_x`, 'bad-redirect'],
    ['credentials', () => `http://user:pw@127.20.0.1:${publicSite.port}/`, 'bad-redirect'],
  ])('refuses a redirect to %s', async (_label, to, kind) => {
    target = to();
    const before = canary.connections();
    const http = client({ allowCidrs: ['127.20.0.0/16'] });
    const result = await http.fetch(`${publicSite.url}/`);
    expect(result.errorKind).toBe(kind);
    expect(result.chain[0]).toMatchObject({ status: 302, location: target });
    expect(canary.connections()).toBe(before);
    expect(sockets.count()).toBe(1);
    await http.close();
  });
});

describe('ports', () => {
  // A site on an allowed address redirects to the same address on another port: the
  // reported attack reached a Redis port with `GET /FLUSHALL`.
  let site: TestServer;
  let service: TestServer;
  beforeAll(async () => {
    service = await startCanary('127.20.0.2');
    site = await startHttpServer((_req, res) => res.writeHead(302, { location: `http://127.20.0.2:${service.port}/FLUSHALL` }).end(), '127.20.0.2');
  });
  afterAll(async () => Promise.all([site.close(), service.close()]));

  const webPortsOnly = () => client({ allowCidrs: ['127.20.0.0/16'], ports: { http: site.port, https: 1 }, allowPorts: [], headersTimeoutMs: 300 });

  it('refuses a redirect to a port that is not a web port, before any socket to it', async () => {
    const http = webPortsOnly();
    const result = await http.fetch('http://127.20.0.2/');
    expect(result.errorKind).toBe('blocked-port');
    expect(result.error).toBe(`refused to connect to port ${service.port}: not a web port`);
    expect(result.chain).toMatchObject([{ status: 302, location: `http://127.20.0.2:${service.port}/FLUSHALL` }]);
    expect(service.connections()).toBe(0);
    expect(sockets.count()).toBe(1);
    await http.close();
  });

  it('refuses a URL that names such a port', async () => {
    const http = webPortsOnly();
    expect((await http.fetch(`http://127.20.0.2:${service.port}/`)).errorKind).toBe('blocked-port');
    expect((await http.fetch(`https://127.20.0.2:${service.port}/`)).errorKind).toBe('blocked-port');
    expect(service.connections()).toBe(0);
    expect(sockets.count()).toBe(0);
    await http.close();
  });

  it('follows it when the operator allow-lists the port (so the tests above can fail)', async () => {
    const http = client({ allowCidrs: ['127.20.0.0/16'], ports: { http: site.port, https: 1 }, allowPorts: [service.port], headersTimeoutMs: 300 });
    const result = await http.fetch('http://127.20.0.2/');
    expect(result.errorKind).toBe('timeout');
    expect(service.connections()).toBe(1);
    await http.close();
  });
});
