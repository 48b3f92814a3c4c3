// The HTTP API against real Postgres and Redis: tokens, roles, upload, scan, reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { buildApiServer, createApiToken, CSP_POLICIES } from '@prospector/scheduler';
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

describe('security headers', () => {
  it.each([
    ['the login page', '/login', undefined, 'page'],
    ['Bull Board', '/admin/queues', 'ops', 'board'],
    ['a Bull Board asset', '/admin/queues/static/favicon-32x32.png', 'ops', 'board'],
    ['Bull Board\'s API', '/admin/queues/api/queues', 'ops', 'board'],
    ['the API', '/api/campaigns', 'viewer', 'api'],
    ['OpenAPI', '/openapi.json', 'viewer', 'api'],
    ['a refusal', '/api/campaigns', undefined, 'api'],
    ['a missing route', '/nowhere', 'viewer', 'api'],
  ] as const)('forbid framing and sniffing on %s', async (_what, url, role, policy) => {
    const headers = role ? auth(role === 'ops' ? ops : viewer) : {};
    const res = await app.inject({ method: 'GET', url, headers });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toBe(CSP_POLICIES[policy]);
  });

  it('lets no page run an inline script', () => {
    for (const csp of Object.values(CSP_POLICIES)) expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(CSP_POLICIES.page).not.toContain('script-src');
  });
});

describe('login redirect', () => {
  const signIn = (next: string) =>
    app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ token: ops, next }).toString() });

  it.each(['/\\evil.example', '/\t/evil.example', '//evil.example', 'https://evil.example', '/%09/evil', '\\\\evil.example', '/.//evil.example'])(
    'sends the browser home, not to %j',
    async (next) => {
      const res = await signIn(next);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/');
    },
  );

  it('returns to a same-origin path, and writes a checked next into the form', async () => {
    expect((await signIn('/campaigns/acme/report?x=1')).headers.location).toBe('/campaigns/acme/report?x=1');
    const form = await app.inject({ method: 'GET', url: `/login?next=${encodeURIComponent('/campaigns/a"b/report')}` });
    expect(form.body).toContain('name="next" value="/campaigns/a%22b/report"');
    const hostile = await app.inject({ method: 'GET', url: `/login?next=${encodeURIComponent('/\\evil.example')}` });
    expect(hostile.body).toContain('name="next" value="/"');
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

describe('hostile input gets a 4xx, never a 500', () => {
  it.each([
    ['a NUL in a campaign name', 'GET', '/api/campaigns/a%00b/status', 400],
    ['a NUL in a campaign name (prospects)', 'GET', '/api/campaigns/a%00b/prospects', 400],
    ['a NUL in a campaign name (report)', 'GET', '/campaigns/a%00b/report', 400],
    ['a NUL in a campaign name (export)', 'GET', '/api/campaigns/a%00b/export?format=csv', 400],
    ['a NUL in a campaign name (scan)', 'POST', '/api/campaigns/a%00b/scans', 400],
    ['a NUL in a filter', 'GET', '/api/campaigns/x/prospects?region=a%00b', 400],
    ['a control character in a filter', 'GET', '/api/campaigns/x/prospects?isp=a%1bb', 400],
    ['an id above 2^31', 'GET', '/api/prospects/2147483648', 400],
    ['an id of 20 digits', 'GET', '/api/prospects/99999999999999999999', 400],
    ['a cursor above 2^31', 'GET', '/api/campaigns/x/prospects?cursor=3000000000', 400],
    ['the largest id', 'GET', '/api/prospects/2147483647', 404],
  ] as const)('%s', async (_what, method, url, status) => {
    const res = await app.inject({ method, url, headers: auth(ops) });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it.each(['prospector_session=%E0%A4%A', 'prospector_session=ps_%00', 'prospector_token=%E0%A4%A', '%%%;=;;=x', 'prospector_session'])('treats the malformed cookie %j as no credential', async (cookie) => {
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie } })).statusCode).toBe(401);
    const html = await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie, accept: 'text/html' } });
    expect(html.statusCode).toBe(302);
    // A Bearer token still works next to it.
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie, ...auth(viewer) } })).statusCode).toBe(200);
  });

  it('serves the login form whatever its next parameter holds', async () => {
    for (const next of ['%E0%A4%A', '%00', '%2F%2Fevil']) {
      const res = await app.inject({ method: 'GET', url: `/login?next=${next}` });
      expect(res.statusCode).toBe(200);
    }
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

    const report = await app.inject({ method: 'GET', url: '/campaigns/api-demo/report', headers: auth(viewer) });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-security-policy']).toBe(CSP_POLICIES.report);
    expect(report.headers['x-content-type-options']).toBe('nosniff');
  });
});
