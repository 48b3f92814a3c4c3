// The `prospector crm` commands as a user runs them: connect, a dry run that prints the plan
// and pushes nothing, and the refusals (unknown CRM, unknown campaign, bad mapping file),
// each a clear message and exit code 2.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '@prospector/core';
import { startCrmSimulator, type CrmSimulator } from '@prospector/simnet';
import { seedDoneScan } from './helpers/lead-fixtures.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';
import { runProspector } from './reliability/campaign.fixture.ts';

let db: TestDatabase;
let prisma: PrismaClient;
let sim: CrmSimulator;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase('crm_cli');
  prisma = createPrisma({ databaseUrl: db.url });
  sim = await startCrmSimulator();
  env = { DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `{test-crm-cli-${process.pid}}`, WEBHOOK_ALLOW_CIDRS: '127.0.0.0/8', LOG_LEVEL: 'warn' };
  await seedDoneScan(prisma, 'cli-crm', [{ externalId: 'R-1', name: 'Acme', region: 'OH', postalCode: '44101', tier: 'A', score: 90 }]);
});
afterAll(async () => {
  await sim?.close();
  await prisma?.$disconnect();
  await db?.drop();
});

const run = (args: string[]) => runProspector(args, env);

describe('prospector crm', () => {
  it('refuses a bad mapping file naming the field, then connects and dry-runs without pushing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crm-cli-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ extends: 'default', fields: { Industry: 'sic' } }));
    const refused = await run(['crm', 'connect', 'salesforce', '--url', sim.url, '--client-id', 'sim-client', '--client-secret', 'sim-secret', '--refresh-token', 'sim-refresh', '--mapping', bad]);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('field "Industry": unknown source "sic"');
    expect(await prisma.crmConnection.count()).toBe(0);

    const connected = await run(['crm', 'connect', 'salesforce', '--url', sim.url, '--client-id', 'sim-client', '--client-secret', 'sim-secret', '--refresh-token', 'sim-refresh']);
    expect(connected.output).toContain('salesforce connected at');
    expect(connected.code).toBe(0);
    const dry = await run(['crm', 'push', '--campaign', 'cli-crm', '--to', 'salesforce', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.output).toContain('salesforce Lead: 1 create(s), 0 update(s), 0 unchanged, 0 value(s) the CRM would reject');
    expect(dry.output).toContain('dry run: nothing was pushed');
    expect(sim.salesforce.records.size).toBe(0);
    expect(await prisma.crmPush.count()).toBe(0);
  }, 120_000);

  it('refuses an unknown CRM and an unknown campaign', async () => {
    const crm = await run(['crm', 'push', '--campaign', 'cli-crm', '--to', 'pipedrive']);
    expect(crm.code).toBe(2);
    expect(crm.output).toContain('unknown CRM "pipedrive": expected hubspot or salesforce');
    const campaign = await run(['crm', 'push', '--campaign', 'nowhere', '--to', 'salesforce']);
    expect(campaign.code).toBe(2);
    expect(campaign.output).toContain('no campaign "nowhere"');
    expect(await prisma.crmPush.count()).toBe(0);
  }, 120_000);
});
