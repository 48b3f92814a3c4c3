// Digest subscriptions: validated on the way in, and each backed by a BullMQ job scheduler
// (idempotent by id) on the deliver queue, firing in the subscription's own time zone.
import type { Queue } from 'bullmq';
import { DIGEST_JOB, type PrismaClient } from '@prospector/core';
import { DIGEST_CONTENT } from './digest.content.ts';
import { checkTimeZone, DEFAULT_PATTERNS, type DigestCadence } from './digest.period.ts';

export class DigestInputError extends Error {
  override readonly name = 'DigestInputError';
}

export interface SubscribeInput {
  email: string;
  campaign: string;
  team?: string;
  /** daily, weekly, or a cron pattern ("0 7 * * 1-5"). */
  cadence: string;
  timeZone?: string;
  tiers?: string[];
  /** Sections to report (DIGEST_CONTENT); all of them when absent. */
  content?: string[];
}

export async function subscribeToDigest(prisma: PrismaClient, queue: Queue, input: SubscribeInput): Promise<{ id: number; cadence: DigestCadence; pattern: string }> {
  const email = input.email.trim();
  if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(email)) throw new DigestInputError(`--email: "${input.email}" is not an e-mail address`);
  const campaign = await prisma.campaign.findUnique({ where: { name: input.campaign } });
  if (!campaign) throw new DigestInputError(`--campaign: no campaign named "${input.campaign}"`);
  const { cadence, pattern } = parseCadence(input.cadence);
  let timeZone: string;
  try {
    timeZone = checkTimeZone(input.timeZone ?? 'UTC');
  } catch (error) {
    throw new DigestInputError(`--tz: ${(error as Error).message}`);
  }
  const tiers = input.tiers?.length ? input.tiers : ['A', 'B'];
  const bad = tiers.filter((t) => !/^[A-Z]$/.test(t));
  if (bad.length) throw new DigestInputError(`--tiers: ${bad.join(', ')} is not a tier letter`);
  const content = input.content?.length ? [...new Set(input.content)] : [...DIGEST_CONTENT];
  const unknown = content.filter((c) => !(DIGEST_CONTENT as readonly string[]).includes(c));
  if (unknown.length) throw new DigestInputError(`--content: ${unknown.join(', ')} is not one of ${DIGEST_CONTENT.join(', ')}`);
  const data = { team: input.team ?? null, cadence, cronPattern: pattern, timeZone, tiers, content, unsubscribedAt: null };
  const sub = await prisma.digestSubscription.upsert({
    where: { email_campaignId: { email, campaignId: campaign.id } },
    create: { email, campaignId: campaign.id, ...data },
    update: data,
  });
  await queue.upsertJobScheduler(`digest-${sub.id}`, { pattern, tz: timeZone }, { name: DIGEST_JOB, data: { subscriptionId: sub.id } });
  return { id: sub.id, cadence, pattern };
}

function parseCadence(value: string): { cadence: DigestCadence; pattern: string } {
  const v = value.trim();
  if (v === 'daily' || v === 'weekly') return { cadence: v, pattern: DEFAULT_PATTERNS[v] };
  // Five fields (minute hour day month weekday), or six with seconds, as BullMQ's cron parser takes them.
  const fields = v.split(/\s+/);
  if ((fields.length === 5 || fields.length === 6) && fields.every((f) => /^[\d*/,\-A-Za-z?LW#]+$/.test(f))) return { cadence: 'cron', pattern: v };
  throw new DigestInputError(`--cadence: "${value}" is not daily, weekly or a cron pattern such as "0 7 * * 1-5"`);
}
