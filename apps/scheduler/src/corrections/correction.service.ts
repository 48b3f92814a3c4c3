// Recording corrections: each one validated alone (a bad row is rejected with its reason,
// the others still apply), stored with who, when and the finding it replaced. A newer
// correction of the same field overrides the older one, which stays in the log.
import type { Correction, PrismaClient, Prospect } from '@prospector/core';
import type { Catalog } from '@prospector/agents';
import { checkCorrectionValue, type CorrectionField } from './correction.fields.ts';

export interface CorrectionInput {
  /** A prospect id, or an externalId when `campaign` is given. */
  prospect: { id: number } | { externalId: string };
  field: string;
  value: string;
  note?: string | null;
  by: string;
}

export interface RejectedCorrection {
  /** 1-based position in the batch (the CSV row number for imports). */
  row: number;
  reason: string;
}

export interface RecordCorrectionsResult {
  applied: Correction[];
  rejected: RejectedCorrection[];
}

export interface RecordCorrectionsOptions {
  catalog: Catalog;
  /** Needed to resolve externalIds and `duplicateOf`; a prospect id outside it is rejected. */
  campaign?: string;
  /** Row numbers to report (defaults to 1..n). */
  rowNumbers?: number[];
  now?: () => Date;
}

export class CorrectionCampaignError extends Error {}

export async function recordCorrections(prisma: PrismaClient, inputs: CorrectionInput[], options: RecordCorrectionsOptions): Promise<RecordCorrectionsResult> {
  const campaign = options.campaign === undefined ? null : await prisma.campaign.findUnique({ where: { name: options.campaign } });
  if (options.campaign !== undefined && !campaign) throw new CorrectionCampaignError(`campaign "${options.campaign}" does not exist`);
  const result: RecordCorrectionsResult = { applied: [], rejected: [] };
  for (const [index, input] of inputs.entries()) {
    const row = options.rowNumbers?.[index] ?? index + 1;
    const reject = (reason: string) => result.rejected.push({ row, reason });
    const by = input.by.trim();
    if (!by) {
      reject('who made the correction ("by") is missing');
      continue;
    }
    const prospect = await resolveProspect(prisma, input.prospect, campaign?.id ?? null);
    if (typeof prospect === 'string') {
      reject(prospect);
      continue;
    }
    const checked = checkCorrectionValue(options.catalog, input.field, input.value);
    if (!checked.ok) {
      reject(checked.reason);
      continue;
    }
    const duplicateProblem = checked.field === 'duplicateOf' ? await checkDuplicate(prisma, prospect, checked.value) : null;
    if (duplicateProblem) {
      reject(duplicateProblem);
      continue;
    }
    result.applied.push(await storeCorrection(prisma, prospect, checked.field, checked.value, input, options.now?.() ?? new Date()));
  }
  return result;
}

async function resolveProspect(prisma: PrismaClient, ref: CorrectionInput['prospect'], campaignId: number | null): Promise<Prospect | string> {
  if ('id' in ref) {
    if (!Number.isInteger(ref.id) || ref.id <= 0) return `prospect id "${ref.id}" is not a positive integer`;
    const found = await prisma.prospect.findUnique({ where: { id: ref.id } });
    if (!found || (campaignId !== null && found.campaignId !== campaignId)) return `prospect ${ref.id} does not exist${campaignId !== null ? ' in this campaign' : ''}`;
    return found;
  }
  const externalId = ref.externalId.trim();
  if (!externalId) return 'the prospect (externalId or prospect id) is missing';
  if (campaignId === null) return `externalId "${externalId}" needs a campaign (--campaign)`;
  const found = await prisma.prospect.findMany({ where: { campaignId, externalId }, take: 2 });
  if (found.length === 0) return `no prospect with externalId "${externalId}" in this campaign`;
  if (found.length > 1) return `externalId "${externalId}" names several prospects in this campaign; use the prospect id`;
  return found[0]!;
}

async function checkDuplicate(prisma: PrismaClient, prospect: Prospect, externalId: string): Promise<string | null> {
  const other = await prisma.prospect.findFirst({ where: { campaignId: prospect.campaignId, externalId } });
  if (!other) return `duplicateOf: no prospect with externalId "${externalId}" in this campaign`;
  if (other.id === prospect.id) return 'duplicateOf: a prospect cannot be a duplicate of itself';
  return null;
}

async function storeCorrection(prisma: PrismaClient, prospect: Prospect, field: CorrectionField, value: string, input: CorrectionInput, now: Date): Promise<Correction> {
  return prisma.$transaction(async (tx) => {
    // One writer per prospect at a time, so two corrections of a field cannot both stay active.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7271, ${prospect.id})`;
    const finding = await tx.finding.findFirst({ where: { prospectId: prospect.id }, orderBy: { scanId: 'desc' } });
    const previous = await tx.correction.findFirst({ where: { prospectId: prospect.id, field, status: 'active' }, orderBy: { id: 'desc' } });
    const scanned = finding ? (finding as unknown as Record<string, unknown>)[field] : undefined;
    // The scan's answer it replaces (an earlier correction is in the log as `overridden`): a later
    // scan that confidently answers something else again supersedes it.
    const replacedValue = typeof scanned === 'string' ? scanned : null;
    if (previous) await tx.correction.updateMany({ where: { prospectId: prospect.id, field, status: 'active' }, data: { status: 'overridden', supersededAt: now, supersededValue: value } });
    return tx.correction.create({
      data: {
        campaignId: prospect.campaignId,
        prospectId: prospect.id,
        field,
        value,
        note: input.note?.trim() || null,
        correctedBy: input.by.trim(),
        createdAt: now,
        replacedScanId: finding?.scanId ?? null,
        replacedValue,
      },
    });
  });
}
