// Learning measured on a market it never saw: run one generated market through the real
// pipeline, let simulated reps correct its wrong domains (from simnet's ground truth), fit
// the scoring weights on that market's labels alone, then judge version 0 against the fit
// on a second market of another seed, with its ground truth as the labels. The choice is
// recomputed from the signals the held-out scan recorded, by the same rule classify uses.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WEIGHTS_V0 } from '@prospector/agents';
import { evaluateChoices, type ChoiceFigures } from '@prospector/agents';
import { recordCorrections } from '@prospector/scheduler';
import { fitModel } from '@prospector/scheduler';
import { loadExamples } from '@prospector/scheduler';
import { exportRecords, type ExportRecord } from '@prospector/scheduler';
import { startScan } from '@prospector/scheduler';
import { bootstrapInterval } from '@prospector/agents';
import { runMarket, type MarketRun } from './helpers/market-run.ts';

let train: MarketRun;
let heldOut: MarketRun;

beforeAll(async () => {
  train = await runMarket({ label: 'lift_train', size: 200, seed: 20261201, octet: 141 });
  heldOut = await runMarket({ label: 'lift_heldout', size: 200, seed: 20261202, octet: 142 });
}, 600_000);
afterAll(async () => {
  await train?.close();
  await heldOut?.close();
});

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
function row(label: string, f: ChoiceFigures): string {
  return `${label.padEnd(22)} ${pct(f.accuracy)} [${pct(f.accuracyInterval[0])}, ${pct(f.accuracyInterval[1])}]  right ${pct(f.rightDomainRate)}  false ${pct(f.falseDomainRate)}  log-loss ${f.logLoss.toFixed(3)}`;
}

it('a refit on one market\u2019s corrections is not worse than version 0 on a held-out market', async () => {
  // Simulated reps correct every wrong domain of the training market, and nothing else.
  const truthOf = new Map(train.market.businesses.map((b) => [b.recordId, b.truth.domain]));
  const wrong = train.records.filter((r) => (r.domain ?? null) !== (truthOf.get(r.externalId) ?? null));
  const corrections = await recordCorrections(
    train.harness.prisma,
    wrong.map((r) => ({ prospect: { externalId: r.externalId }, field: 'domain', value: truthOf.get(r.externalId) ?? 'none', by: 'simulated-rep' })),
    { catalog: train.catalog, campaign: 'lift_train' },
  );
  expect(corrections.rejected).toEqual([]);
  console.log(`training-market domains the reps corrected: ${wrong.map((r) => `${r.externalId} ${r.domain ?? 'none'} -> ${truthOf.get(r.externalId) ?? 'none'}`).join('; ') || 'none'}`);
  const fitted = await fitModel(train.harness.prisma);

  // Held out: labels are the second market's ground truth, never seen by the fit.
  const prospects = await heldOut.harness.prisma.prospect.findMany({ select: { id: true, externalId: true } });
  const heldOutTruth = new Map(heldOut.market.businesses.map((b) => [b.recordId, b.truth.domain]));
  const labels = new Map(prospects.map((p) => [p.id, heldOutTruth.get(p.externalId) ?? null]));
  const examples = await loadExamples(heldOut.harness.prisma, labels);
  // Prospects without any candidate choose nothing under any weights; they count too.
  const withCandidates = new Set(examples.map((e) => Number(e.key.split(':')[1])));
  const all = [...examples, ...prospects.filter((p) => !withCandidates.has(p.id)).map((p) => ({ key: `0:${p.id}`, label: labels.get(p.id) ?? null, candidates: [] }))];
  const before = evaluateChoices(WEIGHTS_V0, all);
  const after = evaluateChoices(fitted.weights, all);
  console.log(
    [
      '',
      `fit on market seed 20261201: ${fitted.labels} labelled prospects (${corrections.applied.length} rep corrections), version ${fitted.version}`,
      `held-out market seed 20261202: ${all.length} prospects; candidate-choice accuracy [bootstrap 95%]`,
      row('version 0 (hand-set)', before),
      row(`version ${fitted.version} (fitted)`, after),
      `fitted authenticity weights: ${Object.entries(fitted.weights.authenticity.weights).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}, intercept ${fitted.weights.authenticity.intercept.toFixed(2)}`,
      `fitted candidate source scores: ${Object.entries(fitted.weights.candidate.sourceScore).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`,
      '',
    ].join('\n'),
  );
  expect(all.length).toBe(prospects.length);
  expect(after.accuracy).toBeGreaterThanOrEqual(before.accuracy);
  expect(after.logLoss).toBeLessThan(before.logLoss);

  // End to end: store the fitted version in the held-out market's database and rescan it; the
  // workers pick the latest version for a scan started after it. The candidate scorer's new
  // source scores change which candidates are verified, which the recomputation above cannot see.
  await heldOut.harness.prisma.scoringModel.create({ data: { version: fitted.version, weights: fitted.weights as unknown as object, labels: fitted.labels, validation: {} } });
  const rescan = await startScan(heldOut.harness.prisma, heldOut.harness.queues, 'lift_heldout');
  await heldOut.harness.waitForScan(rescan.scanId, 240_000);
  // The rescan really ran on the fitted version: a list-website-only candidate carries its score.
  const listOnly = await heldOut.harness.prisma.candidate.findFirstOrThrow({ where: { scanId: rescan.scanId, sources: { equals: ['list-website'] } } });
  expect(listOnly.score).toBeCloseTo(fitted.weights.candidate.sourceScore['list-website'], 3);
  const rescanned: ExportRecord[] = [];
  for await (const r of exportRecords(heldOut.harness.prisma, 'lift_heldout')) rescanned.push(r);
  const scanFigures = (records: ExportRecord[]) => {
    const right = records.map((r) => (r.domain ?? null) === (heldOutTruth.get(r.externalId) ?? null));
    const withSite = records.filter((r) => heldOutTruth.get(r.externalId));
    return {
      rate: right.filter(Boolean).length / right.length,
      interval: bootstrapInterval(right, 7),
      rightDomain: withSite.filter((r) => r.domain === heldOutTruth.get(r.externalId)).length / withSite.length,
      falseDomain: records.filter((r) => r.domain && r.domain !== heldOutTruth.get(r.externalId)).length / records.length,
    };
  };
  const scan1 = scanFigures(heldOut.records);
  const scan2 = scanFigures(rescanned);
  const line = (label: string, f: ReturnType<typeof scanFigures>) =>
    `${label.padEnd(22)} ${pct(f.rate)} [${pct(f.interval[0])}, ${pct(f.interval[1])}]  right ${pct(f.rightDomain)}  false ${pct(f.falseDomain)}`;
  console.log(['', `held-out market, exported domain against the truth, scan with each version [bootstrap 95%]:`, line('scan 1, version 0', scan1), line(`scan 2, version ${fitted.version}`, scan2), ''].join('\n'));
  expect(scan2.rate).toBeGreaterThanOrEqual(scan1.rate);
  expect(scan2.falseDomain).toBeLessThanOrEqual(scan1.falseDomain);
}, 400_000);
