// The learning experiment, measured on prospects the learning never saw: one misleading market
// through the real pipeline; its businesses split by prospect (seeded) into a training half and
// a held-out half; simulated reps correct the training half's wrong domains from simnet's ground
// truth; the weights are refitted on the training half's labels alone; the campaign is rescanned
// with them; the held-out half's exported domains are judged against the truth, before and after.
import { bootstrapInterval } from '@prospector/agents';
import { exportRecords, fitModel, recordCorrections, startScan, type ExportRecord, type StoredModel } from '@prospector/scheduler';
import { runMarket, type MarketRun } from './market-run.ts';
import { seededRandom } from './seeded-random.ts';

export interface LiftOptions {
  label: string;
  size: number;
  seed: number;
  octet: number;
  /** Seed of the training / held-out split. */
  splitSeed: number;
  timeoutMs?: number;
}

export interface RateFigure {
  rate: number;
  interval: [number, number];
}

export interface HalfFigures {
  prospects: number;
  /** Of held-out prospects that have a domain, the share exported with exactly it. */
  rightDomain: RateFigure;
  /** Of all held-out prospects, the share exported with a domain that is not theirs. */
  falseDomain: RateFigure;
}

export interface LiftResult {
  run: MarketRun;
  training: number;
  corrections: number;
  fitted: StoredModel & { examples: number };
  before: HalfFigures;
  after: HalfFigures;
  /** Paired bootstrap of after − before over the same held-out prospects. */
  rightDomainGain: RateFigure;
  falseDomainDrop: RateFigure;
  /** Held-out prospects per storyline (simnet's hard-case tag), right and false before → after. */
  byCase: { tag: string; prospects: number; right: [number, number]; false: [number, number] }[];
}

interface Outcome {
  hasDomain: boolean;
  right: boolean;
  false: boolean;
}

/** Fisher–Yates with a seeded PRNG: the same split every run. */
function splitHalves<T>(items: readonly T[], seed: number): { training: T[]; heldOut: T[] } {
  const random = seededRandom(seed);
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const half = Math.floor(shuffled.length / 2);
  return { training: shuffled.slice(0, half), heldOut: shuffled.slice(half) };
}

function outcomes(records: readonly ExportRecord[], truth: ReadonlyMap<string, string | null>, ids: ReadonlySet<string>): Map<string, Outcome> {
  const out = new Map<string, Outcome>();
  for (const r of records) {
    if (!ids.has(r.externalId)) continue;
    const domain = truth.get(r.externalId) ?? null;
    const got = r.domain ?? null;
    out.set(r.externalId, { hasDomain: domain !== null, right: domain !== null && got === domain, false: got !== null && got !== domain });
  }
  return out;
}

function figures(o: ReadonlyMap<string, Outcome>, seed: number): HalfFigures {
  const all = [...o.values()];
  const withDomain = all.filter((x) => x.hasDomain).map((x) => x.right);
  const falses = all.map((x) => x.false);
  const rate = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 0);
  return {
    prospects: all.length,
    rightDomain: { rate: rate(withDomain), interval: bootstrapInterval(withDomain, seed) },
    falseDomain: { rate: rate(falses), interval: bootstrapInterval(falses, seed + 1) },
  };
}

/** 95% percentile bootstrap of a paired difference (mean of `diff` over resampled prospects). */
function pairedInterval(diffs: readonly number[], seed: number, rounds = 1000): RateFigure {
  const random = seededRandom(seed);
  const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const means: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let sum = 0;
    for (let i = 0; i < diffs.length; i++) sum += diffs[Math.floor(random() * diffs.length)]!;
    means.push(diffs.length ? sum / diffs.length : 0);
  }
  means.sort((a, b) => a - b);
  return { rate: mean(diffs), interval: [means[Math.floor(rounds * 0.025)]!, means[Math.ceil(rounds * 0.975) - 1]!] };
}

export async function runLiftExperiment(options: LiftOptions): Promise<LiftResult> {
  const run = await runMarket({ label: options.label, size: options.size, seed: options.seed, octet: options.octet, misleading: true, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  const truth = new Map(run.market.businesses.map((b) => [b.recordId, b.truth.domain]));
  const prospects = await run.harness.prisma.prospect.findMany({ select: { id: true, externalId: true }, orderBy: { externalId: 'asc' } });
  const { training, heldOut } = splitHalves(prospects.filter((p) => truth.has(p.externalId)), options.splitSeed);
  const trainingIds = new Set(training.map((p) => p.externalId));
  const heldOutIds = new Set(heldOut.map((p) => p.externalId));

  // Reps correct the training half's wrong domains, and nothing of the held-out half.
  const wrong = run.records.filter((r) => trainingIds.has(r.externalId) && (r.domain ?? null) !== (truth.get(r.externalId) ?? null));
  const corrections = await recordCorrections(
    run.harness.prisma,
    wrong.map((r) => ({ prospect: { externalId: r.externalId }, field: 'domain', value: truth.get(r.externalId) ?? 'none', by: 'simulated-rep' })),
    { catalog: run.catalog, campaign: options.label },
  );
  if (corrections.rejected.length > 0) throw new Error(`corrections rejected: ${JSON.stringify(corrections.rejected.slice(0, 3))}`);
  const fitted = await fitModel(run.harness.prisma, { prospectIds: training.map((p) => p.id) });

  const rescan = await startScan(run.harness.prisma, run.harness.queues, options.label);
  await run.harness.waitForScan(rescan.scanId, options.timeoutMs ?? 240_000);
  const rescanned: ExportRecord[] = [];
  for await (const r of exportRecords(run.harness.prisma, options.label)) rescanned.push(r);

  const first = outcomes(run.records, truth, heldOutIds);
  const second = outcomes(rescanned, truth, heldOutIds);
  const ids = [...first.keys()].filter((id) => second.has(id));
  const diff = (pick: (o: Outcome) => boolean, onlyWithDomain: boolean) =>
    ids.filter((id) => !onlyWithDomain || first.get(id)!.hasDomain).map((id) => Number(pick(second.get(id)!)) - Number(pick(first.get(id)!)));
  const falseDrop = pairedInterval(diff((o) => o.false, false).map((d) => -d), 13);
  const tagOf = new Map(run.market.businesses.map((b) => [b.recordId, b.truth.tags[0] ?? 'ordinary']));
  const cases = new Map<string, { tag: string; prospects: number; right: [number, number]; false: [number, number] }>();
  for (const id of ids) {
    const tag = tagOf.get(id) ?? 'ordinary';
    const c = cases.get(tag) ?? { tag, prospects: 0, right: [0, 0], false: [0, 0] };
    c.prospects++;
    c.right[0] += Number(first.get(id)!.right);
    c.right[1] += Number(second.get(id)!.right);
    c.false[0] += Number(first.get(id)!.false);
    c.false[1] += Number(second.get(id)!.false);
    cases.set(tag, c);
  }
  return {
    run,
    training: training.length,
    corrections: corrections.applied.length,
    fitted,
    before: figures(first, 7),
    after: figures(second, 7),
    rightDomainGain: pairedInterval(diff((o) => o.right, true), 11),
    falseDomainDrop: falseDrop,
    byCase: [...cases.values()].sort((a, b) => a.tag.localeCompare(b.tag)),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
const fig = (f: RateFigure) => `${pct(f.rate)} [${pct(f.interval[0])}, ${pct(f.interval[1])}]`;

/** The table the test and the benchmark print. */
export function formatLift(r: LiftResult, seed: number): string {
  const line = (label: string, h: HalfFigures) => `${label.padEnd(26)} ${fig(h.rightDomain).padEnd(26)} ${fig(h.falseDomain)}`;
  const w = r.fitted.weights.authenticity;
  return [
    `misleading market seed ${seed}: ${r.training} training prospects (${r.corrections} rep corrections, ${r.fitted.labels} labels), ${r.before.prospects} held out`,
    `held-out half, exported domain against the truth [bootstrap 95%]:`,
    `${''.padEnd(26)} ${'right-domain rate'.padEnd(26)} false-domain rate`,
    line('scan 1, version 0', r.before),
    line(`scan 2, version ${r.fitted.version} (fitted)`, r.after),
    `${'change (paired)'.padEnd(26)} ${`+${fig(r.rightDomainGain)}`.padEnd(26)} -${fig(r.falseDomainDrop)}`,
    `by case (held out: prospects, right and false domains scan 1 -> scan 2): ${r.byCase.map((c) => `${c.tag} ${c.prospects}: right ${c.right[0]}->${c.right[1]}, false ${c.false[0]}->${c.false[1]}`).join('; ')}`,
    `fitted authenticity (${w.link}): intercept ${w.intercept.toFixed(2)}; ${Object.entries(w.weights).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`,
    `fitted candidate source scores: ${Object.entries(r.fitted.weights.candidate.sourceScore).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`,
  ].join('\n');
}
