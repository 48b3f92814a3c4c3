// The catalog overrides a scan classifies with: those ops accepted before the scan started
// (one scan, one set, however long it runs). Looked up once per scan in this process and
// handed to the classify agent as data; the agent never reads the database.
import type { PrismaClient } from '@prospector/core';
import { boundedMemo } from './bounded-memo.ts';
import { OVERRIDE_EVIDENCE, PROVIDER_FIELDS, type CatalogOverride, type OverrideEvidence, type ProviderField } from '@prospector/agents';

export interface ScanOverrides {
  forScan(scanId: number): Promise<CatalogOverride[]>;
}

const REMEMBERED_SCANS = 64;

export function createScanOverrides(prisma: PrismaClient): ScanOverrides {
  return { forScan: boundedMemo((scanId: number) => loadScanOverrides(prisma, scanId), (scanId) => scanId, REMEMBERED_SCANS) };
}

export async function loadScanOverrides(prisma: PrismaClient, scanId: number): Promise<CatalogOverride[]> {
  const scan = await prisma.scan.findUnique({ where: { id: scanId }, select: { startedAt: true } });
  const rows = await prisma.catalogOverride.findMany({ where: scan ? { createdAt: { lte: scan.startedAt } } : {}, orderBy: { id: 'asc' } });
  return rows.map((r) => {
    // A row the code cannot read is an error naming it, never an override silently skipped.
    if (!(PROVIDER_FIELDS as readonly string[]).includes(r.field)) throw new Error(`catalog override ${r.id}: unknown field "${r.field}"`);
    if (!(OVERRIDE_EVIDENCE as readonly string[]).includes(r.evidence)) throw new Error(`catalog override ${r.id}: unknown evidence "${r.evidence}"`);
    return { id: r.id, field: r.field as ProviderField, evidence: r.evidence as OverrideEvidence, pattern: r.pattern, provider: r.provider };
  });
}
