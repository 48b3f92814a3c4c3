// Every write is keyed on (scan, prospect, stage, subject) so a job that runs twice
// leaves the same rows behind.
//
// Raw SQL rather than the ORM: these run several times per prospect, and Prisma's query
// compiler plans and serializes each upsert (JSON ones most of all) on every call, which
// was the largest share of a worker's CPU (measured with --cpu-prof).
// Timestamps are written as UTC, like Prisma does, because the columns have no time zone.
import { Prisma, type PrismaClient } from '@prospector/core';

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

/** A stage's success, to record in the same statement as its evidence (one round trip, all or nothing). */
export interface StageDone {
  key: StageKey;
  attempts: number;
}

type StageFields = { status: string; attempts: number; error: string | null; errorKind: string | null };

async function upsertStage(prisma: PrismaClient, key: StageKey, fields: StageFields): Promise<void> {
  await prisma.$executeRaw`${stageUpsertSql(key, fields)}`;
}

/** The stage's success as a part of its evidence's write (one statement, all or nothing), or nothing without `done`. */
export function stageDonePart(done: StageDone | undefined): Prisma.Sql[] {
  if (!done) return [];
  return [stageUpsertSql(done.key, { status: 'done', attempts: done.attempts, error: null, errorKind: null })];
}

function stageUpsertSql(key: StageKey, fields: StageFields): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "StageRun" ("scanId", "prospectId", stage, subject, status, attempts, error, "errorKind", "finishedAt")
    VALUES (${key.scanId}, ${key.prospectId}, ${key.stage}, ${key.subject ?? ''}, ${fields.status}, ${fields.attempts}::int,
            ${fields.error}::text, ${fields.errorKind}::text, now() AT TIME ZONE 'UTC')
    ON CONFLICT ("scanId", "prospectId", stage, subject) DO UPDATE SET
      status = EXCLUDED.status, attempts = EXCLUDED.attempts, error = EXCLUDED.error,
      "errorKind" = EXCLUDED."errorKind", "finishedAt" = EXCLUDED."finishedAt"`;
}

export async function saveAgentResult(prisma: PrismaClient, key: StageKey & { agent: string }, result: unknown): Promise<void> {
  await prisma.$executeRaw`${agentResultUpsertSql(key, result)}`;
}

export function agentResultUpsertSql(key: Omit<StageKey, 'stage'> & { agent: string }, result: unknown): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "AgentResult" ("scanId", "prospectId", agent, subject, result)
    VALUES (${key.scanId}, ${key.prospectId}, ${key.agent}, ${key.subject ?? ''}, ${JSON.stringify(result)}::jsonb)
    ON CONFLICT ("scanId", "prospectId", agent, subject) DO UPDATE SET result = EXCLUDED.result`;
}
