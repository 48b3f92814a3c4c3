// Authorisation is decided on the matched route, never on URL text: every registered
// route (collected by the server's onRoute hook) is called by each role under every
// spelling an attacker might try, and no viewer or anonymous call reaches an ops route.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { buildApiServer } from '@prospector/scheduler';
import { createApiToken } from '@prospector/scheduler';
import type { AccessEntry, RouteRole } from '@prospector/scheduler';
import { QUEUE_NAMES } from '@prospector/core';
import { createHarness, REDIS_URL, type Harness } from './helpers/pipeline-harness.ts';
import { rawRequest, type RawResponse } from './helpers/raw-http.ts';

let h: Harness;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let port: number;
let tokens: Record<'viewer' | 'ops', string>;

beforeAll(async () => {
  h = await createHarness('api-access');
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  app = await buildApiServer({ prisma: h.prisma, pool, queues: h.queues, redis, defaultCountry: 'US', logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
  tokens = { viewer: await createApiToken(h.prisma, 'viewer', 'walk-viewer'), ops: await createApiToken(h.prisma, 'ops', 'walk-ops') };
  // A delayed canary per queue: promote, remove, clean, empty and obliterate would all change it.
  for (const q of Object.values(h.queues.queues)) await q.add('canary', { scanId: 1, prospectId: 1 }, { jobId: 'canary', delay: 3_600_000 });
});
afterAll(async () => {
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await h?.close();
});

const SAMPLE_PARAMS: Record<string, string> = { queueName: 'search', jobId: 'canary', queueStatus: 'delayed', schedulerId: 'walk', campaign: 'walk', id: '1' };

/** A concrete path for a route pattern: real queue and job names, so a leak would act. */
function concretePath(url: string): string {
  const path = url.replace(/:(\w+)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x').replace(/\*$/, 'index.js');
  return path === '' ? '/' : path;
}

const encodeAll = (s: string, hex: (c: string) => string) => s.replace(/[^/]/g, (c) => `%${hex(c)}`);

/** The spellings a router, proxy or path check may disagree about. */
export function pathVariants(path: string): string[] {
  const [first = '', ...rest] = path.slice(1).split('/');
  const tail = rest.length ? `/${rest.join('/')}` : '';
  const variants = [
    path,
    `/%${first.charCodeAt(0).toString(16)}${first.slice(1)}${tail}`,
    encodeAll(path, (c) => c.charCodeAt(0).toString(16)),
    encodeAll(path, (c) => c.charCodeAt(0).toString(16).toUpperCase()),
    `/${path}`,
    path.replace(/\//g, '//'),
    `${path}.`,
    `/${first}.${tail}`,
    `${path}/`,
    `/.${path}`,
    `/%2e${path}`,
    `/x/..${path}`,
    `/health/..${path}`,
    `/login/..${path}`,
    `/${first};x${tail}`,
    `${path};x`,
    path.toUpperCase(),
    `/${first.charAt(0).toUpperCase()}${first.slice(1)}${tail}`,
    `/${path.slice(1).replace(/\//g, '\\')}`,
    `${path}?next=/health`,
  ];
  return [...new Set(variants)];
}

async function call(entry: AccessEntry, path: string, token: string | null): Promise<RawResponse> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(entry.method);
  if (hasBody) headers['content-type'] = 'application/json';
  const res = await rawRequest(port, { method: entry.method, path, headers, body: hasBody ? JSON.stringify({ name: 'walk', data: {} }) : undefined });
  // A HEAD answer has no body to tell the not-found handler's 404 from a handler's:
  // the GET of the same path, whose route HEAD mirrors, tells.
  if (entry.method === 'HEAD' && res.status === 404) return { ...res, body: (await rawRequest(port, { method: 'GET', path, headers })).body };
  return res;
}

/**
 * Refused before any route's handler ran: the not-found handler (no route matched) or
 * Node's HTTP parser (a path it will not accept, such as one starting with a backslash).
 */
const isNoRoute = (res: RawResponse) =>
  (res.status === 404 && res.body.includes('"message":"no route ')) || (res.status === 400 && res.body.includes('"message":"Client Error"'));

async function queueState(): Promise<unknown> {
  return Promise.all(
    Object.values(h.queues.queues).map(async (q) => ({ name: q.name, paused: await q.isPaused(), counts: await q.getJobCounts(), canary: (await q.getJob('canary'))?.data ?? null })),
  );
}

/**
 * The policy, stated here independently of the routes' own declarations: a route that
 * declared too little would otherwise set its own bar. Bull Board and every write is ops.
 */
function expectedRole(entry: AccessEntry): RouteRole {
  if (entry.url === '/health' || entry.url === '/login' || entry.url === '/unsubscribe') return 'public';
  if (entry.url.startsWith('/admin/queues')) return 'ops';
  // Lead routes and the reps' pages: team roles reach them, narrowed to their teams by the handler.
  if (/^\/(api\/leads|api\/teams|my)(\/|$)/.test(entry.url)) return ['GET', 'HEAD'].includes(entry.method) ? 'leads-read' : 'leads-write';
  return ['GET', 'HEAD'].includes(entry.method) ? 'viewer' : 'ops';
}

describe('authorisation on the matched route', () => {
  it('declares on every registered route the role the policy gives it, Bull Board included', async () => {
    await app.ready();
    const table = app.accessTable;
    expect(table.filter((r) => r.url.startsWith('/admin/queues')).length).toBeGreaterThan(30);
    expect(table.filter((r) => r.role !== expectedRole(r))).toEqual([]);
    expect(table.filter((r) => r.role === 'public').map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /health', 'GET /login', 'GET /unsubscribe', 'HEAD /health', 'HEAD /login', 'HEAD /unsubscribe', 'POST /login', 'POST /unsubscribe']);
  });

  it('never lets an anonymous caller or a viewer reach an ops route, under any spelling of its path', async () => {
    const before = await queueState();
    const campaignsBefore = await h.prisma.campaign.count();
    const probes: { entry: AccessEntry; path: string; role: RouteRole }[] = app.accessTable.flatMap((entry) => {
      const role = expectedRole(entry);
      return role === 'public' ? [] : pathVariants(concretePath(entry.url)).map((path) => ({ entry, path, role }));
    });
    const leaks: string[] = [];
    // Eight at a time: some 2,800 requests, on a machine that is shared.
    let next = 0;
    const worker = async () => {
      for (let probe = probes[next++]; probe; probe = probes[next++]) {
        const { entry, path, role } = probe;
        const anonymous = await call(entry, path, null);
        if (!(anonymous.status === 401 || isNoRoute(anonymous))) leaks.push(`anonymous ${entry.method} ${path} → ${anonymous.status}`);
        if (role !== 'ops' && role !== 'leads-write') continue;
        const viewer = await call(entry, path, tokens.viewer);
        if (!(viewer.status === 403 || isNoRoute(viewer))) leaks.push(`viewer ${entry.method} ${path} → ${viewer.status}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(probes.length).toBeGreaterThan(1000);
    expect(leaks.sort()).toEqual([]);
    expect(await queueState()).toEqual(before);
    expect(await h.prisma.campaign.count()).toBe(campaignsBefore);
  }, 120_000);

  it('lets a viewer call viewer routes and refuses ops routes with 403', async () => {
    for (const entry of app.accessTable.filter((r) => expectedRole(r) !== 'public')) {
      const res = await call(entry, concretePath(entry.url), tokens.viewer);
      const role = expectedRole(entry);
      expect([401, 403].includes(res.status), `${entry.method} ${entry.url} → ${res.status}`).toBe(role === 'ops' || role === 'leads-write');
    }
  });

  it('routes the encoded spelling to the same ops route: ops pauses the queue through it', async () => {
    // The tripwire of the walk above: the spelling does reach the pause handler, and
    // queueState() does see a pause, so a viewer getting through would have been caught.
    const search = h.queues.queues.search;
    expect(await search.isPaused()).toBe(false);
    const res = await rawRequest(port, { method: 'PUT', path: '/%61dmin/queues/api/queues/search/pause', headers: { authorization: `Bearer ${tokens.ops}` } });
    expect(res.status).toBe(200);
    expect(await search.isPaused()).toBe(true);
    await search.resume();
  });

  it('lets ops call every route under its plain path', async () => {
    for (const entry of app.accessTable.filter((r) => expectedRole(r) !== 'public')) {
      const res = await call(entry, concretePath(entry.url), tokens.ops);
      expect([401, 403].includes(res.status), `${entry.method} ${entry.url} → ${res.status}`).toBe(false);
    }
  });

  it('names each queue the walk substitutes', () => {
    expect(QUEUE_NAMES).toContain(SAMPLE_PARAMS.queueName);
  });
});
