// E-mail digests end to end: subscription → digest for the period → nodemailer over SMTP to a
// real SMTP server on 127.0.0.1, parsed back with mailparser. Asserts recipients, subject,
// rows, escaping and the RFC 8058 headers; that a rerun for the period sends nothing; that
// only what is new since the watermark is reported; and that one-click unsubscribe stops it.
import Fastify from 'fastify';
import type { ParsedMail } from 'mailparser';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@prospector/core';
import { registerUnsubscribeRoutes } from '@prospector/scheduler';
import { DigestInputError, subscribeToDigest } from '@prospector/worker';
import { runDigest, type DigestDeps } from '@prospector/worker';
import { digestPeriod } from '@prospector/worker';
import { waitFor } from './helpers/private-services.ts';
import { createDigestFixture, type DigestFixture } from './helpers/digest-fixture.ts';
import type { SmtpCapture } from './helpers/smtp-capture.ts';

const SECRET = 'digest-signing-secret-for-tests';

let fixture: DigestFixture;
let prisma: PrismaClient;
let queue: Queue;
let smtp: SmtpCapture;
let deps: DigestDeps;
let campaignId = 0;

async function addScan(number: number, leads: { name: string; tier: string; score: number }[], finishedAt: Date): Promise<void> {
  const scan = await prisma.scan.create({ data: { campaignId, number, total: leads.length, status: 'done', finishedAt } });
  for (const lead of leads) {
    const prospect =
      (await prisma.prospect.findFirst({ where: { campaignId, externalId: lead.name } })) ??
      (await prisma.prospect.create({ data: { campaignId, externalId: lead.name, name: lead.name, nameKey: lead.name.toLowerCase(), city: 'Columbus', region: 'OH', postalCode: '43004' } }));
    await prisma.finding.create({
      data: { scanId: scan.id, prospectId: prospect.id, presence: 'website', domain: 'acme.test', isp: 'comcast-business', score: lead.score, tier: lead.tier, reasons: [], confidence: {}, evidence: {} },
    });
  }
}

beforeAll(async () => {
  fixture = await createDigestFixture('digest', SECRET);
  ({ prisma, queue, smtp, deps } = fixture);
  campaignId = (await prisma.campaign.create({ data: { name: 'ohio east', playbook: { tiers: [] } } })).id;
});
afterAll(async () => fixture?.close());

/** The header as sent (mailparser folds List-* headers into a structure). */
function rawHeader(mail: ParsedMail, key: string): string {
  const line = mail.headerLines.find((h) => h.key === key)?.line ?? '';
  return line.slice(line.indexOf(':') + 1).trim();
}

const day = (d: number) => new Date(Date.UTC(2026, 11, d, 14, 0));

describe('e-mail digests', () => {
  let subId = 0;

  it('subscribes with a job scheduler in the subscription\'s time zone, refusing bad input', async () => {
    const sub = await subscribeToDigest(prisma, queue, { email: 'dana@sales.test', campaign: 'ohio east', team: 'East', cadence: 'daily', timeZone: 'America/New_York' });
    subId = sub.id;
    const scheduler = await queue.getJobScheduler(`digest-${sub.id}`);
    expect(scheduler).toMatchObject({ pattern: '0 8 * * *', tz: 'America/New_York' });
    await expect(subscribeToDigest(prisma, queue, { email: 'not-an-address', campaign: 'ohio east', cadence: 'daily' })).rejects.toThrow(/--email/);
    await expect(subscribeToDigest(prisma, queue, { email: 'a@b.test', campaign: 'nope', cadence: 'daily' })).rejects.toThrow(/no campaign named "nope"/);
    await expect(subscribeToDigest(prisma, queue, { email: 'a@b.test', campaign: 'ohio east', cadence: 'hourly' })).rejects.toThrow(DigestInputError);
    await expect(subscribeToDigest(prisma, queue, { email: 'a@b.test', campaign: 'ohio east', cadence: 'daily', timeZone: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone/);
    expect(await prisma.digestSubscription.count()).toBe(1);
  });

  it('sends nothing while there is nothing new', async () => {
    expect((await runDigest(deps, subId, day(1))).outcome).toBe('nothing-new');
    expect(smtp.mails).toHaveLength(0);
  });

  it('mails the new tier-A/B leads as text and an escaped HTML table, with one-click unsubscribe headers', async () => {
    await addScan(1, [{ name: 'Acme <b>Plumbing</b> & "Sons"', tier: 'A', score: 91 }, { name: 'Buckeye Dental', tier: 'B', score: 70 }, { name: 'Corner Deli', tier: 'C', score: 30 }], day(1));
    const dry = await runDigest(deps, subId, day(2), { dryRun: true });
    expect(dry.outcome).toBe('dry-run');
    expect(await prisma.digestSend.count()).toBe(0);

    const result = await runDigest(deps, subId, day(2));
    expect(result).toMatchObject({ outcome: 'sent', rows: 2, period: '2026-12-02' });
    await waitFor('the digest mail', async () => smtp.mails.length === 1, 5000, 20);
    const { to: envelopeTo, mail } = smtp.mails[0]!;
    expect(envelopeTo).toEqual(['dana@sales.test']);
    expect(mail.subject).toBe('Prospector digest for East — ohio east: 2 new leads');
    expect(mail.text).toContain('[A 91] Acme <b>Plumbing</b> & "Sons" (Columbus, OH)');
    expect(mail.text).toContain('[B 70] Buckeye Dental');
    expect(mail.text).not.toContain('Corner Deli');
    const html = String(mail.html);
    expect(html).toContain('Acme &lt;b&gt;Plumbing&lt;/b&gt; &amp; &quot;Sons&quot;');
    expect(html).not.toContain('<b>Plumbing');
    expect(html.match(/<tr><td><a href="https:\/\/prospector\.example\.test\/api\/prospects\/\d+">/g)).toHaveLength(2);
    expect(rawHeader(mail, 'list-unsubscribe')).toMatch(/^<https:\/\/prospector\.example\.test\/unsubscribe\?token=\d+\.[A-Za-z0-9_-]{43}>$/);
    expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.messageId).toBe(result.outcome === 'sent' ? result.messageId : '');
  });

  it('sends nothing on a rerun for the same period, nor in the next period without a newer scan', async () => {
    expect((await runDigest(deps, subId, day(2))).outcome).toBe('already-sent');
    expect((await runDigest(deps, subId, day(3))).outcome).toBe('nothing-new');
    expect(smtp.mails).toHaveLength(1);
    expect(await prisma.digestSend.count({ where: { subscriptionId: subId } })).toBe(1);
  });

  it('reports only what is new since the watermark: a lead newly in tier A after the next scan', async () => {
    await addScan(2, [{ name: 'Acme <b>Plumbing</b> & "Sons"', tier: 'A', score: 92 }, { name: 'Buckeye Dental', tier: 'B', score: 71 }, { name: 'Corner Deli', tier: 'A', score: 85 }], day(3));
    expect(await runDigest(deps, subId, day(4))).toMatchObject({ outcome: 'sent', rows: 1 });
    await waitFor('the second mail', async () => smtp.mails.length === 2, 5000, 20);
    expect(smtp.mails[1]!.mail.text).toContain('[A 85] Corner Deli');
    expect(smtp.mails[1]!.mail.text).not.toContain('Buckeye');
  });

  it('one-click unsubscribe: GET only confirms, POST List-Unsubscribe=One-Click unsubscribes; a forged token is refused', async () => {
    const url = new URL(rawHeader(smtp.mails[0]!.mail, 'list-unsubscribe').slice(1, -1));
    const app = Fastify();
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
    registerUnsubscribeRoutes(app, { prisma, signingSecret: SECRET });
    const path = `${url.pathname}${url.search}`;
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    expect((await prisma.digestSubscription.findUniqueOrThrow({ where: { id: subId } })).unsubscribedAt).toBeNull();
    const forged = await app.inject({ method: 'POST', url: `/unsubscribe?token=${subId}.${'A'.repeat(43)}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(forged.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: path, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(ok.statusCode).toBe(200);
    await app.close();
    expect((await prisma.digestSubscription.findUniqueOrThrow({ where: { id: subId } })).unsubscribedAt).not.toBeNull();
    await addScan(3, [{ name: 'Delta Freight', tier: 'A', score: 88 }], day(5));
    expect((await runDigest(deps, subId, day(6))).outcome).toBe('unsubscribed');
    expect(smtp.mails).toHaveLength(2);
  });

  it('keys periods in the subscription\'s time zone', () => {
    const lateEvening = new Date('2026-12-02T03:30:00Z');
    expect(digestPeriod('daily', lateEvening, 'America/New_York')).toBe('2026-12-01');
    expect(digestPeriod('daily', lateEvening, 'UTC')).toBe('2026-12-02');
    expect(digestPeriod('weekly', lateEvening, 'UTC')).toBe('2026-W49');
    expect(digestPeriod('cron', lateEvening, 'UTC')).toBe('2026-12-02T03:30');
  });
});
