// A scan-completion check that fails (the database not there yet) is logged and tried
// again until it succeeds, instead of being dropped: the scan still closes.
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '@prospector/core';
import { adminDatabaseUrl, createTestDatabase, dropTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.ts';
import { waitFor } from '../../../test/helpers/private-services.ts';
import { createScanCompletion } from './scan-completion.ts';

let template: TestDatabase;
let later: string;
let prisma: PrismaClient;
// A database of its own that exists from the start, for the completion signal.
let own: TestDatabase;
let closing: PrismaClient;

async function admin(sql: string): Promise<void> {
  const client = createPrisma({ databaseUrl: adminDatabaseUrl(), poolMax: 1 });
  await client.$executeRawUnsafe(sql);
  await client.$disconnect();
}

beforeAll(async () => {
  template = await createTestDatabase('completion');
  const seed = createPrisma({ databaseUrl: template.url, poolMax: 1 });
  const campaign = await seed.campaign.create({ data: { name: 'c' } });
  // Every prospect (none) classified: complete as soon as a check gets through.
  await seed.scan.create({ data: { campaignId: campaign.id, number: 1, total: 0 } });
  await seed.$disconnect();
  later = `prospector_completion_later_${randomBytes(4).toString('hex')}`;
  const url = new URL(template.url);
  url.pathname = `/${later}`;
  prisma = createPrisma({ databaseUrl: url.toString(), poolMax: 1 });
  own = await createTestDatabase('completion-signal');
  closing = createPrisma({ databaseUrl: own.url });
});
afterAll(async () => {
  await closing?.$disconnect();
  await own?.drop();
  await prisma?.$disconnect();
  await dropTestDatabase(adminDatabaseUrl(), later);
  await template?.drop();
});

it('logs a failed check and retries it until the scan is marked done', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
  const completion = createScanCompletion(prisma, logger, 20);
  completion.request(1);
  await waitFor('a failed check to be logged', async () => lines.some((l) => l.includes('scan completion check failed; retrying')), 10_000, 20);
  const failed = JSON.parse(lines.find((l) => l.includes('retrying'))!) as { scanId: number; failed: number; retryInMs: number };
  expect(failed).toMatchObject({ scanId: 1, failed: 1, retryInMs: 40 });

  // The database appears (a copy of the template, scan included): the next retry closes the scan.
  await admin(`CREATE DATABASE "${later}" TEMPLATE "${template.name}"`);
  await waitFor('the scan to be closed', async () => lines.some((l) => l.includes('"scan complete"')), 30_000, 50);
  expect((await prisma.scan.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('done');
}, 60_000);

it('signals a completed scan once, from the check that closed it (lead routing hangs on this)', async () => {
  const campaign = await closing.campaign.create({ data: { name: 'c' } });
  const prospect = await closing.prospect.create({ data: { campaignId: campaign.id, externalId: '1', name: 'N', nameKey: 'n', postalCode: '44113' } });
  const scan = await closing.scan.create({ data: { campaignId: campaign.id, number: 1, total: 1 } });
  const signalled: number[] = [];
  const completion = createScanCompletion(closing, pino({ level: 'silent' }), 10_000, async (scanId) => {
    signalled.push(scanId);
  });
  completion.request(scan.id);
  await completion.flush();
  expect(signalled).toEqual([]); // not finished: no classify outcome yet
  await closing.stageRun.create({ data: { scanId: scan.id, prospectId: prospect.id, stage: 'classify', status: 'done' } });
  completion.request(scan.id);
  await completion.flush();
  completion.request(scan.id);
  await completion.flush();
  expect(signalled).toEqual([scan.id]);
  expect((await closing.scan.findUniqueOrThrow({ where: { id: scan.id } })).status).toBe('done');
});
