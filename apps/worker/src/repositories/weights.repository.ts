// Which scoring weights a scan uses: its campaign's pinned version, else the latest fitted
// one, else version 0. Looked up once per scan in this process (a fit while a scan runs
// applies from the next scan on, so one scan is scored by one version throughout).
import type { PrismaClient } from '@prospector/core';
import { boundedMemo } from './bounded-memo.ts';
import { parseScoringWeights, WEIGHTS_V0, type ScoringWeights } from '@prospector/agents';

export interface ScanWeights {
  forScan(scanId: number): Promise<ScoringWeights>;
}

/** Scans remembered per process; an old scan's entry is dropped first. */
const REMEMBERED_SCANS = 64;

export function createScanWeights(prisma: PrismaClient): ScanWeights {
  return { forScan: boundedMemo((scanId: number) => loadScanWeights(prisma, scanId), (scanId) => scanId, REMEMBERED_SCANS) };
}

export async function loadScanWeights(prisma: PrismaClient, scanId: number): Promise<ScoringWeights> {
  const scan = await prisma.scan.findUnique({ where: { id: scanId }, select: { campaign: { select: { modelVersion: true } }, startedAt: true } });
  const pinned = scan?.campaign.modelVersion ?? null;
  if (pinned === 0) return WEIGHTS_V0;
  const row = pinned !== null
    ? await prisma.scoringModel.findUnique({ where: { version: pinned } })
    : await prisma.scoringModel.findFirst({ where: scan ? { createdAt: { lte: scan.startedAt } } : {}, orderBy: { version: 'desc' } });
  if (pinned !== null && !row) throw new Error(`campaign pins scoring model version ${pinned}, which does not exist`);
  return row ? parseScoringWeights(row.weights, `scoring model ${row.version}`) : WEIGHTS_V0;
}
