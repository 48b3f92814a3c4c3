// A push is planned (rows written) before its job is added; a planner that dies between the
// two leaves a queued push with no job. The dispatch tick adds it: the job id is the push id,
// so adding a job that exists, in any state, does nothing.
import type { Queue } from 'bullmq';
import { enqueueCrmPush, type PrismaClient } from '@prospector/core';

const GRACE_MS = 10_000;
const BATCH = 50;

export async function requeuePlannedPushes(prisma: PrismaClient, queue: Queue, now = new Date()): Promise<number> {
  const pushes = await prisma.crmPush.findMany({ where: { status: 'queued', createdAt: { lt: new Date(now.getTime() - GRACE_MS) } }, select: { id: true }, orderBy: { createdAt: 'asc' }, take: BATCH });
  for (const p of pushes) await enqueueCrmPush(queue, p.id);
  return pushes.length;
}
