// Digest content beyond new leads, end to end over SMTP to a local server: the team's leads
// passed back, its leads' notable changes, and stale leads waiting, each per the
// subscription's content option; the watermark moves past what was reported, so a later
// digest with nothing new sends nothing.
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeScanIfFinished, type PrismaClient } from '@prospector/core';
import { actOnLead, actorForEmail, routeScan, sweepStaleLeads } from '@prospector/scheduler';
import { runDigest, subscribeToDigest, type DigestDeps } from '@prospector/worker';
import { loadTeams, seedDoneScan } from './helpers/lead-fixtures.ts';
import { waitFor } from './helpers/private-services.ts';
import { createDigestFixture, DIGEST_PUBLIC_URL, type DigestFixture } from './helpers/digest-fixture.ts';
import type { SmtpCapture } from './helpers/smtp-capture.ts';


let fixture: DigestFixture;
let prisma: PrismaClient;
let queue: Queue;
let smtp: SmtpCapture;
let deps: DigestDeps;

beforeAll(async () => {
  fixture = await createDigestFixture('digest-sections', 'digest-sections-secret');
  ({ prisma, queue, smtp, deps } = fixture);
});
afterAll(async () => fixture?.close());

const tomorrow = (n: number) => new Date(Date.now() + n * 86_400_000);

describe('digest sections of the team\'s leads', () => {
  it('reports passed-back leads, notable changes and stale leads once each, as each subscription asked', async () => {
    await loadTeams(prisma);
    const { scanId, ids } = await seedDoneScan(prisma, 'dig', [
      { externalId: 'D1', name: 'Lakeview <i>Dental</i>', region: 'OH', postalCode: '44113', tier: 'B', score: 60 },
      { externalId: 'D2', name: 'Erie Freight', region: 'OH', postalCode: '44114', tier: 'B', score: 55 },
    ]);
    await routeScan(prisma, scanId);
    const tp = await subscribeToDigest(prisma, queue, { email: 'dana@example.com', campaign: 'dig', team: 'cle-tp', cadence: 'daily' });
    const sales = await subscribeToDigest(prisma, queue, { email: 'lee@example.com', campaign: 'dig', team: 'cle-sales', cadence: 'daily', content: ['stale'] });
    await expect(subscribeToDigest(prisma, queue, { email: 'x@example.com', campaign: 'dig', cadence: 'daily', content: ['gossip'] })).rejects.toThrow('--content: gossip is not one of new-leads, passed-back, changes, stale');
    // Nothing happened since they subscribed (the first scan's leads are not tier news for a content without them).
    expect((await runDigest(deps, sales.id, tomorrow(0))).outcome).toBe('nothing-new');

    const leadOf = async (ext: string) => (await prisma.lead.findUniqueOrThrow({ where: { prospectId: ids.get(ext) ?? 0 } })).id;
    const [d1, d2] = [await leadOf('D1'), await leadOf('D2')];
    const dana = await actorForEmail(prisma, 'dana@example.com');
    const sam = await actorForEmail(prisma, 'sam@example.com');
    for (const [leadId, rep] of [[d1, dana], [d2, sam]] as const) {
      await actOnLead(prisma, { leadId, action: 'work', actor: rep, passBackCap: 2 });
      await actOnLead(prisma, { leadId, action: 'qualify', actor: rep, passBackCap: 2 });
    }
    // D1 goes quiet at sales and comes back to cle-tp; D2 is then stale with its pass-backs used up (cap 0).
    await prisma.lead.update({ where: { id: d2 }, data: { lastActivityAt: new Date() } });
    await prisma.lead.update({ where: { id: d1 }, data: { lastActivityAt: new Date(Date.now() - 3_600_000) } });
    expect(await sweepStaleLeads(prisma, { staleAfterMs: 1_800_000, passBackCap: 2 })).toMatchObject({ passedBack: 1 });
    expect(await sweepStaleLeads(prisma, { staleAfterMs: 60_000, passBackCap: 0, now: tomorrow(1) })).toMatchObject({ stale: 1, capped: 1 });

    // A rescan sees D1's mailbox move from Google to Microsoft.
    await prisma.finding.updateMany({ where: { scanId, prospectId: ids.get('D1') }, data: { emailProvider: 'google-workspace', confidence: { emailProvider: 0.9 } } });
    const campaignId = (await prisma.campaign.findUniqueOrThrow({ where: { name: 'dig' } })).id;
    const rescan = await prisma.scan.create({ data: { campaignId, number: 2, total: 1 } });
    await prisma.stageRun.create({ data: { scanId: rescan.id, prospectId: ids.get('D1') ?? 0, stage: 'classify', status: 'done' } });
    await prisma.finding.create({ data: { scanId: rescan.id, prospectId: ids.get('D1') ?? 0, presence: 'website', emailProvider: 'microsoft-365', score: 60, tier: 'B', reasons: [], confidence: { emailProvider: 0.9 }, evidence: {} } });
    expect(await completeScanIfFinished(prisma, rescan.id)).toBe(true);

    expect(await runDigest(deps, tp.id, tomorrow(1))).toMatchObject({ outcome: 'sent', rows: 2 });
    expect(await runDigest(deps, sales.id, tomorrow(1))).toMatchObject({ outcome: 'sent', rows: 1 });
    await waitFor('two digests', async () => smtp.mails.length === 2, 5000, 20);
    const toTp = smtp.mails.find((m) => m.to[0] === 'dana@example.com')!.mail;
    expect(toTp.subject).toBe('Prospector digest for cle-tp — dig: 1 passed back, 1 change');
    expect(toTp.text).toContain('Leads passed back\n- [B 60] Lakeview <i>Dental</i> (Somewhere, OH)');
    expect(toTp.text).toContain('stale on the sales side');
    expect(toTp.text).toContain('Notable changes of your leads\n- [B 60] Lakeview <i>Dental</i>');
    expect(toTp.text).toContain('emailProvider: google-workspace → microsoft-365 (changed, scans #1 → #2)');
    expect(toTp.text).not.toContain('Erie Freight');
    const html = String(toTp.html);
    expect(html).toContain('Lakeview &lt;i&gt;Dental&lt;/i&gt;');
    expect(html.match(new RegExp(`<a href="${DIGEST_PUBLIC_URL}/my/leads/${d1}">`, 'g'))).toHaveLength(2);
    const toSales = smtp.mails.find((m) => m.to[0] === 'lee@example.com')!.mail;
    expect(toSales.subject).toBe('Prospector digest for cle-sales — dig: 1 stale');
    expect(toSales.text).toContain('Stale leads waiting for a decision\n- [B 55] Erie Freight');
    expect(toSales.text).not.toContain('Lakeview');

    // The next period: nothing new for either.
    expect((await runDigest(deps, tp.id, tomorrow(2))).outcome).toBe('nothing-new');
    expect((await runDigest(deps, sales.id, tomorrow(2))).outcome).toBe('nothing-new');
    // A second pass-back of D1 is new again, and only it is reported.
    await actOnLead(prisma, { leadId: d1, action: 'work', actor: dana, passBackCap: 2 });
    await actOnLead(prisma, { leadId: d1, action: 'qualify', actor: dana, passBackCap: 2 });
    expect(await sweepStaleLeads(prisma, { staleAfterMs: 60_000, passBackCap: 2, now: tomorrow(3) })).toMatchObject({ passedBack: 1 });
    expect(await runDigest(deps, tp.id, tomorrow(3))).toMatchObject({ outcome: 'sent', rows: 1 });
    await waitFor('the third digest', async () => smtp.mails.length === 3, 5000, 20);
    expect(smtp.mails[2]!.mail.subject).toBe('Prospector digest for cle-tp — dig: 1 passed back');
  });
});
