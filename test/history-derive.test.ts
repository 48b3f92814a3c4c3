// Periods and change events from hand-written findings of four scans on a fresh database,
// through the same completion call the workers make.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeScanIfFinished, createPrisma, deriveScanHistory, type PrismaClient } from '@prospector/core';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';

let db: TestDatabase;
let prisma: PrismaClient;
let campaignId: number;
const prospects: Record<string, number> = {};

type Answers = { emailProvider?: string | null; isp?: string | null; presence?: string; score?: number; tier?: string; confidence?: Record<string, number> };

/** Each prospect's answers per scan; a scan completes once all its findings are in. */
const SCRIPT: Record<string, Answers[]> = {
  mover: [
    { emailProvider: 'google-workspace', isp: 'comcast-business', confidence: { emailProvider: 0.9, isp: 0.9 } },
    { emailProvider: 'microsoft-365', isp: 'att', confidence: { emailProvider: 0.9, isp: 0.8 } },
    { emailProvider: 'microsoft-365', isp: 'att', confidence: { emailProvider: 0.9, isp: 0.8 } },
    { emailProvider: 'microsoft-365', isp: 'att', confidence: { emailProvider: 0.9, isp: 0.8 } },
  ],
  unseen: [
    { emailProvider: 'zoho', confidence: { emailProvider: 0.9 } },
    { emailProvider: null },
    { emailProvider: 'zoho', confidence: { emailProvider: 0.9 } },
    { emailProvider: 'zoho', confidence: { emailProvider: 0.9 } },
  ],
  flapper: [
    { isp: 'spectrum', confidence: { isp: 0.9 } },
    { isp: 'spectrum', confidence: { isp: 0.9 } },
    { isp: 'verizon', confidence: { isp: 0.9 } },
    { isp: 'spectrum', confidence: { isp: 0.9 } },
  ],
  weak: [
    { isp: 'frontier', confidence: { isp: 0.9 } },
    { isp: 'windstream', confidence: { isp: 0.35 } },
    { isp: 'windstream', confidence: { isp: 0.35 } },
    { isp: 'windstream', confidence: { isp: 0.35 } },
  ],
  scorer: [{ score: 40, tier: 'C' }, { score: 70, tier: 'B' }, { score: 72, tier: 'B' }, { score: 72, tier: 'B' }],
};

beforeAll(async () => {
  db = await createTestDatabase('history_derive');
  prisma = createPrisma({ databaseUrl: db.url, poolMax: 3 });
  campaignId = (await prisma.campaign.create({ data: { name: 'h' } })).id;
  for (const key of Object.keys(SCRIPT)) {
    prospects[key] = (await prisma.prospect.create({ data: { campaignId, externalId: key.toUpperCase(), name: key, nameKey: key, postalCode: '43004' } })).id;
  }
  for (let n = 1; n <= 4; n++) await runScan(n);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

async function runScan(number: number): Promise<void> {
  const keys = Object.keys(SCRIPT);
  const scan = await prisma.scan.create({ data: { campaignId, number, total: keys.length, startedAt: new Date(Date.UTC(2026, 0, number)) } });
  for (const key of keys) {
    const a = SCRIPT[key]![number - 1]!;
    const prospectId = prospects[key]!;
    await prisma.finding.create({
      data: {
        scanId: scan.id, prospectId, presence: a.presence ?? 'website', domain: `${key}.com`, emailProvider: a.emailProvider ?? null, isp: a.isp ?? null,
        score: a.score ?? 50, tier: a.tier ?? 'C', reasons: [], confidence: { presence: 0.9, domain: 0.9, ...a.confidence }, evidence: { isp: [`evidence ${number}`] },
      },
    });
    await prisma.stageRun.create({ data: { scanId: scan.id, prospectId, stage: 'classify', status: 'done' } });
  }
  expect(await completeScanIfFinished(prisma, scan.id)).toBe(true);
}

const eventsOf = (key: string, field: string) =>
  prisma.changeEvent.findMany({ where: { prospectId: prospects[key]!, field }, orderBy: { toScanNumber: 'asc' } });

describe('history derived at scan completion', () => {
  it('a confident move is one change with both scans, both sides evidence and the weaker confidence', async () => {
    const [mail] = await eventsOf('mover', 'emailProvider');
    expect(mail).toMatchObject({ kind: 'changed', fromValue: 'google-workspace', toValue: 'microsoft-365', fromScanNumber: 1, toScanNumber: 2, confidence: 0.9, flapping: false });
    const isp = await eventsOf('mover', 'isp');
    expect(isp).toHaveLength(1);
    expect(isp[0]).toMatchObject({ kind: 'changed', fromValue: 'comcast-business', toValue: 'att', confidence: 0.8 });
    expect(isp[0]!.fromEvidence).toEqual(['evidence 1']);
    expect(isp[0]!.toEvidence).toEqual(['evidence 2']);
  });

  it('periods close where the next value is first seen, and stay open while current', async () => {
    const periods = await prisma.providerPeriod.findMany({ where: { prospectId: prospects.mover!, field: 'isp' }, orderBy: { firstScanNumber: 'asc' } });
    expect(periods.map((p) => [p.value, p.firstScanNumber, p.lastScanNumber, p.validTo?.toISOString() ?? null])).toEqual([
      ['comcast-business', 1, 1, '2026-01-02T00:00:00.000Z'],
      ['att', 2, 4, null],
    ]);
  });

  it('a flip to unknown and back is "not seen", never a change, and does not split the period', async () => {
    const events = await eventsOf('unseen', 'emailProvider');
    expect(events.map((e) => [e.kind, e.fromValue, e.toValue, e.fromScanNumber, e.toScanNumber])).toEqual([
      ['not-seen', 'zoho', null, 1, 2],
      ['not-seen', null, 'zoho', 2, 3],
    ]);
    const periods = await prisma.providerPeriod.findMany({ where: { prospectId: prospects.unseen!, field: 'emailProvider' } });
    expect(periods.map((p) => [p.value, p.firstScanNumber, p.lastScanNumber])).toEqual([['zoho', 1, 4]]);
  });

  it('a change reverted at the next scan marks both events flapping', async () => {
    const events = await eventsOf('flapper', 'isp');
    expect(events.map((e) => [e.fromValue, e.toValue, e.kind, e.flapping])).toEqual([
      ['spectrum', 'verizon', 'changed', true],
      ['verizon', 'spectrum', 'changed', true],
    ]);
  });

  it('a move to a value below the confidence threshold is not claimed', async () => {
    const events = await eventsOf('weak', 'isp');
    expect(events.map((e) => [e.kind, e.fromValue, e.toValue])).toEqual([['unconfirmed', 'frontier', 'windstream']]);
  });

  it('tier changes and large score moves are events; small moves are not', async () => {
    expect((await eventsOf('scorer', 'tier')).map((e) => [e.fromValue, e.toValue])).toEqual([['C', 'B']]);
    expect((await eventsOf('scorer', 'score')).map((e) => [e.kind, e.fromValue, e.toValue, e.toScanNumber])).toEqual([['score-moved', '40', '70', 2]]);
  });

  it('re-running completion and derivation adds and changes nothing', async () => {
    const snapshot = async () => ({
      events: await prisma.changeEvent.findMany({ orderBy: { id: 'asc' } }),
      periods: await prisma.providerPeriod.findMany({ orderBy: { id: 'asc' } }),
    });
    const before = await snapshot();
    const scans = await prisma.scan.findMany({ orderBy: { number: 'asc' } });
    for (const scan of scans) {
      expect(await completeScanIfFinished(prisma, scan.id)).toBe(false);
      expect(await prisma.$transaction((tx) => deriveScanHistory(tx, scan.id))).toEqual({ periods: 0, events: 0, flapping: 0 });
    }
    expect(await snapshot()).toEqual(before);
  });
});
