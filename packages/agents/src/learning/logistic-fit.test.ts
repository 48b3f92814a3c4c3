import { describe, expect, it } from 'vitest';
import { fitLogistic, LogisticFitError, predictLogistic, sigmoid } from './logistic-fit.ts';
import { seededRandom } from '../../../../test/helpers/seeded-random.ts';

function synthetic(seed: number, n: number, intercept: number, coefficients: number[]) {
  const rand = seededRandom(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    // One continuous feature on its own scale, one binary, one continuous in 0..1.
    const row = [rand() * 10 - 5, rand() < 0.3 ? 1 : 0, rand()];
    x.push(row);
    y.push(rand() < predictLogistic({ intercept, coefficients }, row) ? 1 : 0);
  }
  return { x, y };
}

describe('fitLogistic (IRLS)', () => {
  it('recovers known coefficients from synthetic data, in the features\u2019 own units', () => {
    const truth = { intercept: -0.5, coefficients: [0.8, 2, -1.5] };
    const { x, y } = synthetic(7, 20_000, truth.intercept, truth.coefficients);
    const model = fitLogistic(x, y, { lambda: 1e-3 });
    expect(model.converged).toBe(true);
    expect(model.iterations).toBeLessThan(15);
    expect(model.intercept).toBeCloseTo(truth.intercept, 1);
    model.coefficients.forEach((c, j) => expect(Math.abs(c - truth.coefficients[j]!)).toBeLessThan(0.12));
  });

  it('is deterministic and stays finite on separable data thanks to the penalty', () => {
    const x = [[0], [1], [2], [3]];
    const y = [0, 0, 1, 1];
    const a = fitLogistic(x, y, { lambda: 0.5 });
    expect(a).toEqual(fitLogistic(x, y, { lambda: 0.5 }));
    expect(Number.isFinite(a.coefficients[0]!)).toBe(true);
    expect(predictLogistic(a, [3])).toBeGreaterThan(0.5);
    expect(predictLogistic(a, [0])).toBeLessThan(0.5);
  });

  it('shrinks toward zero as the penalty grows, and gives a constant feature no weight', () => {
    const { x, y } = synthetic(3, 2_000, 0, [0.8, 2, -1.5]);
    const withConstant = x.map((row) => [...row, 4]);
    const loose = fitLogistic(withConstant, y, { lambda: 1e-3 });
    const tight = fitLogistic(withConstant, y, { lambda: 1e3 });
    expect(Math.abs(tight.coefficients[1]!)).toBeLessThan(Math.abs(loose.coefficients[1]!) / 2);
    expect(loose.coefficients[3]).toBe(0);
  });

  it('names the problem in bad input', () => {
    expect(() => fitLogistic([], [])).toThrow(LogisticFitError);
    expect(() => fitLogistic([[1], [2, 3]], [0, 1])).toThrow(/row 1 has 2 features/);
    expect(() => fitLogistic([[1], [2]], [0, 2])).toThrow(/label 1 is 2/);
    expect(() => fitLogistic([[1], [Number.NaN]], [0, 1])).toThrow(/non-finite/);
  });

  it('sigmoid is stable at the extremes', () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });
});
