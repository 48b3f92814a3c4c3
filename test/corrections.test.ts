// Reps' corrections: validated row by row, laid over the finding in every reader at once,
// and standing until a later scan confidently sees something else.
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadCatalog } from '@prospector/agents';
import { buildApiServer } from '@prospector/scheduler';
import { createApiToken } from '@prospector/scheduler';
import { recordCorrections } from '@prospector/scheduler';
import { readCorrectionFile } from '@prospector/scheduler';
import { exportRecords } from '@prospector/scheduler';
import { getCampaignStats } from '@prospector/scheduler';
import { loadReportData } from '@prospector/scheduler';
import { supersedeCorrections } from '@prospector/worker';
import { createHarness, REDIS_URL, type Harness } from './helpers/pipeline-harness.ts';

const catalog = loadCatalog();
let h: Harness;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let port: number;
let tokens: Record<'viewer' | 'ops', string>;
let ids: Record<'acme' | 'bolt' | 'cove', number>;
let scan1: number;

beforeAll(async () => {
  h = await createHarness('corrections');
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  app = await buildApiServer({ prisma: h.prisma, pool, queues: h.queues, redis, defaultCountry: 'US', logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
  tokens = { viewer: await createApiToken(h.prisma, 'viewer', 'v'), ops: await createApiToken(h.prisma, 'ops', 'o') };
  const campaign = await h.prisma.campaign.create({ data: { name: 'fix' } });
  const prospect = (externalId: string, name: string) =>
    h.prisma.prospect.create({ data: { campaignId: campaign.id, externalId, name, nameKey: name.toLowerCase(), city: 'Columbus', region: 'OH', postalCode: '43004' } });
  ids = { acme: (await prospect('A1', 'Acme')).id, bolt: (await prospect('B2', 'Bolt')).id, cove: (await prospect('C3', 'Cove')).id };
  scan1 = (await h.prisma.scan.create({ data: { campaignId: campaign.id, number: 1, total: 3, status: 'done' } })).id;
  for (const [id, domain] of [[ids.acme, 'acme-namesake.com'], [ids.bolt, 'bolt.com'], [ids.cove, null]] as const) {
    await h.prisma.finding.create({
      data: {
        scanId: scan1, prospectId: id, presence: domain ? 'website' : 'none', domain, emailProvider: domain ? 'google-workspace' : null, isp: 'att',
        score: 50, tier: 'B', reasons: ['r'], confidence: { domain: 0.9, emailProvider: 0.9 }, evidence: { domain: ['seen'] },
      },
    });
  }
});
afterAll(async () => {
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await h?.close();
});

async function post(id: number, body: unknown, token: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/prospects/${id}/corrections`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('recording corrections', () => {
  it('rejects an unknown field, slug, wrong-kind slug, prospect or duplicate target with its row, and applies the rest', async () => {
    const by = 'dana@sales';
    const result = await recordCorrections(h.prisma, [
      { prospect: { externalId: 'A1' }, field: 'colour', value: 'red', by },
      { prospect: { externalId: 'A1' }, field: 'emailProvider', value: 'gmail-for-business', by },
      { prospect: { externalId: 'A1' }, field: 'emailProvider', value: 'comcast-business', by },
      { prospect: { externalId: 'ZZ' }, field: 'domain', value: 'acme.com', by },
      { prospect: { externalId: 'B2' }, field: 'duplicateOf', value: 'NOPE', by },
      { prospect: { externalId: 'A1' }, field: 'domain', value: 'not a domain', by },
      { prospect: { externalId: 'A1' }, field: 'domain', value: 'https://www.AcmePlumbing.net/', note: 'the rep called them', by },
      { prospect: { externalId: 'B2' }, field: 'emailProvider', value: 'uncatalogued:mxroute.com', by },
    ], { catalog, campaign: 'fix' });
    expect(result.rejected.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.rejected[0]!.reason).toMatch(/unknown field "colour"/);
    expect(result.rejected[1]!.reason).toMatch(/unknown provider slug "gmail-for-business"/);
    expect(result.rejected[2]!.reason).toMatch(/not a email provider/);
    expect(result.rejected[3]!.reason).toMatch(/no prospect with externalId "ZZ"/);
    expect(result.rejected[4]!.reason).toMatch(/duplicateOf: no prospect with externalId "NOPE"/);
    expect(result.applied.map((c) => [c.field, c.value, c.replacedValue, c.replacedScanId, c.correctedBy])).toEqual([
      ['domain', 'acmeplumbing.net', 'acme-namesake.com', scan1, by],
      ['emailProvider', 'uncatalogued:mxroute.com', 'google-workspace', scan1, by],
    ]);
  });

  it('reads a CSV with row numbers: bad rows named, good rows applied', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corrections-'));
    const file = join(dir, 'feedback.csv');
    await writeFile(file, 'externalId,field,value,note,by\nC3,status,closed,gone since May,lee\n,isp,att,,lee\nB2,isp,spectrum,,\nC3,duplicateOf,B2,,lee\n');
    const parsed = await readCorrectionFile(file, null);
    const result = await recordCorrections(h.prisma, parsed.inputs, { catalog, campaign: 'fix', rowNumbers: parsed.rowNumbers });
    await rm(dir, { recursive: true, force: true });
    expect(parsed.rejected).toEqual([{ row: 3, reason: 'no externalId or prospect id' }]);
    expect(result.rejected).toEqual([{ row: 4, reason: 'who made the correction ("by") is missing' }]);
    expect(result.applied.map((c) => [c.prospectId, c.field, c.value, c.note])).toEqual([[ids.cove, 'status', 'closed', 'gone since May'], [ids.cove, 'duplicateOf', 'B2', null]]);
  });

  it('takes corrections over the API from ops only, with the reason of a rejection', async () => {
    expect((await post(ids.bolt, { field: 'isp', value: 'spectrum' }, tokens.viewer)).status).toBe(403);
    expect(await post(ids.bolt, { field: 'isp', value: 'nobody-isp' }, tokens.ops)).toMatchObject({ status: 422, json: { error: 'invalid-correction' } });
    expect((await post(999_999, { field: 'isp', value: 'spectrum' }, tokens.ops)).status).toBe(404);
    const ok = await post(ids.bolt, { field: 'isp', value: 'spectrum', by: 'sam' }, tokens.ops);
    expect(ok).toMatchObject({ status: 201, json: { field: 'isp', value: 'spectrum', replacedValue: 'att', correctedBy: 'sam', status: 'active' } });
  });
});

describe('a correction overrides the finding everywhere, at once', () => {
  it('in exports, marked as corrected, with the correction in evidence', async () => {
    const records = [];
    for await (const r of exportRecords(h.prisma, 'fix')) records.push(r);
    const acme = records.find((r) => r.externalId === 'A1')!;
    expect(acme).toMatchObject({ domain: 'acmeplumbing.net', presence: 'website', corrected: ['domain'] });
    expect((acme.evidence as { corrections: unknown[] }).corrections).toEqual([
      expect.objectContaining({ field: 'domain', value: 'acmeplumbing.net', replaced: 'acme-namesake.com', by: 'dana@sales', note: 'the rep called them' }),
    ]);
    const bolt = records.find((r) => r.externalId === 'B2')!;
    expect(bolt).toMatchObject({ emailProvider: 'uncatalogued:mxroute.com', isp: 'spectrum', corrected: ['emailProvider', 'isp'] });
    expect(records.find((r) => r.externalId === 'C3')).toMatchObject({ tier: 'D', corrected: ['status', 'duplicateOf'] });
  });

  it('in statistics and the report', async () => {
    const stats = await getCampaignStats(h.prisma, 'fix');
    expect(stats.overall.shares.isp.top).toEqual(expect.arrayContaining([expect.objectContaining({ slug: 'spectrum', count: 1 }), expect.objectContaining({ slug: 'att', count: 2 })]));
    expect(stats.overall.tiers).toMatchObject({ B: 2, D: 1 });
    const report = await loadReportData(h.prisma, 'fix');
    expect(report.leads.map((l) => [l.name, l.domain, l.tier])).toEqual([['Acme', 'acmeplumbing.net', 'B'], ['Bolt', 'bolt.com', 'B'], ['Cove', null, 'D']]);
    expect(report.leads[2]!.reasons[0]).toMatch(/duplicate of B2/);
  });

  it('in API prospect reads, with the whole log', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/prospects/${ids.acme}`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
    const body = (await res.json()) as { findings: { domain: string; corrected: string[] }[]; corrections: { field: string }[] };
    expect(body.findings[0]).toMatchObject({ domain: 'acmeplumbing.net', corrected: ['domain'] });
    expect(body.corrections.map((c) => c.field)).toEqual(['domain']);
    const list = await fetch(`http://127.0.0.1:${port}/api/campaigns/fix/prospects`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
    const items = ((await list.json()) as { items: { externalId: string; finding: { isp: string; corrected: string[] } }[] }).items;
    expect(items.find((i) => i.externalId === 'B2')!.finding).toMatchObject({ isp: 'spectrum', corrected: ['emailProvider', 'isp'] });
  });

  it('a newer correction of the same field overrides the older, which stays in the log', async () => {
    await recordCorrections(h.prisma, [{ prospect: { id: ids.bolt }, field: 'isp', value: 'comcast-business', by: 'sam' }], { catalog });
    const log = await h.prisma.correction.findMany({ where: { prospectId: ids.bolt, field: 'isp' }, orderBy: { id: 'asc' } });
    expect(log.map((c) => [c.value, c.status])).toEqual([['spectrum', 'overridden'], ['comcast-business', 'active']]);
  });
});

describe('corrections survive rescans until a confident change', () => {
  it('stays when the rescan repeats the old answer or is unsure; is superseded by a confident new answer', async () => {
    const scan2 = (await h.prisma.scan.create({ data: { campaignId: (await h.prisma.campaign.findUniqueOrThrow({ where: { name: 'fix' } })).id, number: 2, total: 3 } })).id;
    const write = (prospectId: number, domain: string | null, emailProvider: string | null, confidence: Record<string, number>) =>
      h.prisma.finding.create({ data: { scanId: scan2, prospectId, presence: domain ? 'website' : 'none', domain, emailProvider, isp: 'att', score: 50, tier: 'B', reasons: [], confidence, evidence: {} } });
    // Acme: the scan again sees the namesake it saw before: the rep's domain stands.
    await write(ids.acme, 'acme-namesake.com', null, { domain: 0.95 });
    // Bolt: a confident new mailbox provider (Microsoft 365) supersedes the rep's MXroute; an unsure one would not.
    await write(ids.bolt, 'bolt.com', 'microsoft-365', { domain: 0.9, emailProvider: 0.9 });
    expect(await supersedeCorrections(h.prisma, { scanId: scan2, prospectId: ids.acme })).toBe(0);
    expect(await supersedeCorrections(h.prisma, { scanId: scan2, prospectId: ids.bolt })).toBe(1);
    expect(await supersedeCorrections(h.prisma, { scanId: scan2, prospectId: ids.bolt })).toBe(0);
    const bolt = await h.prisma.correction.findFirstOrThrow({ where: { prospectId: ids.bolt, field: 'emailProvider' } });
    expect(bolt).toMatchObject({ status: 'superseded', supersededByScanId: scan2, supersededValue: 'microsoft-365' });
    const records = [];
    for await (const r of exportRecords(h.prisma, 'fix')) records.push(r);
    expect(records.find((r) => r.externalId === 'A1')).toMatchObject({ domain: 'acmeplumbing.net', corrected: ['domain'] });
    expect(records.find((r) => r.externalId === 'B2')).toMatchObject({ emailProvider: 'microsoft-365', isp: 'comcast-business', corrected: ['isp'] });
  });

  it('is not superseded by a low-confidence answer', async () => {
    const c = await h.prisma.correction.findFirstOrThrow({ where: { prospectId: ids.bolt, field: 'isp', status: 'active' } });
    await h.prisma.finding.updateMany({ where: { prospectId: ids.bolt, scan: { number: 2 } }, data: { isp: 'spectrum', confidence: { isp: 0.5 } } });
    const scan2 = (await h.prisma.scan.findFirstOrThrow({ where: { number: 2 } })).id;
    expect(await supersedeCorrections(h.prisma, { scanId: scan2, prospectId: ids.bolt })).toBe(0);
    expect((await h.prisma.correction.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('active');
  });
});
