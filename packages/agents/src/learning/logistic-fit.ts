// L2-regularised logistic regression fitted by Newton's method (IRLS). Pure and
// deterministic: features are standardised so one penalty fits all scales, the intercept is
// not penalised, and coefficients come back in the features' own units.

export interface LogisticFitOptions {
  /** L2 penalty on the standardised coefficients (not the intercept). */
  lambda?: number;
  maxIterations?: number;
  /** Stop when no coefficient moves more than this in one step. */
  tolerance?: number;
}

export interface LogisticModel {
  intercept: number;
  /** One per feature column, in raw (unstandardised) units. */
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

export class LogisticFitError extends Error {}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function predictLogistic(model: Pick<LogisticModel, 'intercept' | 'coefficients'>, x: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < model.coefficients.length; j++) z += model.coefficients[j]! * x[j]!;
  return sigmoid(z);
}

export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], options: LogisticFitOptions = {}): LogisticModel {
  const lambda = options.lambda ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const n = x.length;
  const d = x[0]?.length ?? 0;
  if (n === 0) throw new LogisticFitError('no examples to fit');
  if (y.length !== n) throw new LogisticFitError(`${n} feature rows but ${y.length} labels`);
  x.forEach((row, i) => {
    if (row.length !== d) throw new LogisticFitError(`row ${i} has ${row.length} features, expected ${d}`);
    if (!row.every(Number.isFinite)) throw new LogisticFitError(`row ${i} has a non-finite feature`);
    if (y[i] !== 0 && y[i] !== 1) throw new LogisticFitError(`label ${i} is ${y[i]}, expected 0 or 1`);
  });
  if (!(lambda > 0)) throw new LogisticFitError('lambda must be > 0 (the penalty keeps separable data finite)');

  const { mean, scale } = standardisation(x, d);
  // Column 0 is the intercept; a constant feature gets scale 0 and stays at 0.
  const z = x.map((row) => [1, ...row.map((v, j) => (scale[j] === 0 ? 0 : (v - mean[j]!) / scale[j]!))]);
  const beta = new Array<number>(d + 1).fill(0);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const gradient = beta.map((b, j) => (j === 0 ? 0 : -lambda * b));
    const hessian = Array.from({ length: d + 1 }, (_, j) => Array.from({ length: d + 1 }, (_, k) => (j === k && j > 0 ? lambda : 0)));
    for (let i = 0; i < n; i++) {
      const row = z[i]!;
      const p = sigmoid(dot(beta, row));
      const w = Math.max(p * (1 - p), 1e-12);
      const r = y[i]! - p;
      for (let j = 0; j <= d; j++) {
        gradient[j]! += r * row[j]!;
        for (let k = 0; k <= j; k++) hessian[j]![k]! += w * row[j]! * row[k]!;
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hessian[k]![j] = hessian[j]![k]!;
    const step = solveSymmetric(hessian, gradient);
    let largest = 0;
    for (let j = 0; j <= d; j++) {
      beta[j]! += step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    converged = largest < tolerance;
  }
  const coefficients = beta.slice(1).map((b, j) => (scale[j] === 0 ? 0 : b / scale[j]!));
  const intercept = beta[0]! - coefficients.reduce((sum, c, j) => sum + c * mean[j]!, 0);
  return { intercept, coefficients, iterations, converged };
}

function standardisation(x: readonly (readonly number[])[], d: number): { mean: number[]; scale: number[] } {
  const mean = new Array<number>(d).fill(0);
  for (const row of x) row.forEach((v, j) => (mean[j]! += v / x.length));
  const variance = new Array<number>(d).fill(0);
  for (const row of x) row.forEach((v, j) => (variance[j]! += (v - mean[j]!) ** 2 / x.length));
  return { mean, scale: variance.map((v) => (v < 1e-12 ? 0 : Math.sqrt(v))) };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Cholesky solve of a symmetric positive-definite system (the penalised Hessian is one). */
function solveSymmetric(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let diag = a[j]![j]!;
    for (let k = 0; k < j; k++) diag -= l[j]![k]! ** 2;
    if (!(diag > 0)) throw new LogisticFitError('the Hessian is not positive definite (all labels alike?)');
    l[j]![j] = Math.sqrt(diag);
    for (let i = j + 1; i < n; i++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = s / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const out = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * out[k]!;
    out[i] = s / l[i]![i]!;
  }
  return out;
}
