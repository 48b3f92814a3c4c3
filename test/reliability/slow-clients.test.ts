// Slow clients cannot hold the API: raw sockets that send one byte per second are cut
// off in bounded time at every phase of a request, a refused request's body is not read,
// and one address flooding the server with such sockets leaves /health answering.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { buildApiServer } from '@prospector/scheduler';
import { createApiToken } from '@prospector/scheduler';
import type { ClientLimits } from '@prospector/scheduler';
import { createHarness, REDIS_URL, type Harness } from '../helpers/pipeline-harness.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { openSlowClient, type SlowClient } from '../helpers/slow-client.ts';

// Short limits so that each bound shows within seconds; each is distinct, so a close
// can be told apart by when it happens.
const LIMITS: ClientLimits = {
  headersTimeoutMs: 1000,
  bodyTimeoutMs: 1500,
  requestTimeoutMs: 3000,
  idleTimeoutMs: 8000,
  keepAliveTimeoutMs: 500,
  maxConnectionsPerAddress: 16,
};
/** Slack for the server's check interval (at most 1 s, here 500 ms) and a loaded machine. */
const SLACK_MS = 1500;
const NODE_KEEP_ALIVE_BUFFER_MS = 1000;

let h: Harness;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let port: number;
let viewer: string;
let ops: string;
const clients: SlowClient[] = [];

beforeAll(async () => {
  h = await createHarness('api-slow');
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  app = await buildApiServer({ prisma: h.prisma, pool, queues: h.queues, redis, defaultCountry: 'US', logLevel: 'silent', limits: LIMITS });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
  viewer = await createApiToken(h.prisma, 'viewer', 'slow-viewer');
  ops = await createApiToken(h.prisma, 'ops', 'slow-ops');
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await h?.close();
});

async function slow(head: string, localAddress?: string, intervalMs = 1000): Promise<SlowClient> {
  const client = await openSlowClient({ port, head, localAddress, intervalMs });
  clients.push(client);
  return client;
}

const post = (path: string, headers: string[], length = 100_000) =>
  [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${length}`, ...headers, '', ''].join('\r\n');

describe('a slow client', () => {
  it('gets its 401 and the connection closed at once: the server does not read a refused body', async () => {
    const client = await slow(post('/api/campaigns/x/lists', ['Content-Type: multipart/form-data; boundary=b']));
    const ms = await client.closed(LIMITS.headersTimeoutMs);
    expect(client.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(client.received().toLowerCase()).toContain('connection: close');
    expect(ms).toBeLessThan(LIMITS.headersTimeoutMs);
  });

  it('gets its 403 and the connection closed at once when its token lacks the role', async () => {
    const client = await slow(post('/api/campaigns/x/scans', [`Authorization: Bearer ${viewer}`, 'Content-Type: application/json']));
    const ms = await client.closed(LIMITS.headersTimeoutMs);
    expect(client.received()).toMatch(/^HTTP\/1\.1 403 /);
    expect(ms).toBeLessThan(LIMITS.headersTimeoutMs);
  });

  it('sending its headers at 1 byte/s is cut off after the headers timeout', async () => {
    const client = await slow('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Drip: ');
    const ms = await client.closed(LIMITS.headersTimeoutMs + SLACK_MS);
    expect(ms).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
  });

  it('sending the login form at 1 byte/s is cut off after the body timeout', async () => {
    const client = await slow(post('/login', ['Content-Type: application/x-www-form-urlencoded'], 1000));
    const ms = await client.closed(LIMITS.bodyTimeoutMs + SLACK_MS);
    expect(ms).toBeGreaterThanOrEqual(LIMITS.bodyTimeoutMs - 50);
  });

  it('uploading a list at 1 byte/s with an ops token is cut off after the request timeout', async () => {
    const client = await slow(
      post('/api/campaigns/slow/lists', [`Authorization: Bearer ${ops}`, 'Content-Type: multipart/form-data; boundary=b']) +
        '--b\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\nCompany Name\r\n',
    );
    const ms = await client.closed(LIMITS.requestTimeoutMs + SLACK_MS);
    // Not the body timeout: uploads opt out of it and are bounded by the whole-request one.
    expect(ms).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 50);
  });

  it('keeping an idle keep-alive connection is cut off after the keep-alive timeout', async () => {
    // One complete request, then silence: a drip would start a new request.
    const client = await slow('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', undefined, 0);
    // Node keeps the socket 1 s past the advertised keep-alive (to dodge client-side
    // resets); Fastify's own default was 72 s.
    const ms = await client.closed(LIMITS.keepAliveTimeoutMs + NODE_KEEP_ALIVE_BUFFER_MS + SLACK_MS);
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(ms).toBeGreaterThanOrEqual(LIMITS.keepAliveTimeoutMs);
  });
});

describe('many slow clients', () => {
  it('one address gets its share of connections, the rest a 503, and /health answers meanwhile', async () => {
    const perAddress = 30;
    const addresses = Array.from({ length: 10 }, (_, i) => `127.0.0.${i + 2}`);
    const admitted = addresses.length * LIMITS.maxConnectionsPerAddress;
    const excess = addresses.length * perAddress - admitted;
    const flood = await Promise.all(addresses.flatMap((a) => Array.from({ length: perAddress }, () => slow('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Drip: ', a))));
    const refused = () => flood.filter((c) => !c.isOpen() && c.received().startsWith('HTTP/1.1 503'));
    const deadline = Date.now() + 2000;
    while (refused().length < excess && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(refused().length).toBe(excess);

    const started = performance.now();
    const health = await rawRequest(port, { method: 'GET', path: '/health' });
    const answeredAt = performance.now();
    expect(health.status).toBe(200);
    expect(answeredAt - started).toBeLessThan(1000);
    // Every admitted slow socket was still held when /health answered...
    const held = flood.filter((c) => !c.received().startsWith('HTTP/1.1 503'));
    expect(held.length).toBe(admitted);
    expect(held.filter((c) => (c.closedAt() ?? Infinity) < answeredAt)).toEqual([]);
    // ...and each is cut off by the headers timeout.
    await Promise.all(held.map((c) => c.closed(LIMITS.headersTimeoutMs + SLACK_MS + 1000)));
  });
});
