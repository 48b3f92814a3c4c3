// The learning figure: `npx tsx bench/learning.bench.ts [--size 240] [--seed 20261203]`
// (or `npm run bench:learning`). The same experiment as test/learning-lift.e2e.test.ts on the
// shared Redis and Postgres: a misleading market, reps correct the training half, the weights
// are refitted and the campaign rescanned; prints the held-out half's right- and false-domain
// rates before and after with their bootstrap intervals. A few minutes at the default size.
import { parseArgs } from 'node:util';
import { formatLift, runLiftExperiment } from '../test/helpers/learning-lift.ts';

const { values } = parseArgs({ options: { size: { type: 'string', default: '240' }, seed: { type: 'string', default: '20261203' } } });
const size = Number(values.size);
const seed = Number(values.seed);
if (!Number.isInteger(size) || size < 40) throw new Error(`--size must be a whole number of at least 40, got ${values.size}`);
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${values.seed}`);

const started = Date.now();
const result = await runLiftExperiment({ label: 'bench_learning', size, seed, octet: 145, splitSeed: 18, timeoutMs: 30 * 60_000 });
try {
  console.log(`\n== learning lift (${size} prospects, ${Math.round((Date.now() - started) / 1000)} s)\n${formatLift(result, seed)}`);
} finally {
  await result.run.close();
}
