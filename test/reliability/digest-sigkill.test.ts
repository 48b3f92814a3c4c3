// A delivery worker SIGKILLed in the middle of a digest's SMTP exchange (the server holds the
// first DATA without answering). A second worker takes the stalled job over once the claim is
// stale; the recipient must receive exactly one e-mail for the period, and a rerun sends none.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryQueue, DIGEST_JOB, redisConnectionOptions, type PrismaClient } from '@prospector/core';
import { subscribeToDigest } from '@prospector/worker';
import { waitFor } from '../helpers/private-services.ts';
import { spawnProspector, type ChildRun } from './campaign.fixture.ts';
import { createDeliveryTestbed, REDIS_URL, type DeliveryTestbed } from './delivery.fixture.ts';


let bed: DeliveryTestbed;
let prisma: PrismaClient;
let smtp: SMTPServer;
let smtpPort = 0;
/** Every DATA the server saw (Message-ID), and those it accepted. */
const dataSeen: string[] = [];
const accepted: { to: string[]; messageId: string }[] = [];
const children: ChildRun[] = [];

beforeAll(async () => {
  bed = await createDeliveryTestbed('digest-kill');
  prisma = bed.prisma;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      void simpleParser(stream).then((mail) => {
        dataSeen.push(mail.messageId ?? '');
        if (dataSeen.length === 1) return; // held: never acknowledged
        accepted.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: mail.messageId ?? '' });
        callback();
      });
    },
  });
  smtp.on('error', () => undefined);
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await bed?.close();
});

const workerEnv = () =>
  bed.workerEnv({
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
    DIGEST_SIGNING_SECRET: 'digest-signing-secret-for-tests',
    DIGEST_STALE_CLAIM_MS: '1000',
    WEBHOOK_RETRY_SCHEDULE: '200ms,200ms,200ms,200ms,200ms,200ms,200ms',
  });

describe('a delivery worker killed with SIGKILL mid-digest', () => {
  it('sends one e-mail for the period, never two', async () => {
    const campaign = await prisma.campaign.create({ data: { name: 'kill east', playbook: { tiers: [] } } });
    const scan = await prisma.scan.create({ data: { campaignId: campaign.id, number: 1, total: 1, status: 'done', finishedAt: new Date() } });
    const prospect = await prisma.prospect.create({ data: { campaignId: campaign.id, externalId: 'p1', name: 'Acme', nameKey: 'acme', postalCode: '43004' } });
    await prisma.finding.create({ data: { scanId: scan.id, prospectId: prospect.id, presence: 'website', score: 90, tier: 'A', reasons: [], confidence: {}, evidence: {} } });
    const queue = createDeliveryQueue(redisConnectionOptions(REDIS_URL), bed.prefix, [200, 200, 200, 200, 200, 200, 200]);
    const sub = await subscribeToDigest(prisma, queue, { email: 'dana@sales.test', campaign: 'kill east', cadence: 'daily' });
    await queue.add(DIGEST_JOB, { subscriptionId: sub.id }, { jobId: `digest-now-${sub.id}` });

    const first = await spawnProspector(['worker', '--queues', 'deliver', '--health-port', '0'], workerEnv());
    children.push(first);
    await waitFor('the first DATA held by the server', async () => dataSeen.length === 1, 30_000, 20);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await spawnProspector(['worker', '--queues', 'deliver', '--health-port', '0'], workerEnv());
    children.push(second);
    await waitFor('the digest marked sent', async () => (await prisma.digestSend.findFirst({ where: { subscriptionId: sub.id } }))?.status === 'sent', 40_000, 50);
    // A rerun of the same period (a second job) must not send again.
    const rerun = await queue.add(DIGEST_JOB, { subscriptionId: sub.id }, { jobId: `digest-again-${sub.id}` });
    await waitFor('the rerun finished', async () => (await rerun.getState()) === 'completed', 20_000, 50);
    const rerunResult = (await queue.getJob(rerun.id!))?.returnvalue as { outcome: string } | undefined;
    await queue.close();

    console.log(`digest SIGKILL case: DATA attempts ${dataSeen.length}, e-mails accepted ${accepted.length}, Message-IDs ${[...new Set(dataSeen)].join(' ')}`);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.to).toEqual(['dana@sales.test']);
    expect(new Set(dataSeen).size).toBe(1);
    expect(rerunResult?.outcome).toBe('already-sent');
    expect(await prisma.digestSend.count({ where: { subscriptionId: sub.id } })).toBe(1);
  }, 120_000);
});
