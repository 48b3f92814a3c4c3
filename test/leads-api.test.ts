// The lead API with roles over a real socket: a rep works their own team's leads and
// nothing else, a manager their teams', a viewer reads, ops does everything; every refusal
// is a clear error and changes nothing.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiServer, createApiToken, routeScan } from '@prospector/scheduler';
import { loadTeams, seedDoneScan } from './helpers/lead-fixtures.ts';
import { createHarness, REDIS_URL, type Harness } from './helpers/pipeline-harness.ts';

const TEAMS = `teams:
  - name: cle-tp
    kind: teleprospecting
    passesTo: cle-sales
    territory: { states: [OH], postalPrefixes: ["441"] }
    members:
      - { name: Dana Reyes, email: dana@example.com, capacity: 1 }
      - { name: Sam Ortiz, email: sam@example.com, capacity: 1 }
  - name: cin-tp
    kind: teleprospecting
    passesTo: cin-sales
    territory: { states: [OH], postalPrefixes: ["452"] }
    members:
      - { name: Ana Cruz, email: ana@example.com, capacity: 10 }
  - name: cle-sales
    kind: sales
    territory: { postalPrefixes: ["441"] }
    members:
      - { name: Pat Wu, email: pat@example.com, capacity: 100, role: manager }
  - name: cin-sales
    kind: sales
    territory: { postalPrefixes: ["452"] }
    members:
      - { name: Ed Kim, email: ed@example.com, capacity: 100 }
`;

let h: Harness;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let base: string;
const tokens: Record<string, string> = {};
const leadOf = new Map<string, number>();

beforeAll(async () => {
  h = await createHarness('leads-api');
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  await loadTeams(h.prisma, TEAMS);
  const { scanId, ids } = await seedDoneScan(h.prisma, 'api', [
    { externalId: 'C1', name: 'Lakeview Dental', region: 'OH', postalCode: '44113', tier: 'A', score: 80, isp: 'spectrum-business' },
    { externalId: 'C2', name: 'Erie Freight', region: 'OH', postalCode: '44114', tier: 'B', score: 60 },
    { externalId: 'C3', name: 'Cuyahoga Law', region: 'OH', postalCode: '44102', tier: 'C', score: 40 },
    { externalId: 'N1', name: 'Queen City Bakery', region: 'OH', postalCode: '45202', tier: 'B', score: 50 },
  ]);
  await routeScan(h.prisma, scanId);
  for (const [ext, prospectId] of ids) leadOf.set(ext, (await h.prisma.lead.findUniqueOrThrow({ where: { prospectId } })).id);
  app = await buildApiServer({ prisma: h.prisma, pool, queues: h.queues, redis, defaultCountry: 'US', logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  tokens.dana = await createApiToken(h.prisma, 'rep', 'dana', { memberEmail: 'dana@example.com' });
  tokens.ana = await createApiToken(h.prisma, 'rep', 'ana', { memberEmail: 'ana@example.com' });
  tokens.pat = await createApiToken(h.prisma, 'manager', 'pat', { memberEmail: 'pat@example.com' });
  tokens.viewer = await createApiToken(h.prisma, 'viewer', 'viewer');
  tokens.ops = await createApiToken(h.prisma, 'ops', 'ops');
});
afterAll(async () => {
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await h?.close();
});

async function api(who: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> & Record<number, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const snapshot = async () => ({ leads: await h.prisma.lead.findMany({ orderBy: { id: 'asc' } }), events: await h.prisma.leadEvent.count() });

describe('lead API with roles', () => {
  it("gives a rep their own team's queue in priority order with the contract's fields", async () => {
    const { status, json } = await api('dana', '/api/leads');
    expect(status).toBe(200);
    const leads = json as unknown as Record<string, unknown>[];
    expect(leads.map((l) => [l.externalId, l.name, l.postalCode, l.status, l.rep, l.tier, l.score])).toEqual([
      ['C1', 'Lakeview Dental', '44113', 'assigned', 'dana@example.com', 'A', 80],
      ['C2', 'Erie Freight', '44114', 'assigned', 'sam@example.com', 'B', 60],
      ['C3', 'Cuyahoga Law', '44102', 'new', null, 'C', 40],
    ]);
  });

  it('keeps a rep of another team out of the queue, the lead and its changes (403, nothing changed)', async () => {
    const before = await snapshot();
    const id = leadOf.get('C3');
    expect((await api('ana', '/api/leads?team=cle-tp')).status).toBe(403);
    const read = await api('ana', `/api/leads/${id}`);
    expect(read).toMatchObject({ status: 403, json: { error: 'forbidden', message: `lead ${id} belongs to another team; ana@example.com cannot see or change it` } });
    expect((await api('ana', `/api/leads/${id}/history`)).status).toBe(403);
    expect((await api('ana', `/api/leads/${id}/actions`, { action: 'claim' })).status).toBe(403);
    // Team roles never reach campaign-wide data.
    expect((await api('ana', '/api/campaigns')).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a rep claim an unclaimed lead and refuses an illegal transition naming the legal ones', async () => {
    const id = leadOf.get('C3');
    const claimed = await api('dana', `/api/leads/${id}/actions`, { action: 'claim' });
    expect(claimed).toMatchObject({ status: 200, json: { from: 'new', to: 'assigned', team: 'cle-tp', rep: 'Dana Reyes' } });
    const before = await snapshot();
    const illegal = await api('dana', `/api/leads/${id}/actions`, { action: 'won' });
    expect(illegal).toMatchObject({ status: 409, json: { error: 'illegal-transition', legal: ['work', 'disqualify', 'note'] } });
    expect(String(illegal.json.message)).toBe('cannot won a lead that is assigned; legal now: work, disqualify, note');
    expect((await api('dana', `/api/leads/${leadOf.get('C2')}/actions`, { action: 'work' })).status).toBe(403); // Sam's lead
    expect((await api('dana', '/api/leads/999999/actions', { action: 'work' }))).toMatchObject({ status: 404, json: { message: 'no lead 999999' } });
    expect((await api('dana', `/api/leads/${id}/actions`, { action: 'fly' })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('hands a qualified lead to the sales team, where the manager (not the rep) now acts', async () => {
    const id = leadOf.get('C1');
    await api('dana', `/api/leads/${id}/actions`, { action: 'work' });
    expect((await api('dana', `/api/leads/${id}/actions`, { action: 'qualify' })).json).toMatchObject({ to: 'qualified', team: 'cle-sales', rep: 'Pat Wu' });
    expect((await api('dana', `/api/leads/${id}`)).status).toBe(403);
    expect((await api('pat', `/api/leads/${id}/actions`, { action: 'won' })).json).toMatchObject({ from: 'qualified', to: 'won' });
    const history = (await api('ops', `/api/leads/${id}/history`)).json as unknown as { actor: string; action: string }[];
    expect(history.map((e) => `${e.actor} ${e.action}`)).toEqual(['router route', 'dana@example.com work', 'dana@example.com qualify', 'pat@example.com won']);
  });

  it('lets a viewer read any lead but change none', async () => {
    const id = leadOf.get('N1');
    const detail = await api('viewer', `/api/leads/${id}`);
    expect(detail).toMatchObject({ status: 200, json: { status: 'assigned', team: 'cin-tp', actions: [] } });
    expect((await api('viewer', `/api/leads/${id}/actions`, { action: 'work' })).status).toBe(403);
  });

  it('stores a valid correction through the corrections service, and refuses what it refuses with the reason', async () => {
    const id = leadOf.get('N1');
    const bad = await api('ana', `/api/leads/${id}/corrections`, { field: 'domain', value: 'not a domain' });
    expect(bad).toMatchObject({ status: 400, json: { error: 'invalid-correction', message: 'value: a domain such as acme-plumbing.com' } });
    expect((await api('ana', `/api/leads/${id}/corrections`, { field: 'colour', value: 'red' })).status).toBe(400);
    // Checked against the catalog like every other correction: a slug of the wrong kind.
    const wrongKind = await api('ana', `/api/leads/${id}/corrections`, { field: 'emailProvider', value: 'comcast-business' });
    expect(wrongKind).toMatchObject({ status: 422, json: { error: 'invalid-correction' } });
    expect(String(wrongKind.json.message)).toMatch(/not a .*provider for emailProvider/);
    const unknown = await api('ana', `/api/leads/${id}/corrections`, { field: 'emailProvider', unknown: true });
    expect(unknown).toMatchObject({ status: 422, json: { error: 'invalid-correction' } });
    expect(await h.prisma.correction.count()).toBe(0);

    const ok = await api('ana', `/api/leads/${id}/corrections`, { field: 'emailProvider', value: 'microsoft-365', note: 'their IT said so' });
    expect(ok).toMatchObject({ status: 201, json: { field: 'emailProvider', value: 'microsoft-365', note: 'their IT said so', correctedBy: 'ana@example.com', status: 'active' } });
    const lead = await h.prisma.lead.findUniqueOrThrow({ where: { id: Number(id) } });
    const stored = await h.prisma.correction.findMany();
    expect(stored).toEqual([expect.objectContaining({ prospectId: lead.prospectId, field: 'emailProvider', value: 'microsoft-365' })]);
    // A viewer may read the lead but not correct it.
    expect((await api('viewer', `/api/leads/${id}/corrections`, { field: 'emailProvider', value: 'google-workspace' })).status).toBe(403);
  });

  it('binds rep and manager tokens to a member', async () => {
    await expect(createApiToken(h.prisma, 'rep', 'x')).rejects.toThrow('a rep token belongs to a team member: give --member EMAIL');
    await expect(createApiToken(h.prisma, 'rep', 'x', { memberEmail: 'nobody@example.com' })).rejects.toThrow('nobody@example.com is not a member of any team');
    await expect(createApiToken(h.prisma, 'manager', 'x', { memberEmail: 'dana@example.com' })).rejects.toThrow('dana@example.com manages no team');
    await expect(createApiToken(h.prisma, 'ops', 'x', { memberEmail: 'dana@example.com' })).rejects.toThrow(/not bound to a member/);
  });
});
