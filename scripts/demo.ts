// `npm run demo`: a simulated regional market through the whole pipeline, end to end.
// Starts the simulated Internet, imports its purchased list, runs two worker processes
// until the scan completes (progress bar on a terminal), then prints the campaign
// summary and how the answers compare with the market's ground truth.
// DEMO_WORLD=open generates the long-tail world (providers outside the catalog).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { createPrisma, createQueueSet, ensureDatabase, loadConfig, migrateDatabase, redisConnectionOptions } from '@prospector/core';
import { generateMarket, simnetEnv, startSimnet, writeGroundTruth, writePurchasedList } from '@prospector/simnet';
import { formatStatsTable, loadCatalog } from '@prospector/agents';
import { formatAccuracyTable, formatOpenWorldTable, scoreAgainstTruth, tallyOpenWorld } from '../test/helpers/accuracy.tables.ts';
import { importList, formatImportSummary, startScan, waitForScan, exportRecords, type ExportRecord, openOutput, writeExport, getCampaignStats } from '@prospector/scheduler';

const SIZE = Number(process.env.DEMO_SIZE ?? 300);
const SEED = Number(process.env.DEMO_SEED ?? 7);
const CAMPAIGN = process.env.DEMO_CAMPAIGN ?? 'demo';
const outDir = resolve('out/demo');
mkdirSync(outDir, { recursive: true });

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/prospector_demo';
await ensureDatabase(databaseUrl);
await migrateDatabase(databaseUrl);

const WORLD = process.env.DEMO_WORLD === 'open' ? 'open' : 'classic';
const market = generateMarket({ seed: SEED, size: SIZE, octet: 30, world: WORLD });
const privileged = process.getuid?.() === 0;
const simnet = await startSimnet({ market, httpPort: privileged ? 80 : 8080, httpsPort: privileged ? 443 : 8443, caDir: outDir });
const listFile = `${outDir}/list.csv`;
writePurchasedList(market, listFile);
writeGroundTruth(market, `${outDir}/truth.json`);
console.log(`simulated Internet up: ${SIZE} businesses (seed ${SEED}), DNS ${simnet.dnsServers}, search ${simnet.searxngUrl}`);

const env: Record<string, string> = {
  DATABASE_URL: databaseUrl,
  ...simnetEnv(simnet),
  HEALTH_PORT: '0',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
writeFileSync(`${outDir}/simnet.env`, Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
Object.assign(process.env, env);
const config = loadConfig();

const workers: ChildProcess[] = [1, 2].map(() =>
  spawn(process.execPath, ['apps/scheduler/bin/prospector.mjs', 'worker'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] }),
);

const prisma = createPrisma({ databaseUrl });
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const queues = createQueueSet({ connection: redisConnectionOptions(config.REDIS_URL), prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS, onError: (queue, err) => console.error(`queue ${queue}: ${err.message}`) });
let exitCode = 0;
try {
  const summary = await importList({ pool, campaign: CAMPAIGN, file: listFile });
  console.log(formatImportSummary(summary, 5));
  const scan = await startScan(prisma, queues, CAMPAIGN);
  console.log(`scan #${scan.number}: ${scan.total} prospects through search → verify → dns → classify with 2 workers`);
  const started = Date.now();
  const outcome = await waitForScan(prisma, queues, CAMPAIGN, { stallMs: 120_000, progressBar: Boolean(process.stderr.isTTY), notify: (line) => console.error(line) });
  const seconds = (Date.now() - started) / 1000;
  console.log(`\nscan ${outcome.ok ? 'complete' : `incomplete: ${outcome.reason}`} in ${seconds.toFixed(1)} s (${(scan.total / seconds).toFixed(1)} prospects/s)\n`);
  if (!outcome.ok) exitCode = 1;

  console.log(formatStatsTable(await getCampaignStats(prisma, CAMPAIGN)));
  const records: ExportRecord[] = [];
  for await (const r of exportRecords(prisma, CAMPAIGN)) records.push(r);
  const catalog = loadCatalog({ extraFile: config.PROVIDERS_FILE });
  console.log(`\nanswers against the market's ground truth (${WORLD} world):\n${formatAccuracyTable(scoreAgainstTruth(catalog, market.businesses, records))}\n`);
  console.log(`per field, right / uncatalogued-but-named / unknown / wrong:\n${formatOpenWorldTable(tallyOpenWorld(catalog, market.businesses, records))}\n`);
  for (const format of ['json', 'csv'] as const) {
    const out = openOutput(`${outDir}/export.${format}`);
    await writeExport(exportRecords(prisma, CAMPAIGN), format, out.stream);
    await out.done();
  }
  console.log(`exports: ${outDir}/export.json, ${outDir}/export.csv`);
  console.log(`to look around: set -a; . ${outDir}/simnet.env; set +a; npx prospector status --campaign ${CAMPAIGN}`);
} finally {
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
  await queues.close();
  await prisma.$disconnect();
  await pool.end();
  await simnet.close();
}
process.exit(exitCode);
