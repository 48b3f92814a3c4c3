// Every write is keyed on (scan, prospect, stage, subject) so a job that runs twice
// leaves the same rows behind.
import type { Prisma, PrismaClient } from '@prospector/core';

export interface StageKey {
  scanId: number;
  prospectId: number;
  stage: string;
  subject?: string;
}

export async function recordStageDone(prisma: PrismaClient, key: StageKey, attempts: number): Promise<void> {
  await upsertStage(prisma, key, { status: 'done', attempts, error: null, errorKind: null });
}

export async function recordStageFailed(prisma: PrismaClient, key: StageKey, attempts: number, error: string, errorKind: string): Promise<void> {
  await upsertStage(prisma, key, { status: 'failed', attempts, error: error.slice(0, 2000), errorKind });
}

async function upsertStage(
  prisma: PrismaClient,
  key: StageKey,
  fields: { status: string; attempts: number; error: string | null; errorKind: string | null },
): Promise<void> {
  const subject = key.subject ?? '';
  await prisma.stageRun.upsert({
    where: { scanId_prospectId_stage_subject: { scanId: key.scanId, prospectId: key.prospectId, stage: key.stage, subject } },
    create: { scanId: key.scanId, prospectId: key.prospectId, stage: key.stage, subject, ...fields, finishedAt: new Date() },
    update: { ...fields, finishedAt: new Date() },
  });
}

export async function saveAgentResult(
  prisma: PrismaClient,
  key: StageKey & { agent: string },
  result: unknown,
  tx: Prisma.TransactionClient | PrismaClient = prisma,
): Promise<void> {
  const subject = key.subject ?? '';
  const json = result as Prisma.InputJsonValue;
  await tx.agentResult.upsert({
    where: { scanId_prospectId_agent_subject: { scanId: key.scanId, prospectId: key.prospectId, agent: key.agent, subject } },
    create: { scanId: key.scanId, prospectId: key.prospectId, agent: key.agent, subject, result: json },
    update: { result: json },
  });
}
