import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, RateLimitedError, TransientError } from '../errors.ts';
import { sendJson, startStubServer, type StubServer } from '../search/test/stub-server.ts';
import { createSearxngClient } from './searxng.ts';

let server: StubServer;
beforeAll(async () => {
  server = await startStubServer();
});
afterAll(async () => {
  await server.close();
});

function client(timeoutMs = 2000) {
  return createSearxngClient({ baseUrl: server.baseUrl, timeoutMs });
}

describe('createSearxngClient', () => {
  it('asks /search with format=json and parses results', async () => {
    server.setHandler((_req, res) =>
      sendJson(res, 200, {
        query: 'acme plumbing',
        results: [
          { url: 'https://acmeplumbing.com/', title: 'Acme <b>Plumbing</b>', content: 'Plumbers in Springfield &amp; nearby', engine: 'bing' },
          { url: 'https://www.yelp.com/biz/acme', title: 'Acme - Yelp', content: null },
          { title: 'no url: dropped' },
        ],
      }),
    );
    const hits = await client().search('acme plumbing springfield');
    expect(hits).toEqual([
      { url: 'https://acmeplumbing.com/', title: 'Acme Plumbing', content: 'Plumbers in Springfield & nearby', engine: 'bing' },
      { url: 'https://www.yelp.com/biz/acme', title: 'Acme - Yelp', content: '' },
    ]);
    const asked = new URL(server.requests.at(-1)?.url ?? '', server.baseUrl);
    expect(asked.pathname).toBe('/search');
    expect(asked.searchParams.get('q')).toBe('acme plumbing springfield');
    expect(asked.searchParams.get('format')).toBe('json');
  });

  it('keeps a path prefix in the base URL', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, { results: [] }));
    const prefixed = createSearxngClient({ baseUrl: `${server.baseUrl}/searx/`, timeoutMs: 2000 });
    await expect(prefixed.search('x')).resolves.toEqual([]);
    expect(server.requests.at(-1)?.url.startsWith('/searx/search?')).toBe(true);
  });

  it('maps 429 to RateLimitedError with Retry-After in seconds', async () => {
    server.setHandler((_req, res) => sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '7' }));
    const error = await client().search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it('maps 429 without Retry-After to the 5 s default', async () => {
    server.setHandler((_req, res) => sendJson(res, 429, {}));
    const error = await client().search('x').catch((e: unknown) => e);
    expect((error as RateLimitedError).retryAfterMs).toBe(5000);
  });

  it('maps 500 to TransientError', async () => {
    server.setHandler((_req, res) => sendJson(res, 500, { error: 'boom' }));
    const error = await client().search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).kind).toBe('http-500');
  });

  it('maps 403 (format=json disabled) to PermanentError', async () => {
    server.setHandler((_req, res) => res.writeHead(403).end('Forbidden'));
    await expect(client().search('x')).rejects.toBeInstanceOf(PermanentError);
  });

  it('maps malformed JSON to TransientError bad-response', async () => {
    server.setHandler((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"results": [ '));
    const error = await client().search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).kind).toBe('bad-response');
  });

  it('maps a wrong envelope to TransientError bad-response', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, { results: 'none' }));
    const error = await client().search('x').catch((e: unknown) => e);
    expect((error as TransientError).kind).toBe('bad-response');
  });

  it('maps a server that never answers to TransientError timeout', async () => {
    server.setHandler(() => undefined);
    const error = await client(300).search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).kind).toBe('timeout');
  });

  it("passes the caller's abort through instead of a retryable error", async () => {
    server.setHandler(() => undefined);
    const controller = new AbortController();
    const pending = client(5000).search('x', controller.signal).catch((e: unknown) => e);
    controller.abort(new Error('shutdown'));
    const error = await pending;
    expect(error).not.toBeInstanceOf(TransientError);
    expect((error as Error).message).toBe('shutdown');
  });

  it('maps a refused connection to TransientError', async () => {
    const closed = await startStubServer();
    await closed.close();
    const refused = createSearxngClient({ baseUrl: closed.baseUrl, timeoutMs: 2000 });
    const error = await refused.search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).kind).toBe('connection');
  });
});
