// Times history derivation of one rescan of N prospects, each linked to a business, with
// two earlier scans behind it: `N=5000 npx tsx bench/derive-history.ts`. Prints figures only.
import { createPrisma, deriveScanHistory } from '@prospector/core';
import { createTestDatabase } from '../test/helpers/test-db.ts';

const N = Number(process.env.N ?? 5000);
const db = await createTestDatabase('derive_bench');
const prisma = createPrisma({ databaseUrl: db.url });
try {
  const c = await prisma.campaign.create({ data: { name: 'bench' } });
  await prisma.business.createMany({ data: Array.from({ length: N }, () => ({})) });
  const biz = (await prisma.business.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((b) => b.id);
  await prisma.prospect.createMany({ data: biz.map((b, i) => ({ campaignId: c.id, externalId: `P${i}`, name: `p${i}`, nameKey: `p${i}`, businessId: b })) });
  const ps = (await prisma.prospect.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id);
  const scans = [];
  for (let n = 1; n <= 3; n++) {
    const s = await prisma.scan.create({ data: { campaignId: c.id, number: n, total: N, status: n < 3 ? 'done' : 'running', startedAt: new Date(Date.UTC(2026, n, 1)) } });
    scans.push(s.id);
    await prisma.finding.createMany({ data: ps.map((p, i) => ({ scanId: s.id, prospectId: p, presence: 'website', isp: i % 7 === n ? 'att' : 'comcast-business', emailProvider: 'google-workspace', score: 50, tier: 'C', reasons: [], confidence: { isp: 0.9, emailProvider: 0.9 }, evidence: {} })) });
  }
  for (const [name, fn] of [['per business', deriveScanHistory]] as const) {
    const times: number[] = [];
    for (let r = 0; r < 2; r++) {
      await prisma.$executeRaw`DELETE FROM "ChangeEvent"`; await prisma.$executeRaw`DELETE FROM "ProviderPeriod"`;
      await fn(prisma, scans[1]!); // periods up to scan 2 exist, as in production
      const t = performance.now();
      const out = await fn(prisma, scans[2]!);
      times.push(performance.now() - t);
      if (r === 1) console.log(name, JSON.stringify(out));
    }
    console.log(`${name}: derivation of a ${N}-prospect rescan ${times.map((t) => t.toFixed(0)).join(' / ')} ms`);
  }
} finally {
  await prisma.$disconnect();
  await db.drop();
}
