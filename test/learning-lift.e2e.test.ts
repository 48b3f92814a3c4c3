// Learning measured on prospects it never saw (test/helpers/learning-lift.ts): a misleading
// market, split by prospect into a training and a held-out half; reps correct the training
// half only; the refit must find more right domains, or fewer false ones, on the held-out half.
import { afterAll, expect, it } from 'vitest';
import { formatLift, runLiftExperiment, type LiftResult } from './helpers/learning-lift.ts';

const SEED = 20261203;
let result: LiftResult | undefined;

afterAll(async () => {
  await result?.run.close();
});

it('a refit on the training half\u2019s corrections lifts the held-out half', async () => {
  result = await runLiftExperiment({ label: 'lift', size: 240, seed: SEED, octet: 143, splitSeed: 18 });
  console.log(`\n${formatLift(result, SEED)}\n`);
  const { before, after } = result;
  // The market is hard enough that version 0 gets a real share wrong: otherwise nothing is measured.
  expect(before.falseDomain.rate + (1 - before.rightDomain.rate)).toBeGreaterThan(0.1);
  expect(after.rightDomain.rate).toBeGreaterThanOrEqual(before.rightDomain.rate);
  expect(after.falseDomain.rate).toBeLessThanOrEqual(before.falseDomain.rate);
  // A real lift: at least one of the two paired changes is above zero with 95% confidence.
  expect(Math.max(result.rightDomainGain.interval[0], result.falseDomainDrop.interval[0])).toBeGreaterThan(0);
}, 900_000);
