// The accuracy measurement on a world the catalog's authors did not shape: a generated
// market of the open world (at least a third of each kind of provider outside the catalog,
// offices seen only through SPF, builders on other companies' clouds, regional carriers)
// through the whole real pipeline. Always prints the right / uncatalogued-but-named /
// unknown / wrong table per field, and asserts the targets (issue 13): every field
// wrong at most 2% of the time, the e-mail, web and DNS hosts named at least 95% of the
// time, ISP precision at least 97%. OPEN_WORLD_TARGETS=0 prints the table without them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { entriesWithoutDomains } from './helpers/answer.judge.ts';
import { formatOpenWorldTable, namedRate, precision, tallyOpenWorld, wrongRate, type FieldTally } from './helpers/accuracy.tables.ts';
import { runMarket, type MarketRun } from './helpers/market-run.ts';

const TARGETS = process.env.OPEN_WORLD_TARGETS !== '0';
let run: MarketRun;
let tallies: FieldTally[];

beforeAll(async () => {
  run = await runMarket({ label: 'openworld', size: 200, seed: 20261201, octet: 61, world: 'open' });
  tallies = tallyOpenWorld(run.catalog, run.market.businesses, run.records);
}, 300_000);
afterAll(async () => run?.close());

const byField = (field: FieldTally['field']): FieldTally => {
  const t = tallies.find((x) => x.field === field);
  if (!t) throw new Error(`no tally for ${field}`);
  return t;
};

it('prints the open-world accuracy table', () => {
  console.log(`\nopen world, ${run.market.businesses.length} businesses (seed ${run.market.seed}):\n${formatOpenWorldTable(tallies)}\n`);
  for (const t of tallies.filter((x) => x.misses.length > 0)) console.log(`${t.field}: ${t.misses.join('; ')}`);
  const bridged = entriesWithoutDomains(run.catalog);
  if (bridged.length > 0) console.log(`\n${bridged.length} catalog entries list no domains yet: matched on their fingerprints' domains and name`);
  expect(run.records).toHaveLength(run.market.businesses.length);
  // The world's share of providers outside the catalog is asserted on a larger market in
  // open-world-market.test.ts; 200 businesses hold too few shops and gateways for it.
  const sites = run.market.businesses.filter((b) => b.truth.domain !== null).length;
  expect(sites).toBeGreaterThan(100);
});

it.runIf(TARGETS)('every field answers wrong at most 2% of the time', () => {
  expect(tallies.filter((t) => wrongRate(t) > 0.02).map((t) => `${t.field} ${(wrongRate(t) * 100).toFixed(1)}%`)).toEqual([]);
});

it.runIf(TARGETS)('names the e-mail, web and DNS host (catalogued or not) at least 95% of the time', () => {
  const low = (['emailProvider', 'webHost', 'dnsProvider'] as const).map(byField).filter((t) => namedRate(t) < 0.95);
  expect(low.map((t) => `${t.field} ${(namedRate(t) * 100).toFixed(1)}%`)).toEqual([]);
});

it.runIf(TARGETS)('reports an ISP only when it is the real one, 97% of the time', () => {
  expect(precision(byField('isp'))).toBeGreaterThanOrEqual(0.97);
});
