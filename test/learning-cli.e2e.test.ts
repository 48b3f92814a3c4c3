// The corrections and model commands through the real `prospector` binary, on a seeded
// database: a correction by externalId, a rejected one with its reason, a CSV with good and
// bad rows, a fit from the labels, show, and a pin the worker then honours.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '@prospector/core';
import { loadScanWeights } from '@prospector/worker';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';
import { REDIS_URL } from './helpers/pipeline-harness.ts';
import { runProspectorCli, type CliResult } from './helpers/cli-run.ts';

let db: TestDatabase;
let prisma: PrismaClient;
let dir: string;
let env: NodeJS.ProcessEnv;
let scanId: number;

const cli = (...args: string[]): Promise<CliResult> => runProspectorCli(env, args);

const authenticity = (name: number, phone: boolean) => ({
  score: 0, nameSimilarity: name, phoneMatch: phone, postalCodeMatch: phone, streetMatch: false, cityMatch: true, structuredDataMatch: false, domainResemblance: 0.8, reasons: [],
});

beforeAll(async () => {
  db = await createTestDatabase('learning_cli');
  prisma = createPrisma({ databaseUrl: db.url });
  dir = await mkdtemp(join(tmpdir(), 'prospector-learning-cli-'));
  env = { ...process.env, DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: `{t-learning-cli-${process.pid}}`, LOG_LEVEL: 'warn' };
  const campaign = await prisma.campaign.create({ data: { name: 'fix' } });
  scanId = (await prisma.scan.create({ data: { campaignId: campaign.id, number: 1, total: 40, status: 'done' } })).id;
  // Forty businesses, each with its own site (phone on the page) and a namesake's (rejected).
  for (let i = 0; i < 40; i++) {
    const p = await prisma.prospect.create({ data: { campaignId: campaign.id, externalId: `R${i}`, name: `Shop ${i}`, nameKey: `shop ${i}`, postalCode: '43004' } });
    const own = `shop${i}.com`;
    const other = `shop${i}-elsewhere.com`;
    await prisma.finding.create({ data: { scanId, prospectId: p.id, presence: 'website', domain: own, isp: 'att', score: 40, tier: 'C', reasons: [], confidence: { domain: 0.95 }, evidence: {} } });
    for (const [domain, verdict, a] of [[own, 'verified', authenticity(0.9, true)], [other, 'rejected', authenticity(0.9, false)]] as const) {
      await prisma.candidate.create({ data: { scanId, prospectId: p.id, domain, sources: ['search'], score: 0.5, status: verdict } });
      await prisma.agentResult.create({ data: { scanId, prospectId: p.id, agent: 'verify', subject: domain, result: { domain, landingDomain: null, verdict, authenticity: a } } });
    }
  }
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('prospector correct / feedback import', () => {
  it('corrects by externalId with --campaign, and rejects a bad slug with its reason', async () => {
    const ok = await cli('correct', 'R1', 'emailProvider', 'microsoft-365', '--campaign', 'fix', '--by', 'dana', '--note', 'saw their MX');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('emailProvider = microsoft-365');
    const bad = await cli('correct', 'R1', 'isp', 'not-an-isp', '--campaign', 'fix');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('row 1 rejected: unknown provider slug "not-an-isp"');
    const byId = await prisma.prospect.findFirstOrThrow({ where: { externalId: 'R2' } });
    expect((await cli('correct', String(byId.id), 'status', 'closed', '--by', 'lee')).code).toBe(0);
    expect(await prisma.correction.findMany({ select: { field: true, value: true, correctedBy: true, note: true } })).toEqual([
      { field: 'emailProvider', value: 'microsoft-365', correctedBy: 'dana', note: 'saw their MX' },
      { field: 'status', value: 'closed', correctedBy: 'lee', note: null },
    ]);
  }, 60_000);

  it('imports a CSV: bad rows reported by row number, the rest applied', async () => {
    const file = join(dir, 'feedback.csv');
    await writeFile(file, 'externalId,field,value,note,by\nR3,domain,shop3.net,moved,kim\nR4,colour,red,,kim\nR404,domain,x.com,,kim\nR5,webHost,uncatalogued:tinyhost.io,,kim\n');
    const result = await cli('feedback', 'import', file, '--campaign', 'fix');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('row 3 rejected: unknown field "colour"');
    expect(result.stderr).toContain('row 4 rejected: no prospect with externalId "R404"');
    expect(result.stdout).toContain('corrections applied: 2; rejected: 2');
  }, 60_000);
});

describe('prospector model', () => {
  it('fits a version from the labels, shows it with its figures, and a pin decides what the worker loads', async () => {
    const fit = await cli('model', 'fit');
    expect(fit.code).toBe(0);
    expect(fit.stdout).toMatch(/version 1 \(fitted .*\): 40 labelled prospects/);
    const show = await cli('model', 'show');
    expect(show.stdout).toContain('version 0 (hand-set)');
    expect(show.stdout).toMatch(/version 1 .*\n {2}authenticity \(logistic\)/);
    expect(show.stdout).toContain("verify's verdict: the fitted probability, at least 0.5");
    expect(show.stdout).toContain("verify's verdict: the hand-written rules");
    expect(show.stdout).toContain('validation on');
    expect(show.stdout).toContain('scans of unpinned campaigns use version 1');
    // A scan started after the fit follows the latest version; a pin overrides it.
    const later = (await prisma.scan.create({ data: { campaignId: (await prisma.campaign.findFirstOrThrow()).id, number: 2, total: 40 } })).id;
    expect((await loadScanWeights(prisma, later)).version).toBe(1);
    expect((await loadScanWeights(prisma, scanId)).version).toBe(0);
    expect((await cli('model', 'pin', '--campaign', 'fix', '0')).code).toBe(0);
    expect((await loadScanWeights(prisma, later)).version).toBe(0);
    expect((await cli('model', 'pin', '--campaign', 'fix', '1')).code).toBe(0);
    expect((await cli('model', 'show')).stdout).toContain('pinned by fix');
    const missing = await cli('model', 'pin', '--campaign', 'fix', '7');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('scoring model version 7 does not exist');
  }, 90_000);
});
