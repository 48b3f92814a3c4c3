import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, RateLimitedError, TransientError } from '../errors.ts';
import { sendJson, startStubServer, type StubServer } from '../search/test/stub-server.ts';
import { createBraveClient } from './brave.ts';

// Every test points baseUrl at a loopback stub: the real Brave host is never contacted.
let server: StubServer;
beforeAll(async () => {
  server = await startStubServer();
});
afterAll(async () => {
  await server.close();
});

function client(timeoutMs = 2000) {
  return createBraveClient({ apiKey: 'test-key', timeoutMs, baseUrl: server.baseUrl });
}

describe('createBraveClient', () => {
  it('sends the subscription token and parses web.results', async () => {
    server.setHandler((_req, res) =>
      sendJson(res, 200, {
        type: 'search',
        web: {
          results: [
            { url: 'https://acmeplumbing.com/', title: 'Acme Plumbing', description: 'Call <strong>Acme</strong> today' },
            { url: 'https://www.facebook.com/acme', title: 'Acme | Facebook' },
            { url: 42 },
          ],
        },
      }),
    );
    const hits = await client().search('acme plumbing');
    expect(hits).toEqual([
      { url: 'https://acmeplumbing.com/', title: 'Acme Plumbing', content: 'Call Acme today', engine: 'brave' },
      { url: 'https://www.facebook.com/acme', title: 'Acme | Facebook', content: '', engine: 'brave' },
    ]);
    const last = server.requests.at(-1);
    const asked = new URL(last?.url ?? '', server.baseUrl);
    expect(asked.pathname).toBe('/res/v1/web/search');
    expect(asked.searchParams.get('q')).toBe('acme plumbing');
    expect(last?.headers['x-subscription-token']).toBe('test-key');
  });

  it('returns no hits when Brave omits the web section', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, { type: 'search', query: { original: 'x' } }));
    await expect(client().search('x')).resolves.toEqual([]);
  });

  it('maps 429 to RateLimitedError with Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    server.setHandler((_req, res) => sendJson(res, 429, {}, { 'retry-after': at }));
    const error = await client().search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const ms = (error as RateLimitedError).retryAfterMs;
    expect(ms).toBeGreaterThan(25_000);
    expect(ms).toBeLessThanOrEqual(30_000);
  });

  it('maps 503 to TransientError', async () => {
    server.setHandler((_req, res) => sendJson(res, 503, {}));
    await expect(client().search('x')).rejects.toBeInstanceOf(TransientError);
  });

  it('maps 401 (bad key) to PermanentError', async () => {
    server.setHandler((_req, res) => sendJson(res, 401, { error: 'unauthorized' }));
    const error = await client().search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).kind).toBe('http-401');
  });

  it('maps malformed JSON to TransientError bad-response', async () => {
    server.setHandler((_req, res) => res.writeHead(200).end('<html>oops</html>'));
    const error = await client().search('x').catch((e: unknown) => e);
    expect((error as TransientError).kind).toBe('bad-response');
  });

  it('maps a wrong shape to TransientError bad-response', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, { web: { results: {} } }));
    const error = await client().search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).kind).toBe('bad-response');
  });

  it('maps a server that never answers to TransientError timeout', async () => {
    server.setHandler(() => undefined);
    const error = await client(300).search('x').catch((e: unknown) => e);
    expect((error as TransientError).kind).toBe('timeout');
  });

  it('rejects an empty API key at construction', () => {
    expect(() => createBraveClient({ apiKey: '', timeoutMs: 1000, baseUrl: server.baseUrl })).toThrow(RangeError);
  });
});
