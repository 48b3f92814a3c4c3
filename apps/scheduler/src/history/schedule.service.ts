// Rescan schedules of campaigns: BullMQ job schedulers (upsertJobScheduler, idempotent by
// id), one per campaign, on the rescan queue. Bad timing is refused here, naming what is
// wrong, before anything is written to Redis.
import type { Queue } from 'bullmq';
import { campaignIdOfScheduler, RESCAN_JOB, RESCAN_JOB_OPTIONS, rescanSchedulerId, type PrismaClient, type RescanJobData } from '@prospector/core';
import { requireCampaign } from '@prospector/core';

export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  /** The API's error handler answers 400 with the message. */
  readonly statusCode = 400;
}

export type ScheduleTiming = { every: string } | { cron: string; tz?: string };

export interface ScheduleView {
  campaign: string;
  every: string | null;
  cron: string | null;
  tz: string | null;
  /** ISO time of the next rescan, when known. */
  next: string | null;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const MIN_EVERY_MS = 1_000;

/** "30d", "12h", "90m", "45s", "2w" → milliseconds; zero, negative and unitless are refused. */
export function parseEvery(text: string): number {
  const match = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  if (!match) throw new ScheduleError(`--every "${text}": expected a number and a unit (s, m, h, d, w), e.g. 30d`);
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms < MIN_EVERY_MS) throw new ScheduleError(`--every "${text}": the interval must be at least 1s`);
  return ms;
}

function checkTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new ScheduleError(`--tz "${tz}": not an IANA time zone (e.g. Europe/Paris)`);
  }
}

/** Five or six fields; each field is checked by BullMQ's own cron parser when the scheduler is written. */
function checkCron(pattern: string): void {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) throw new ScheduleError(`--cron "${pattern}": expected 5 fields (minute hour day month weekday), got ${fields.length}`);
}

export async function upsertSchedule(prisma: PrismaClient, queue: Queue<RescanJobData>, campaignName: string, timing: ScheduleTiming): Promise<ScheduleView> {
  const repeat = repeatOptions(timing);
  const campaign = await requireCampaign(prisma, campaignName);
  const id = rescanSchedulerId(campaign.id);
  try {
    await queue.upsertJobScheduler(id, repeat, { name: RESCAN_JOB, data: { campaignId: campaign.id }, opts: RESCAN_JOB_OPTIONS });
  } catch (error) {
    // Only a pattern BullMQ's cron parser refuses gets here (everything else was checked).
    if ('cron' in timing) throw new ScheduleError(`--cron "${timing.cron}": ${(error as Error).message}`);
    throw error;
  }
  const views = await listSchedules(prisma, queue);
  return views.find((v) => v.campaign === campaign.name) ?? viewOf(campaign.name, repeat);
}

function repeatOptions(timing: ScheduleTiming): { every: number } | { pattern: string; tz?: string } {
  if ('every' in timing) return { every: parseEvery(timing.every) };
  checkCron(timing.cron);
  if (timing.tz) checkTimeZone(timing.tz);
  return { pattern: timing.cron.trim(), ...(timing.tz ? { tz: timing.tz } : {}) };
}

export async function listSchedules(prisma: PrismaClient, queue: Queue<RescanJobData>): Promise<ScheduleView[]> {
  const schedulers = await queue.getJobSchedulers(0, -1, true);
  if (schedulers.length === 0) return [];
  const ids = schedulers.map((s) => campaignIdOfScheduler(s.key)).filter((id): id is number => id !== null);
  const campaigns = new Map((await prisma.campaign.findMany({ where: { id: { in: ids } } })).map((c) => [c.id, c.name]));
  return schedulers.flatMap((s) => {
    const name = campaigns.get(campaignIdOfScheduler(s.key) ?? -1);
    return name ? [viewOf(name, s)] : [];
  });
}

/** False when the campaign had no schedule. */
export async function removeSchedule(prisma: PrismaClient, queue: Queue<RescanJobData>, campaignName: string): Promise<boolean> {
  const campaign = await requireCampaign(prisma, campaignName);
  return queue.removeJobScheduler(rescanSchedulerId(campaign.id));
}

function viewOf(campaign: string, s: { every?: number | null; pattern?: string | null; tz?: string | null; next?: number | null }): ScheduleView {
  return {
    campaign,
    every: s.every ? formatEvery(s.every) : null,
    cron: s.pattern ?? null,
    tz: s.tz ?? null,
    next: s.next ? new Date(s.next).toISOString() : null,
  };
}

function formatEvery(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${ms}ms`;
}
