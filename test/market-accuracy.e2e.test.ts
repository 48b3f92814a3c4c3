// The whole pipeline on a generated market of 200 businesses in the simulated Internet,
// compared field by field to the ground truth. Prints the accuracy table.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatAccuracyTable } from '@prospector/simnet';
import { runMarket, type MarketRun } from './helpers/market-run.ts';

let run: MarketRun;

beforeAll(async () => {
  run = await runMarket({ label: 'accuracy', size: 200, seed: 20261123, octet: 60 });
}, 300_000);
afterAll(async () => run?.close());

it('classifies every prospect and meets the accuracy thresholds', () => {
  console.log(`\n${formatAccuracyTable(run.accuracy)}\n`);
  const below = run.accuracy.filter((l) => l.threshold !== null && l.rate < l.threshold);
  for (const l of run.accuracy.filter((a) => a.misses.length > 0)) console.log(`${l.metric}: ${l.misses.join('; ')}`);
  expect(below.map((l) => `${l.metric} ${(l.rate * 100).toFixed(1)}%`)).toEqual([]);
});

it('never reports a hosting or SaaS provider as an ISP', () => {
  const nonIsp = new Set(['aws', 'google-cloud', 'azure', 'cloudflare', 'squarespace', 'wix', 'shopify', 'godaddy', 'digitalocean', 'microsoft-365', 'google-workspace']);
  expect(run.records.filter((r) => r.isp && nonIsp.has(r.isp)).map((r) => `${r.externalId}: ${r.isp}`)).toEqual([]);
});
