import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '@prospector/core';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.ts';
import { createScanCompletion } from './scan-completion.ts';

let db: TestDatabase;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await createTestDatabase('completion');
  prisma = createPrisma({ databaseUrl: db.url });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

it('signals a completed scan once, from the check that closed it (lead routing hangs on this)', async () => {
  const campaign = await prisma.campaign.create({ data: { name: 'c' } });
  const prospect = await prisma.prospect.create({ data: { campaignId: campaign.id, externalId: '1', name: 'N', nameKey: 'n', postalCode: '44113' } });
  const scan = await prisma.scan.create({ data: { campaignId: campaign.id, number: 1, total: 1 } });
  const signalled: number[] = [];
  const completion = createScanCompletion(prisma, 10_000, async (scanId) => {
    signalled.push(scanId);
  });
  completion.request(scan.id);
  await completion.flush();
  expect(signalled).toEqual([]); // not finished: no classify outcome yet
  await prisma.stageRun.create({ data: { scanId: scan.id, prospectId: prospect.id, stage: 'classify', status: 'done' } });
  completion.request(scan.id);
  await completion.flush();
  completion.request(scan.id);
  await completion.flush();
  expect(signalled).toEqual([scan.id]);
  expect((await prisma.scan.findUniqueOrThrow({ where: { id: scan.id } })).status).toBe('done');
});
