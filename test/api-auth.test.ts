// Sign-in and credentials against real Postgres and Redis: the session cookie holds no
// token and is Secure behind HTTPS, sign-ins are throttled per address, tokens expire
// and are revoked (with their sessions), through the service and the real CLI.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { buildApiServer, type ApiDeps } from '@prospector/scheduler';
import { createApiToken } from '@prospector/scheduler';
import { listApiTokens, parseExpiry, revokeApiToken } from '@prospector/scheduler';
import { createHarness, REDIS_URL, type Harness } from './helpers/pipeline-harness.ts';

let h: Harness;
let app: FastifyInstance;
let proxied: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let ops: string;

beforeAll(async () => {
  h = await createHarness('api-auth');
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  const deps: ApiDeps = { prisma: h.prisma, pool, queues: h.queues, redis, defaultCountry: 'US', logLevel: 'silent' };
  app = await buildApiServer(deps);
  proxied = await buildApiServer({ ...deps, trustProxy: ['127.0.0.1'] });
  ops = await createApiToken(h.prisma, 'ops', 'auth-ops');
});
afterAll(async () => {
  await app?.close();
  await proxied?.close();
  await redis?.quit();
  await pool?.end();
  await h?.close();
});

let nextAddress = 1;
/** Each test signs in from addresses of its own, so throttle counts never mix. */
const freshAddress = () => `10.9.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

function signIn(server: FastifyInstance, token: string, options: { remoteAddress?: string; headers?: Record<string, string> } = {}) {
  return server.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: options.remoteAddress ?? freshAddress(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    payload: new URLSearchParams({ token, next: '/api/campaigns' }).toString(),
  });
}

const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie'] ?? '');
const asCookieHeader = (setCookie: string) => setCookie.split(';')[0]!;

describe('the session cookie', () => {
  it('carries a session secret, not the token, HttpOnly and SameSite=Strict, not Secure over plain HTTP', async () => {
    const res = await signIn(app, ops);
    expect(res.statusCode).toBe(302);
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/^prospector_session=ps_[A-Za-z0-9_-]{43}; /);
    expect(cookie).not.toContain(ops);
    expect(cookie).not.toContain(encodeURIComponent(ops));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie: asCookieHeader(cookie) } })).statusCode).toBe(200);
  });

  it('is Secure behind a trusted proxy that says HTTPS, and not when an untrusted client claims it', async () => {
    const behindProxy = await signIn(proxied, ops, { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': freshAddress() } });
    expect(cookieOf(behindProxy)).toMatch(/; Secure$/);
    const spoofed = await signIn(app, ops, { headers: { 'x-forwarded-proto': 'https' } });
    expect(cookieOf(spoofed)).not.toContain('Secure');
  });

  it('does not accept the token itself as a cookie any more', async () => {
    for (const name of ['prospector_token', 'prospector_session']) {
      expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie: `${name}=${ops}` } })).statusCode).toBe(401);
    }
  });

  it('ends when its token is revoked', async () => {
    const token = await createApiToken(h.prisma, 'viewer', 'revoked-with-session');
    const cookie = asCookieHeader(cookieOf(await signIn(app, token)));
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie } })).statusCode).toBe(200);
    await revokeApiToken(h.prisma, 'revoked-with-session');
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie } })).statusCode).toBe(401);
    expect(await h.prisma.apiSession.count({ where: { token: { name: 'revoked-with-session' } } })).toBe(0);
  });
});

describe('sign-in throttle', () => {
  it('answers 429 with Retry-After after 10 attempts from one address in 15 minutes, even to the right token', async () => {
    const address = freshAddress();
    for (let i = 0; i < 10; i++) expect((await signIn(app, `pk_guess-${i}`, { remoteAddress: address })).statusCode).toBe(401);
    const locked = await signIn(app, ops, { remoteAddress: address });
    expect(locked.statusCode).toBe(429);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.body).toContain('Too many sign-in attempts');
    // Another address is not affected.
    expect((await signIn(app, ops)).statusCode).toBe(302);
  });

  it('lets no more than 10 of a parallel burst of guesses through to the token check', async () => {
    const address = freshAddress();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(app, `pk_burst-${i}`, { remoteAddress: address })));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
    expect(codes.filter((c) => c === 429)).toHaveLength(30);
  });

  it('does not forgive earlier failures when a valid token signs in', async () => {
    const address = freshAddress();
    for (let i = 0; i < 9; i++) await signIn(app, `pk_guess-${i}`, { remoteAddress: address });
    expect((await signIn(app, ops, { remoteAddress: address })).statusCode).toBe(302);
    expect((await signIn(app, 'pk_guess-last', { remoteAddress: address })).statusCode).toBe(401);
    expect((await signIn(app, 'pk_guess-over', { remoteAddress: address })).statusCode).toBe(429);
  });

  it('counts the client behind a trusted proxy, not the proxy', async () => {
    const client = freshAddress();
    for (let i = 0; i < 10; i++) await signIn(proxied, `pk_guess-${i}`, { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
    expect((await signIn(proxied, ops, { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } })).statusCode).toBe(429);
    expect((await signIn(proxied, ops, { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': freshAddress() } })).statusCode).toBe(302);
  });
});

describe('token expiry and revocation', () => {
  it('refuses an expired token, as a Bearer and at sign-in', async () => {
    const token = await createApiToken(h.prisma, 'viewer', 'short-lived', { expiresAt: new Date(Date.now() + 60_000) });
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: bearer })).statusCode).toBe(200);
    await h.prisma.apiToken.updateMany({ where: { name: 'short-lived' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: bearer })).statusCode).toBe(401);
    expect((await signIn(app, token)).statusCode).toBe(401);
  });

  it('caps a session at its token expiry', async () => {
    const token = await createApiToken(h.prisma, 'viewer', 'expires-in-an-hour', { expiresAt: new Date(Date.now() + 3_600_000) });
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookieOf(await signIn(app, token)))?.[1]);
    expect(maxAge).toBeGreaterThan(3500);
    expect(maxAge).toBeLessThanOrEqual(3600);
  });

  it('reads expiries as durations, dates or never, and names a bad one', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(parseExpiry('90d', now)?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(parseExpiry('12h', now)?.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(parseExpiry('2027-06-01', now)?.toISOString()).toBe('2027-06-01T00:00:00.000Z');
    expect(parseExpiry('never', now)).toBeNull();
    expect(() => parseExpiry('90 days', now)).toThrow(/--expires 90 days: expected a duration such as 90d/);
    expect(() => parseExpiry('2020-01-01', now)).toThrow(/in the past/);
    expect(() => parseExpiry('0d', now)).toThrow(/positive/);
  });

  it('revokes by id or by a name one active token has, and refuses a name several share', async () => {
    const a = await createApiToken(h.prisma, 'viewer', 'shared-name');
    await createApiToken(h.prisma, 'viewer', 'shared-name');
    await expect(revokeApiToken(h.prisma, 'shared-name')).rejects.toThrow(/2 active tokens are named "shared-name" \(ids \d+, \d+\): revoke one by id/);
    const [first] = (await listApiTokens(h.prisma)).filter((t) => t.name === 'shared-name');
    expect((await revokeApiToken(h.prisma, String(first!.id))).status).toBe('revoked');
    expect((await revokeApiToken(h.prisma, 'shared-name')).status).toBe('revoked');
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { authorization: `Bearer ${a}` } })).statusCode).toBe(401);
    await expect(revokeApiToken(h.prisma, 'no-such-token')).rejects.toThrow(/no token with id or name "no-such-token"/);
  });
});

describe('prospector token (the real binary)', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) =>
    run(process.execPath, ['apps/scheduler/bin/prospector.mjs', 'token', ...args], { env: { ...process.env, DATABASE_URL: h.db.url, REDIS_URL, LOG_LEVEL: 'warn' }, timeout: 100_000 });

  it('creates with --expires, lists without secrets, revokes by name', async () => {
    const created = await cli('create', '--role', 'ops', '--name', 'cli-robot', '--expires', '30d');
    const token = created.stdout.trim();
    expect(token).toMatch(/^pk_/);
    expect(created.stderr).toMatch(/token "cli-robot" \(ops\) expires \d{4}-/);
    expect((await cli('revoke', 'cli-robot')).stdout).toMatch(/^revoked token \d+ "cli-robot" \(ops\)/);
    const listed = (await cli('list')).stdout;
    expect(listed).toMatch(/cli-robot\s+ops\s+revoked/);
    expect(listed).not.toContain(token);
  }, 120_000);
});
