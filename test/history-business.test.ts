// History carries over across business identity: the same business in a later purchased
// list (another campaign here; import links it through Prospect."businessId") continues the
// earlier list's periods, and a provider switch between the two lists is one claimed change.
// A different business that shares a main line is not.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeScanIfFinished, createPrisma, type PrismaClient } from '@prospector/core';
import { importList } from '@prospector/scheduler';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';

let db: TestDatabase;
let pool: pg.Pool;
let prisma: PrismaClient;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase('history_business');
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
  prisma = createPrisma({ databaseUrl: db.url, poolMax: 3 });
  dir = await mkdtemp(join(tmpdir(), 'history-business-'));
});
afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function importCsv(campaign: string, rows: string): Promise<Map<string, number>> {
  const file = join(dir, `${campaign}.csv`);
  await writeFile(file, 'Record ID,Company Name,Address,ZIP Code,Phone,Website\n' + rows);
  await importList({ pool, campaign, file });
  const prospects = await prisma.prospect.findMany({ where: { campaign: { name: campaign } }, select: { id: true, externalId: true } });
  return new Map(prospects.map((p) => [p.externalId, p.id]));
}

type Answers = { emailProvider?: string; isp?: string };

async function scan(campaign: string, number: number, month: number, answers: Map<number, Answers>): Promise<number> {
  const campaignId = (await prisma.campaign.findUniqueOrThrow({ where: { name: campaign } })).id;
  const s = await prisma.scan.create({ data: { campaignId, number, total: answers.size, startedAt: new Date(Date.UTC(2026, month, 1)) } });
  for (const [prospectId, a] of answers) {
    await prisma.finding.create({
      data: {
        scanId: s.id, prospectId, presence: 'website', emailProvider: a.emailProvider ?? null, isp: a.isp ?? null, score: 50, tier: 'C', reasons: [],
        confidence: { emailProvider: 0.9, isp: 0.9 }, evidence: { emailProvider: [`${campaign} #${number}`] },
      },
    });
    await prisma.stageRun.create({ data: { scanId: s.id, prospectId, stage: 'classify', status: 'done' } });
  }
  expect(await completeScanIfFinished(prisma, s.id)).toBe(true);
  return s.id;
}

describe('history across business identity', () => {
  it('a later list of another campaign sees the earlier list\'s periods and claims the switch in between', async () => {
    const spring = await importCsv('spring', 'A1,Acme Plumbing,1 Main St,43004,614-555-0101,acme.com\nA4,Smith Dental,4 High St,43215,614-555-0104,\n');
    const springScan = await scan('spring', 1, 0, new Map([
      [spring.get('A1')!, { emailProvider: 'google-workspace', isp: 'comcast-business' }],
      [spring.get('A4')!, { isp: 'att' }],
    ]));
    // Same phone with an agreeing name: the same business. Jones Law shares Smith Dental's main line only.
    const autumn = await importCsv('autumn', 'B1,ACME PLUMBING INC,,,(614) 555-0101,\nB4,Jones Law Office,4 High St,43215,614-555-0104,\n');
    const [a1, b1, b4] = await Promise.all([spring.get('A1'), autumn.get('B1'), autumn.get('B4')].map((id) => prisma.prospect.findUniqueOrThrow({ where: { id: id! } })));
    expect(b1!.businessId).toBe(a1!.businessId);
    const autumnScan = await scan('autumn', 1, 3, new Map([
      [b1!.id, { emailProvider: 'microsoft-365', isp: 'comcast-business' }],
      [b4!.id, { isp: 'verizon' }],
    ]));

    const autumnId = (await prisma.campaign.findUniqueOrThrow({ where: { name: 'autumn' } })).id;
    const changes = await prisma.changeEvent.findMany({ where: { campaignId: autumnId } });
    expect(changes.map((c) => [c.prospectId, c.field, c.kind, c.fromValue, c.toValue, c.fromScanId, c.toScanId])).toEqual([
      [b1!.id, 'emailProvider', 'changed', 'google-workspace', 'microsoft-365', springScan, autumnScan],
    ]);
    expect(changes[0]!.fromEvidence).toEqual(['spring #1']);

    const periods = await prisma.providerPeriod.findMany({ where: { prospectId: b1!.id, field: { in: ['emailProvider', 'isp'] } }, orderBy: [{ field: 'asc' }, { validFrom: 'asc' }] });
    expect(periods.map((p) => [p.field, p.value, p.firstScanId, p.lastScanId, p.validTo?.toISOString() ?? null])).toEqual([
      ['emailProvider', 'google-workspace', springScan, springScan, '2026-04-01T00:00:00.000Z'],
      ['emailProvider', 'microsoft-365', autumnScan, autumnScan, null],
      ['isp', 'comcast-business', springScan, autumnScan, null],
    ]);
    // Another business keeps its own history: one scan, no change.
    expect(await prisma.providerPeriod.findMany({ where: { prospectId: b4!.id, field: 'isp' } })).toEqual([
      expect.objectContaining({ field: 'isp', value: 'verizon', firstScanId: autumnScan }),
    ]);

    // The next rescan of the later list sees the same provider: nothing more is claimed, and
    // completing again derives nothing.
    const rescan = await scan('autumn', 2, 6, new Map([[b1!.id, { emailProvider: 'microsoft-365', isp: 'comcast-business' }], [b4!.id, { isp: 'verizon' }]]));
    expect(await prisma.changeEvent.count({ where: { toScanId: rescan } })).toBe(0);
    expect(await completeScanIfFinished(prisma, rescan)).toBe(false);
    expect(await prisma.changeEvent.count({ where: { kind: 'changed' } })).toBe(1);
  });
});
