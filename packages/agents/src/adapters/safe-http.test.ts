import type http from 'node:http';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeHttpClient, type SafeHttpOptions } from './safe-http.ts';
import { loopbackOnly, startHttpServer, tableResolver, testServerPorts, type TestServer } from './safe-http-test-server.ts';

const USER_AGENT = 'ProspectorBot/0.1 (+https://example.invalid/bot)';
const CAP = 256 * 1024;
const routes = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => unknown>();
let server: TestServer;
let seenUserAgent: string | undefined;

function client(overrides: Partial<SafeHttpOptions> = {}) {
  return createSafeHttpClient({
    allowCidrs: ['127.0.0.0/8'],
    userAgent: USER_AGENT,
    maxBodyBytes: CAP,
    headersTimeoutMs: 1_000,
    totalTimeoutMs: 4_000,
    resolveHost: tableResolver({ 'site.test': ['127.0.0.1'] }).resolve,
    beforeConnect: loopbackOnly,
    allowPorts: testServerPorts(),
    ...overrides,
  });
}

/** Writes `chunk` until the client goes away, honouring back-pressure: an endless body. */
async function streamForever(res: http.ServerResponse, chunk: Buffer): Promise<void> {
  while (!res.destroyed) {
    if (res.write(chunk)) continue;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
}

beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    seenUserAgent = req.headers['user-agent'];
    const route = routes.get(req.url ?? '');
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
    void route(req, res);
  });
});
afterAll(async () => server.close());

describe('plain fetches', () => {
  it('returns status, selected headers, body and remote address', async () => {
    routes.set('/home', (_req, res) =>
      res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          server: 'nginx',
          'x-shopid': '42',
          'x-secret-internal': 'do not keep',
          'set-cookie': ['session=abc123; HttpOnly', '_shopify_y=zzz'],
        })
        .end('<html><title>Home</title></html>'),
    );
    const http = client();
    const result = await http.fetch(`http://site.test:${server.port}/home#frag`);
    expect(result).toMatchObject({ status: 200, errorKind: null, truncated: false, remoteAddress: '127.0.0.1' });
    expect(result.finalUrl).toBe(`http://site.test:${server.port}/home`);
    expect(result.body).toBe('<html><title>Home</title></html>');
    expect(result.headers).toMatchObject({ server: 'nginx', 'x-shopid': '42', 'set-cookie': 'session, _shopify_y' });
    expect(result.headers['x-secret-internal']).toBeUndefined();
    expect(seenUserAgent).toBe(USER_AGENT);
    await http.close();
  });

  it('uses the port override when the URL names no port', async () => {
    const http = client({ ports: { http: server.port, https: 1 } });
    const result = await http.fetch('http://site.test/home');
    expect(result.status).toBe(200);
    expect(result.finalUrl).toBe('http://site.test/home');
    await http.close();
  });

  it('does not read bodies that are not text', async () => {
    routes.set('/binary', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      void streamForever(res, Buffer.alloc(64 * 1024, 1));
    });
    const http = client();
    const result = await http.fetch(`http://site.test:${server.port}/binary`);
    expect(result.status).toBe(200);
    expect(result.body).toBeNull();
    expect(result.headers['content-type']).toBe('application/octet-stream');
    await http.close();
  });

  it('records refused connections and throws on the caller abort', async () => {
    const closed = await startHttpServer(() => undefined);
    await closed.close();
    const http = client();
    expect((await http.fetch(`http://127.0.0.1:${closed.port}/`)).errorKind).toBe('refused');
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(http.fetch(`http://site.test:${server.port}/home`, controller.signal)).rejects.toThrow('stop');
    await http.close();
  });

  it('calls beforeConnect with the vetted address and hands its errors back', async () => {
    const seen: string[] = [];
    const ok = client({ beforeConnect: async (ip) => void seen.push(ip) });
    expect((await ok.fetch(`http://site.test:${server.port}/home`)).status).toBe(200);
    expect(seen).toEqual(['127.0.0.1']);
    const limited = client({ beforeConnect: async () => Promise.reject(new RangeError('slow down')) });
    await expect(limited.fetch(`http://site.test:${server.port}/home`)).rejects.toThrow(RangeError);
    await Promise.all([ok.close(), limited.close()]);
  });
});

describe('redirects', () => {
  beforeAll(() => {
    for (let i = 0; i < 8; i++) {
      routes.set(`/hop/${i}`, (_req, res) => res.writeHead(302, { location: `/hop/${i + 1}` }).end());
    }
    routes.set('/hop/8', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('arrived'));
    routes.set('/loop/a', (_req, res) => res.writeHead(301, { location: '/loop/b' }).end());
    routes.set('/loop/b', (_req, res) => res.writeHead(308, { location: '/loop/a' }).end());
  });

  it('follows up to five redirects, recording each hop', async () => {
    const http = client();
    const result = await http.fetch(`http://site.test:${server.port}/hop/3`);
    expect(result.errorKind).toBeNull();
    expect(result.body).toBe('arrived');
    expect(result.chain.map((hop) => hop.status)).toEqual([302, 302, 302, 302, 302, 200]);
    expect(result.chain[0]?.location).toBe('/hop/4');
    expect(result.finalUrl).toMatch(/\/hop\/8$/);
    await http.close();
  });

  it('refuses a sixth redirect', async () => {
    const http = client();
    const result = await http.fetch(`http://site.test:${server.port}/hop/2`);
    expect(result.errorKind).toBe('too-many-redirects');
    expect(result.chain).toHaveLength(6);
    expect(result.finalUrl).toBeNull();
    await http.close();
  });

  it('detects a loop', async () => {
    const http = client();
    const result = await http.fetch(`http://site.test:${server.port}/loop/a`);
    expect(result.errorKind).toBe('redirect-loop');
    expect(result.chain.map((hop) => hop.status)).toEqual([301, 308]);
    await http.close();
  });
});

describe('size and time limits', () => {
  it('cuts an endless body at the cap quickly', async () => {
    routes.set('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(1024 ** 3) });
      void streamForever(res, Buffer.alloc(64 * 1024, 0x61));
    });
    const http = client();
    const started = Date.now();
    const result = await http.fetch(`http://site.test:${server.port}/huge`);
    expect(result.truncated).toBe(true);
    expect(result.body).toHaveLength(CAP);
    expect(Date.now() - started).toBeLessThan(2_000);
    await http.close();
  });

  it('stops a gzip bomb at the decoded cap with bounded memory', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(128 * 1024 * 1024), { level: 6 });
    routes.set('/gzip-bomb', (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb));
    const http = client();
    const before = process.memoryUsage().rss;
    const result = await http.fetch(`http://site.test:${server.port}/gzip-bomb`);
    const grown = process.memoryUsage().rss - before;
    expect(result.errorKind).toBeNull();
    expect(result.truncated).toBe(true);
    expect(result.body).toHaveLength(CAP);
    expect(grown).toBeLessThan(48 * 1024 * 1024);
    await http.close();
  });

  it('decodes brotli and stops a brotli bomb', async () => {
    const page = zlib.brotliCompressSync(Buffer.from('<p>brotli page</p>'));
    const bomb = zlib.brotliCompressSync(Buffer.alloc(64 * 1024 * 1024), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
    routes.set('/br', (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' }).end(page));
    routes.set('/br-bomb', (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' }).end(bomb));
    const http = client();
    expect((await http.fetch(`http://site.test:${server.port}/br`)).body).toBe('<p>brotli page</p>');
    const result = await http.fetch(`http://site.test:${server.port}/br-bomb`);
    expect(result.truncated).toBe(true);
    expect(result.body).toHaveLength(CAP);
    await http.close();
  });

  it('refuses a long chain of content codings', async () => {
    let body = Buffer.from('x');
    for (let i = 0; i < 10; i++) body = zlib.gzipSync(body);
    const coding = Array.from({ length: 10 }, () => 'gzip').join(', ');
    routes.set('/chain', (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': coding }).end(body));
    const http = client();
    const result = await http.fetch(`http://site.test:${server.port}/chain`);
    expect(result.errorKind).toBe('protocol');
    expect(result.status).toBe(200);
    await http.close();
  });

  it('refuses oversized response headers', async () => {
    routes.set('/fat-headers', (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'x-padding': 'p'.repeat(64 * 1024) }).end('x'));
    const http = client();
    const result = await http.fetch(`http://site.test:${server.port}/fat-headers`);
    expect(result.errorKind).toBe('too-large');
    expect(result.status).toBeNull();
    await http.close();
  });

  it('ends at headersTimeout when the server never answers', async () => {
    routes.set('/silent', () => undefined);
    const http = client({ headersTimeoutMs: 300 });
    const started = Date.now();
    const result = await http.fetch(`http://site.test:${server.port}/silent`);
    expect(result.errorKind).toBe('timeout');
    expect(result.status).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_500);
    await http.close();
  });

  it('ends a slow drip at the total deadline', async () => {
    routes.set('/drip', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      while (!res.destroyed) {
        res.write('a');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const http = client({ totalTimeoutMs: 800 });
    const started = Date.now();
    const result = await http.fetch(`http://site.test:${server.port}/drip`);
    const elapsed = Date.now() - started;
    expect(result.errorKind).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(2_000);
    await http.close();
  });
});

describe('charsets', () => {
  const text = 'Price: 5 € – “quoted” café';
  it.each([
    ['an HTTP charset', 'text/html; charset=windows-1252', `<p>${text}</p>`],
    ['a meta charset', 'text/html', `<html><head><meta charset="windows-1252"></head><p>${text}</p>`],
    ['an http-equiv meta', 'text/html', `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>${text}</p>`],
    ['no declaration at all', 'text/html', `<p>${text}</p>`],
  ])('decodes windows-1252 declared by %s', async (_label, contentType, html) => {
    routes.set('/cp1252', (_req, res) => res.writeHead(200, { 'content-type': contentType }).end(iconv.encode(html, 'windows-1252')));
    const http = client();
    const result = await http.fetch(`http://site.test:${server.port}/cp1252`);
    expect(result.body).toContain(text);
    await http.close();
  });

  it('decodes UTF-8 with a BOM', async () => {
    routes.set('/bom', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])));
    const http = client();
    expect((await http.fetch(`http://site.test:${server.port}/bom`)).body).toBe(text);
    await http.close();
  });
});
