// Scoring-weights versions: fit from the labels in the database, store, show, pin.
import type { PrismaClient, ScoringModel } from '@prospector/core';
import { ACCEPT_PROBABILITY, parseScoringWeights, verdictFollowsScore, WEIGHTS_V0, type ScoringWeights } from '@prospector/agents';
import { fitScoringWeights, type FitResult } from '@prospector/agents';
import { loadExamples, loadLabels, type LabelScope } from './label.repository.ts';

export interface StoredModel {
  version: number;
  weights: ScoringWeights;
  labels: number;
  validation: FitResult['validation'] | null;
  createdAt: Date | null;
}

export class ModelError extends Error {}

/** Fewer labelled prospects than this and a fit says more about noise than about the market. */
export const MIN_LABELS = 30;

function stored(row: ScoringModel): StoredModel {
  return { version: row.version, weights: parseScoringWeights(row.weights, `scoring model ${row.version}`), labels: row.labels, validation: row.validation as unknown as FitResult['validation'], createdAt: row.createdAt };
}

const VERSION_0: StoredModel = { version: 0, weights: WEIGHTS_V0, labels: 0, validation: null, createdAt: null };

export async function listModels(prisma: PrismaClient): Promise<StoredModel[]> {
  const rows = await prisma.scoringModel.findMany({ orderBy: { version: 'asc' } });
  return [VERSION_0, ...rows.map(stored)];
}

export async function getModel(prisma: PrismaClient, version: number): Promise<StoredModel> {
  if (version === 0) return VERSION_0;
  const row = await prisma.scoringModel.findUnique({ where: { version } });
  if (!row) throw new ModelError(`scoring model version ${version} does not exist (see prospector model show)`);
  return stored(row);
}

/** Fits a new version from every label in scope and stores it; refuses too few labels. */
export async function fitModel(prisma: PrismaClient, scope: LabelScope = {}, options: { lambda?: number } = {}): Promise<StoredModel & { examples: number }> {
  const labels = await loadLabels(prisma, scope);
  const examples = await loadExamples(prisma, labels);
  if (labels.size < MIN_LABELS) throw new ModelError(`only ${labels.size} labelled prospects; a fit needs at least ${MIN_LABELS} (corrections of domain, or confidently verified domains)`);
  const latest = await prisma.scoringModel.findFirst({ orderBy: { version: 'desc' } });
  const version = (latest?.version ?? 0) + 1;
  const fit = fitScoringWeights(examples, { version, ...(options.lambda ? { lambda: options.lambda } : {}) });
  const row = await prisma.scoringModel.create({
    data: { version, weights: fit.weights as unknown as object, labels: labels.size, validation: fit.validation as unknown as object },
  });
  return { ...stored(row), examples: fit.examples };
}

export async function pinModel(prisma: PrismaClient, campaignName: string, version: number | null): Promise<void> {
  if (version !== null) await getModel(prisma, version);
  const updated = await prisma.campaign.updateMany({ where: { name: campaignName }, data: { modelVersion: version } });
  if (updated.count === 0) throw new ModelError(`campaign "${campaignName}" does not exist`);
}

export function formatModel(m: StoredModel, pinnedBy: string[] = []): string {
  const a = m.weights.authenticity;
  const lines = [
    `version ${m.version}${m.createdAt ? ` (fitted ${m.createdAt.toISOString()})` : ' (hand-set)'}: ${m.labels} labelled prospects${pinnedBy.length ? `; pinned by ${pinnedBy.join(', ')}` : ''}`,
    `  authenticity (${a.link}): intercept ${a.intercept.toFixed(3)}; ${Object.entries(a.weights).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`,
    `  verify's verdict: ${verdictFollowsScore(a) ? `the fitted probability, at least ${ACCEPT_PROBABILITY} (a page with another phone and postal code is still rejected)` : 'the hand-written rules; the score ranks verified sites'}`,
    `  candidate sources: ${Object.entries(m.weights.candidate.sourceScore).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}; rank decay ${m.weights.candidate.rankDecay}`,
  ];
  const v = m.validation;
  if (v) {
    const fig = (label: string, f: FitResult['validation']['fitted']) =>
      `  ${label}: choice accuracy ${pct(f.accuracy)} [${pct(f.accuracyInterval[0])}, ${pct(f.accuracyInterval[1])}], right domain ${pct(f.rightDomainRate)}, false domain ${pct(f.falseDomainRate)}, log-loss ${f.logLoss.toFixed(3)}`;
    lines.push(`  validation on ${v.prospects} held-out prospect-scans:`, fig(`version ${v.baselineVersion}`, v.baseline), fig(`version ${m.version}`, v.fitted));
  }
  return lines.join('\n');
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
