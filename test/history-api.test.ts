// Schedules, changes and prospect history over HTTP, against real Postgres and Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { completeScanIfFinished } from '@prospector/core';
import { buildApiServer, createApiToken } from '@prospector/scheduler';
import { createHarness, REDIS_URL, type Harness } from './helpers/pipeline-harness.ts';

let h: Harness;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let ops: string;
let prospectId: number;

beforeAll(async () => {
  h = await createHarness('history_api');
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  app = await buildApiServer({ prisma: h.prisma, pool, queues: h.queues, redis, defaultCountry: 'US', logLevel: 'silent' });
  ops = await createApiToken(h.prisma, 'ops', 'test-ops');
  // Two scans by hand: the office moved from Comcast Business to AT&T.
  const campaign = await h.prisma.campaign.create({ data: { name: 'acme' } });
  prospectId = (await h.prisma.prospect.create({ data: { campaignId: campaign.id, externalId: 'R-1', name: 'Acme', nameKey: 'acme', postalCode: '43004' } })).id;
  for (const [number, isp] of [[1, 'comcast-business'], [2, 'att']] as const) {
    const scan = await h.prisma.scan.create({ data: { campaignId: campaign.id, number, total: 1, startedAt: new Date(Date.UTC(2026, 10, number)) } });
    await h.prisma.finding.create({ data: { scanId: scan.id, prospectId, presence: 'website', domain: 'acme.com', isp, score: 60, tier: 'B', reasons: [], confidence: { isp: 0.9 }, evidence: { isp: [`${isp} PTR`] } } });
    await h.prisma.stageRun.create({ data: { scanId: scan.id, prospectId, stage: 'classify', status: 'done' } });
    await completeScanIfFinished(h.prisma, scan.id);
  }
});
afterAll(async () => {
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await h?.close();
});

const as = () => ({ authorization: `Bearer ${ops}` });

describe('schedules', () => {
  it('refuses bad schedules with a clear error', async () => {
    const post = (payload: object, campaign = 'acme') => app.inject({ method: 'POST', url: `/api/campaigns/${campaign}/schedules`, headers: as(), payload });
    const cases: [object, number, RegExp][] = [
      [{ every: '0d' }, 400, /at least 1s/],
      [{ every: '30' }, 400, /a number and a unit/],
      [{ cron: 'every monday' }, 400, /expected 5 fields/],
      [{ cron: '0 25 * * 1' }, 400, /--cron "0 25 \* \* 1"/],
      [{ cron: '0 3 * * 1', tz: 'Nowhere/Land' }, 400, /not an IANA time zone/],
      [{ every: '1d', cron: '0 3 * * 1' }, 400, /exactly one/],
      [{}, 400, /exactly one/],
    ];
    for (const [payload, status, message] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().message).toMatch(message);
    }
    const unknown = await post({ every: '1d' }, 'nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/campaign "nope" does not exist/);
  });

  it('creates, lists and removes a cron schedule in a time zone', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/campaigns/acme/schedules', headers: as(), payload: { cron: '0 3 * * 1', tz: 'Europe/Paris' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ campaign: 'acme', cron: '0 3 * * 1', tz: 'Europe/Paris', every: null });
    // Monday 03:00 in Paris is 01:00 or 02:00 UTC.
    const next = new Date(created.json().next as string);
    expect(next.getUTCDay()).toBe(1);
    expect([1, 2]).toContain(next.getUTCHours());
    const listed = await app.inject({ method: 'GET', url: '/api/campaigns/acme/schedules', headers: as() });
    expect(listed.json()).toHaveLength(1);
    expect((await app.inject({ method: 'DELETE', url: '/api/campaigns/acme/schedules', headers: as() })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: '/api/campaigns/acme/schedules', headers: as() })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/campaigns/acme/schedules', headers: as() })).json()).toEqual([]);
  });
});

describe('changes and history', () => {
  it('lists the move with the export field name, both scans and the confidence; filters narrow it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/campaigns/acme/changes?field=isp&from=comcast-business&to=att&since=2026-11-02', headers: as() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject([{ externalId: 'R-1', field: 'isp', kind: 'changed', from: 'comcast-business', to: 'att', fromScan: 1, toScan: 2, confidence: 0.9, fromEvidence: ['comcast-business PTR'], toEvidence: ['att PTR'] }]);
    for (const q of ['since=2026-11-03', 'to=spectrum', 'field=emailProvider']) {
      expect((await app.inject({ method: 'GET', url: `/api/campaigns/acme/changes?${q}`, headers: as() })).json(), q).toEqual([]);
    }
    const bad = await app.inject({ method: 'GET', url: '/api/campaigns/acme/changes?field=colour', headers: as() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/field "colour"/);
    expect((await app.inject({ method: 'GET', url: '/api/campaigns/acme/changes?since=last-week', headers: as() })).statusCode).toBe(400);
  });

  it("serves a prospect's periods and events", async () => {
    const res = await app.inject({ method: 'GET', url: `/api/prospects/${prospectId}/history`, headers: as() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.prospect).toMatchObject({ externalId: 'R-1', campaign: 'acme' });
    expect(body.periods.filter((p: { field: string }) => p.field === 'isp')).toEqual([
      { field: 'isp', value: 'comcast-business', firstScan: 1, lastScan: 1, validFrom: '2026-11-01T00:00:00.000Z', validTo: '2026-11-02T00:00:00.000Z' },
      { field: 'isp', value: 'att', firstScan: 2, lastScan: 2, validFrom: '2026-11-02T00:00:00.000Z', validTo: null },
    ]);
    expect(body.events.map((e: { field: string; kind: string }) => `${e.field} ${e.kind}`)).toEqual(['isp changed']);
    expect((await app.inject({ method: 'GET', url: '/api/prospects/999999/history', headers: as() })).statusCode).toBe(404);
  });
});
