// Loading the playbook and scoring a prospect with it. The score is a weighted sum of four
// parts (size, estimated spend, competitor, region), each between 0 and 1, so every point
// of it can be explained in the reasons printed next to it.
import { readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import type { ClassifyResult, ProspectInput, SpendEstimate } from '../types.ts';
import { FIRM_CONFIDENCE } from '../classify/strengths.ts';
import { playbookSchema, type Playbook } from './playbook.schema.ts';
import { estimateSpend, formatUsd, type SpendContext } from './spend.ts';

export type { Playbook, ServiceQuality } from './playbook.schema.ts';
export { estimateSpend, type SpendContext } from './spend.ts';

export class PlaybookError extends Error {
  override name = 'PlaybookError';
}

export type Tier = ClassifyResult['tier'];

export interface ProspectScore {
  score: number;
  tier: Tier;
  reasons: string[];
  spend: SpendEstimate;
}

/** Validates a parsed playbook document; the error names each bad field. */
export function parsePlaybook(data: unknown, source = 'playbook'): Playbook {
  const result = playbookSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => `field ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new PlaybookError(`${source}: ${issues.join('; ')}`);
}

/** Reads a playbook from a YAML or JSON file; without a path, the bundled default. */
export function loadPlaybook(path?: string): Playbook {
  const file = path ?? new URL('./default-playbook.json', import.meta.url);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PlaybookError(`cannot read playbook ${String(file)}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new PlaybookError(`${String(path ?? 'default playbook')}: not valid YAML or JSON: ${(error as Error).message}`);
  }
  return parsePlaybook(data, path ?? 'default playbook');
}

export function scoreProspect(
  result: Omit<ClassifyResult, 'score' | 'tier' | 'reasons' | 'spend'>,
  prospect: ProspectInput,
  playbook: Playbook,
  context: SpendContext = {},
): ProspectScore {
  const spend = estimateSpend(result, prospect, playbook, context);
  const parts = [sizePart(prospect, playbook), spendPart(spend, playbook), competitorPart(result, playbook), regionPart(prospect, playbook)];
  const w = playbook.weights;
  const weights = [w.size, w.spend, w.competitor, w.region];
  const total = weights.reduce((a, b) => a + b, 0);
  const score = Math.round((100 * parts.reduce((sum, p, i) => sum + p.points * (weights[i] ?? 0), 0)) / total);
  return { score, tier: tierOf(score, playbook), reasons: [2, 0, 1, 3].map((i) => parts[i]?.reason ?? ''), spend };
}

export function tierOf(score: number, playbook: Playbook): Tier {
  if (score >= playbook.tiers.A) return 'A';
  if (score >= playbook.tiers.B) return 'B';
  if (score >= playbook.tiers.C) return 'C';
  return 'D';
}

interface Part {
  points: number;
  reason: string;
}

function sizePart(prospect: ProspectInput, playbook: Playbook): Part {
  const { min, max } = playbook.target.employees;
  const band = `${min}–${max}`;
  const n = prospect.employees;
  if (n === null) return revenuePart(prospect, playbook, band);
  if (n >= min && n <= max) return { points: 1, reason: `${n} employees — inside the ${band} target` };
  const near = n < min ? n >= min / 2 : n <= max * 2;
  const side = n < min ? 'below' : 'above';
  return { points: near ? 0.4 : 0, reason: `${n} employees — ${side} the ${band} target` };
}

function revenuePart(prospect: ProspectInput, playbook: Playbook, band: string): Part {
  const range = playbook.target.revenueUsd;
  const revenue = prospect.revenue;
  if (revenue === null || !range) return { points: 0.3, reason: `employee count unknown (target ${band})` };
  const inside = (range.min === null || revenue >= range.min) && (range.max === null || revenue <= range.max);
  return {
    points: inside ? 0.8 : 0.1,
    reason: `employee count unknown; revenue ${formatUsd(revenue)} ${inside ? 'inside' : 'outside'} the target range`,
  };
}

function spendPart(spend: SpendEstimate, playbook: Playbook): Part {
  const min = playbook.target.minMonthlySpendUsd;
  const above = spend.monthlyUsd >= min;
  return {
    points: Math.min(1, spend.monthlyUsd / min),
    reason: `≈ ${formatUsd(spend.monthlyUsd)}/month estimated (${above ? 'above' : 'below'} the ${formatUsd(min)} target)`,
  };
}

function competitorPart(result: Pick<ClassifyResult, 'isp' | 'confidence'>, playbook: Playbook): Part {
  if (!result.isp) return { points: 0, reason: 'ISP unknown' };
  const competitor = playbook.competitors.find((c) => c.slug === result.isp);
  if (!competitor) return { points: 0, reason: `${result.isp} customer — not a listed competitor` };
  const confidence = result.confidence.isp ?? 0;
  const weak = confidence < FIRM_CONFIDENCE;
  const points = playbook.qualityPoints[competitor.quality] * competitor.weight * (weak ? 0.5 : 1);
  const hint = weak ? ' (weak hint only)' : '';
  return { points, reason: `${competitor.name} customer — competitor with ${competitor.quality} service${hint}` };
}

function regionPart(prospect: ProspectInput, playbook: Playbook): Part {
  if (playbook.regions.length === 0) return { points: 1, reason: 'every region is a target' };
  if (!prospect.region) return { points: 0.5, reason: 'region unknown' };
  const code = prospect.region.toUpperCase();
  const team = playbook.regions.find((r) => r.codes.some((c) => c.toUpperCase() === code));
  return team
    ? { points: 1, reason: `region ${prospect.region} — covered by the ${team.name} team` }
    : { points: 0, reason: `region ${prospect.region} — outside the target regions` };
}
