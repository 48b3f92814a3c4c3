// The HTTP API against real Postgres and Redis: tokens, roles, upload, scan, reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { buildApiServer, createApiToken } from '@prospector/scheduler';
import { createHarness, REDIS_URL, type Harness } from './helpers/pipeline-harness.ts';

let h: Harness;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let ops: string;
let viewer: string;

beforeAll(async () => {
  h = await createHarness('api');
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  app = await buildApiServer({ prisma: h.prisma, pool, queues: h.queues, redis, defaultCountry: 'US', logLevel: 'silent' });
  ops = await createApiToken(h.prisma, 'ops', 'test-ops');
  viewer = await createApiToken(h.prisma, 'viewer', 'test-viewer');
});
afterAll(async () => {
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await h?.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('authentication', () => {
  it('serves /health without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', postgres: 'ok', redis: 'ready' });
  });

  it.each(['/api/campaigns', '/openapi.json', '/metrics', '/admin/queues'])('refuses %s without a valid token', async (url) => {
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url, headers: auth('pk_not-a-real-token') })).statusCode).toBe(401);
  });

  it('lets viewers read but not write, and keeps Bull Board for ops', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: auth(viewer) })).statusCode).toBe(200);
    const write = await app.inject({ method: 'POST', url: '/api/campaigns/x/scans', headers: auth(viewer) });
    expect(write.statusCode).toBe(403);
    expect(write.json()).toEqual({ error: 'forbidden', message: 'this needs the ops role' });
    expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: auth(viewer) })).statusCode).toBe(403);
    const board = await app.inject({ method: 'GET', url: '/admin/queues', headers: auth(ops) });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('<div id="root"');
  });

  it('logs a browser in with a cookie and refuses an open redirect', async () => {
    const res = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${ops}&next=//evil.example` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie } })).statusCode).toBe(200);
    const html = await app.inject({ method: 'GET', url: '/api/campaigns', headers: { accept: 'text/html' } });
    expect(html.statusCode).toBe(302);
    expect(html.headers.location).toBe('/login?next=%2Fapi%2Fcampaigns');
  });
});

describe('OpenAPI and validation', () => {
  it('describes the API', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json', headers: auth(viewer) });
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/campaigns/{campaign}/lists', '/api/campaigns/{campaign}/prospects', '/api/prospects/{id}', '/api/campaigns/{campaign}/export']));
  });

  it('answers a bad query with a consistent error body', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/campaigns/x/prospects?tier=Z', headers: auth(viewer) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-request' });
    const missing = await app.inject({ method: 'GET', url: '/api/campaigns/nope/status', headers: auth(viewer) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'not-found', message: 'campaign "nope" does not exist' });
  });
});

describe('lists, scans and prospects', () => {
  it('imports an uploaded CSV, starts a scan and pages through prospects', async () => {
    const csv = 'Company Name,City,State,ZIP Code,Phone\r\nAcme Tools LLC,Columbus,OH,43004,(614) 555-0100\r\nBolt Bakery,Dayton,OH,45402,937-555-0101\r\n,Nowhere,OH,45402,\r\n';
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'list.csv');
    const upload = await app.inject({ method: 'POST', url: '/api/campaigns/api-demo/lists', headers: auth(ops), payload: form });
    expect(upload.statusCode).toBe(200);
    expect(upload.json()).toMatchObject({ rowsRead: 3, prospectsCreated: 2, rejectedCount: 1 });

    const scan = await app.inject({ method: 'POST', url: '/api/campaigns/api-demo/scans', headers: auth(ops) });
    expect(scan.statusCode).toBe(202);
    expect(scan.json()).toMatchObject({ number: 1, total: 2 });

    const first = (await app.inject({ method: 'GET', url: '/api/campaigns/api-demo/prospects?limit=1', headers: auth(viewer) })).json() as { items: { name: string }[]; nextCursor: number };
    expect(first.items.map((p) => p.name)).toEqual(['Acme Tools LLC']);
    const second = (await app.inject({ method: 'GET', url: `/api/campaigns/api-demo/prospects?limit=1&cursor=${first.nextCursor}`, headers: auth(viewer) })).json() as { items: { id: number; name: string }[]; nextCursor: number | null };
    expect(second.items.map((p) => p.name)).toEqual(['Bolt Bakery']);
    expect(second.nextCursor).toBeNull();

    const one = await app.inject({ method: 'GET', url: `/api/prospects/${second.items[0]!.id}`, headers: auth(viewer) });
    expect(one.json()).toMatchObject({ name: 'Bolt Bakery', phone: '+19375550101', sourceRows: [expect.objectContaining({ rowNumber: 3 })] });
  });
});
