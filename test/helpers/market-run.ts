// A generated market through the whole real pipeline: simulated Internet, import, queues
// on the real Redis, real agents, Postgres; returns the export and its accuracy.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createLogger, loadConfig, type Config } from '@prospector/core';
import { generateMarket, simnetEnv, startSimnet, writePurchasedList, type Market, type Simnet, type WorldName } from '@prospector/simnet';
import { loadCatalog, type Catalog } from '@prospector/agents';
import { scoreAgainstTruth, type AccuracyLine } from './accuracy.tables.ts';
import { importList, type ImportSummary, startScan, exportRecords, type ExportRecord } from '@prospector/scheduler';
import { createAgentSet } from '@prospector/worker';
import { createHarness, REDIS_URL, type Harness } from './pipeline-harness.ts';

export interface MarketRun {
  market: Market;
  simnet: Simnet;
  harness: Harness;
  summary: ImportSummary;
  records: ExportRecord[];
  /** The bundled catalog the answers are judged with. */
  catalog: Catalog;
  /** The regression table (one rate per metric). */
  accuracy: AccuracyLine[];
  close(): Promise<void>;
}

/** The configuration a worker gets when pointed at the simulated Internet. */
export function simnetConfig(simnet: Simnet, databaseUrl: string, extra: Record<string, string> = {}): Config {
  return loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    ...simnetEnv(simnet),
    DNS_TIMEOUT_MS: '1000',
    HTTP_TOTAL_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

export async function runMarket(options: { label: string; size: number; seed: number; octet: number; world?: WorldName; misleading?: boolean; timeoutMs?: number }): Promise<MarketRun> {
  const market = generateMarket({ seed: options.seed, size: options.size, octet: options.octet, ...(options.world ? { world: options.world } : {}), ...(options.misleading ? { misleading: true } : {}) });
  const simnet = await startSimnet({ market });
  const dir = await mkdtemp(join(tmpdir(), `prospector-${options.label}-`));
  const file = join(dir, 'list.csv');
  writePurchasedList(market, file);
  const harness = await createHarness(options.label, { attempts: 3, backoffMs: 100 });
  const pool = new pg.Pool({ connectionString: harness.db.url, max: 2 });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const summary = await importList({ pool, campaign: options.label, file });
  const config = simnetConfig(simnet, harness.db.url);
  const agents = await createAgentSet(config, createLogger('silent', 'test'), redis);
  harness.startWorkers(agents);
  const scan = await startScan(harness.prisma, harness.queues, options.label);
  await harness.waitForScan(scan.scanId, options.timeoutMs ?? 240_000);
  const records: ExportRecord[] = [];
  for await (const r of exportRecords(harness.prisma, options.label)) records.push(r);
  const catalog = loadCatalog();
  return {
    market,
    simnet,
    harness,
    summary,
    records,
    catalog,
    accuracy: scoreAgainstTruth(catalog, market.businesses, records),
    async close() {
      // Every client of the test database ends before the harness force-drops it: an idle one
      // would be terminated (57P01) and surface as an unhandled pool error.
      await pool.end();
      await harness.close();
      await agents.close();
      await redis.quit();
      await simnet.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
