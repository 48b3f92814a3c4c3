// Runs one subscription's digest for one period, at most one e-mail per (subscription,
// period): the send is claimed in the log before the SMTP exchange and marked sent after.
// A claim left by a process that died mid-send is taken over once it is stale and the mail
// goes out with the same Message-ID, so the receiving side can tell it is the same message.
import { createTransport, type Transporter } from 'nodemailer';
import { signUnsubscribeToken, type PrismaClient } from '@prospector/core';
import { buildDigestContent } from './digest.content.ts';
import { digestPeriod, type DigestCadence } from './digest.period.ts';
import { renderDigest, type RenderedDigest } from './digest.render.ts';

export interface DigestDeps {
  prisma: PrismaClient;
  publicUrl: string;
  /** Signs the unsubscribe links (DIGEST_SIGNING_SECRET). */
  signingSecret: string;
  from: string;
  /** Absent in a dry run. */
  mailer?: Transporter;
  /** A claim older than this, never marked sent, is taken over (its sender died). */
  staleClaimMs?: number;
}

export type DigestOutcome =
  | { outcome: 'sent'; period: string; rows: number; messageId: string }
  | { outcome: 'dry-run'; period: string; digest: RenderedDigest }
  | { outcome: 'nothing-new' | 'already-sent' | 'unsubscribed'; period: string };

export class DigestInProgressError extends Error {
  override readonly name = 'DigestInProgressError';
}

export function createSmtpMailer(smtpUrl: string): Transporter {
  return createTransport(smtpUrl);
}

export function unsubscribeUrl(publicUrl: string, secret: string, subscriptionId: number): string {
  const url = new URL('/unsubscribe', publicUrl);
  url.searchParams.set('token', signUnsubscribeToken(secret, subscriptionId));
  return url.toString();
}

export async function runDigest(deps: DigestDeps, subscriptionId: number, at: Date, options: { dryRun?: boolean } = {}): Promise<DigestOutcome> {
  const sub = await deps.prisma.digestSubscription.findUnique({ where: { id: subscriptionId }, include: { campaign: { select: { name: true } } } });
  if (!sub) throw new Error(`no digest subscription with id ${subscriptionId}`);
  const period = digestPeriod(sub.cadence as DigestCadence, at, sub.timeZone);
  if (sub.unsubscribedAt) return { outcome: 'unsubscribed', period };
  const existing = await deps.prisma.digestSend.findUnique({ where: { subscriptionId_period: { subscriptionId, period } } });
  if (existing?.status === 'sent') return { outcome: 'already-sent', period };

  const content = await buildDigestContent(deps.prisma, sub, deps.publicUrl);
  const link = unsubscribeUrl(deps.publicUrl, deps.signingSecret, sub.id);
  const digest = renderDigest(sub.campaign.name, sub.team, content, link);
  if (options.dryRun) return { outcome: 'dry-run', period, digest };
  if (digest.rows === 0) return { outcome: 'nothing-new', period };
  if (!deps.mailer) throw new Error('SMTP_URL is not set: digests cannot be sent (use --dry-run to print them)');

  const messageId = `<digest-${sub.id}-${period.replace(/[^0-9A-Za-z-]/g, '')}@prospector>`;
  const claimed = await claim(deps, subscriptionId, period, messageId);
  if (claimed === 'sent') return { outcome: 'already-sent', period };
  // Another sender holds a fresh claim (or died holding it): try again later, never alongside it.
  if (claimed === 'busy') throw new DigestInProgressError(`digest ${subscriptionId} for ${period} is being sent by another process`);
  await deps.mailer.sendMail({
    from: deps.from,
    to: sub.email,
    subject: digest.subject,
    text: digest.text,
    html: digest.html,
    messageId,
    headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
  await deps.prisma.$transaction([
    deps.prisma.digestSend.update({ where: { subscriptionId_period: { subscriptionId, period } }, data: { status: 'sent', sentAt: new Date(), rows: digest.rows } }),
    deps.prisma.digestSubscription.update({ where: { id: subscriptionId }, data: { watermark: content.nextWatermark } }),
  ]);
  return { outcome: 'sent', period, rows: digest.rows, messageId };
}

/** `claimed` when this process may send: a fresh claim, or a stale one taken over. */
async function claim(deps: DigestDeps, subscriptionId: number, period: string, messageId: string): Promise<'claimed' | 'sent' | 'busy'> {
  const inserted = await deps.prisma.$executeRaw`
    INSERT INTO "DigestSend" ("subscriptionId", period, "messageId") VALUES (${subscriptionId}, ${period}, ${messageId})
    ON CONFLICT ("subscriptionId", period) DO NOTHING`;
  if (inserted > 0) return 'claimed';
  const staleBefore = new Date(Date.now() - (deps.staleClaimMs ?? 10 * 60_000));
  const taken = await deps.prisma.digestSend.updateMany({
    where: { subscriptionId, period, status: 'sending', claimedAt: { lt: staleBefore } },
    data: { claimedAt: new Date() },
  });
  if (taken.count > 0) return 'claimed';
  const row = await deps.prisma.digestSend.findUnique({ where: { subscriptionId_period: { subscriptionId, period } } });
  return row?.status === 'sent' ? 'sent' : 'busy';
}
