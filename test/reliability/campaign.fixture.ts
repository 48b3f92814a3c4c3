// One small simulated market imported into a fresh database, with worker processes
// started as real children of the test, and the invariants every reliability case
// checks: each prospect finishes, exactly once, and nothing is left in the queues.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { deletePrefix } from '../helpers/redis-keys.ts';
import { createLogger, createPrisma, createQueueSet, ensureDatabase, migrateDatabase, QUEUE_NAMES, redisConnectionOptions, type PrismaClient, type QueueSet } from '@prospector/core';
import { generateMarket, simnetEnv, startSimnet, writePurchasedList, type Market, type Simnet } from '@prospector/simnet';
import { importList } from '@prospector/scheduler';
import { adminDatabaseUrl, dropTestDatabase } from '../helpers/test-db.ts';
import { freePort, waitFor } from '../helpers/private-services.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface CampaignFixture {
  label: string;
  market: Market;
  simnet: Simnet;
  databaseUrl: string;
  redisUrl: string;
  prisma: PrismaClient;
  queues: QueueSet;
  prefix: string;
  listFile: string;
  /** The environment of a worker (or CLI) process pointed at this fixture. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  label: string;
  size: number;
  seed: number;
  octet: number;
  adminUrl?: string;
  redisUrl?: string;
  latency?: { dnsMs?: number; httpMs?: number };
  attempts?: number;
  backoffMs?: number;
  /** Skip the import (the case imports itself). */
  skipImport?: boolean;
  /** Leave the database unmigrated and uncreated (Postgres not up yet). */
  skipDatabase?: boolean;
  env?: Record<string, string>;
}

export async function createCampaignFixture(options: FixtureOptions): Promise<CampaignFixture> {
  const market = generateMarket({ seed: options.seed, size: options.size, octet: options.octet });
  const simnet = await startSimnet({ market, httpPort: 8080, httpsPort: 8443, latency: options.latency ?? {} });
  const dir = mkdtempSync(join(tmpdir(), `reliability-${options.label}-`));
  const listFile = join(dir, 'list.csv');
  writePurchasedList(market, listFile);
  const url = new URL(options.adminUrl ?? adminDatabaseUrl());
  url.pathname = `/prospector_rel_${options.label.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = url.toString();
  if (!options.skipDatabase) {
    await ensureDatabase(databaseUrl);
    await migrateDatabase(databaseUrl);
  }
  const redisUrl = options.redisUrl ?? SHARED_REDIS_URL;
  const prefix = `{rel-${options.label}-${randomBytes(3).toString('hex')}}`;
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 200;
  const prisma = createPrisma({ databaseUrl, poolMax: 4 });
  // Several cases restart Redis on purpose: its connection errors are expected, shown with TEST_LOG_LEVEL=warn.
  const queueLog = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test-queues');
  const queues = createQueueSet({ connection: redisConnectionOptions(redisUrl), prefix, attempts, backoffMs, onError: (queue, err) => queueLog.warn({ queue, err: err.message }, 'queue connection error') });
  if (!options.skipImport && !options.skipDatabase) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    await importList({ pool, campaign: options.label, file: listFile });
    await pool.end();
  }
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: '5',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    JOB_ATTEMPTS: String(attempts),
    JOB_BACKOFF_MS: String(backoffMs),
    ...simnetEnv(simnet),
    DNS_TIMEOUT_MS: '1000',
    SEARCH_RATE_MAX: '1000',
    HTTP_TOTAL_TIMEOUT_MS: '5000',
    WORKER_CONCURRENCY: 'search=10,dns=20,verify=20,classify=10',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  return {
    label: options.label, market, simnet, databaseUrl, redisUrl, prisma, queues, prefix, listFile, env,
    async close() {
      await queues.close().catch(() => undefined);
      await obliterate(redisUrl, prefix).catch(() => undefined);
      await prisma.$disconnect().catch(() => undefined);
      await simnet.close();
      if (!options.skipDatabase || options.adminUrl === undefined) await dropTestDatabase(options.adminUrl ?? adminDatabaseUrl(), url.pathname.slice(1)).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function obliterate(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  await deletePrefix(redis, prefix);
  await redis.quit();
}

export interface ChildRun {
  child: ChildProcess;
  healthPort: number;
  output(): string;
  exited: Promise<number | null>;
  /** Signals the child and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A CLI command run to its end: its exit code and everything it printed. */
export async function runProspector(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = await spawnProspector(args, env);
  const code = await child.exited;
  return { code, output: child.output() };
}

/** `prospector <args>` as a child process (a worker, or a CLI command). */
export async function spawnProspector(args: string[], env: Record<string, string>): Promise<ChildRun> {
  const healthPort = await freePort();
  const child = spawn(process.execPath, ['apps/scheduler/bin/prospector.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, HEALTH_PORT: String(healthPort), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => {
    if (child.exitCode !== null) r(child.exitCode);
    else child.once('exit', (code) => r(code));
  });
  return {
    child,
    healthPort,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function spawnWorker(fixture: CampaignFixture, extra: Record<string, string> = {}): Promise<ChildRun> {
  return spawnProspector(['worker'], { ...fixture.env, ...extra });
}

export async function waitForScanDone(prisma: PrismaClient, scanId: number, timeoutMs: number): Promise<void> {
  await waitFor(`scan ${scanId} done`, async () => (await prisma.scan.findUniqueOrThrow({ where: { id: scanId } })).status === 'done', timeoutMs, 200);
}

export async function queueCounts(queues: QueueSet): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const name of QUEUE_NAMES) {
    const counts = await queues.queues[name].getJobCounts('active', 'wait', 'delayed', 'waiting-children', 'prioritized', 'failed', 'completed');
    for (const [k, v] of Object.entries(counts)) totals[k] = (totals[k] ?? 0) + v;
  }
  return totals;
}

export interface IntegrityReport {
  prospects: number;
  findings: number;
  distinctFindingProspects: number;
  classifyRuns: number;
  scans: number;
}

/**
 * Nothing lost: one finding and one classify outcome per prospect, one scan. (Duplicate
 * rows are not counted here: the unique keys rule them out, so such a count could not
 * fail. Duplicated work is: see duplicatedWorkOf.)
 */
export async function integrityOf(prisma: PrismaClient, campaign: string, scanId: number): Promise<IntegrityReport> {
  const c = await prisma.campaign.findUniqueOrThrow({ where: { name: campaign } });
  const distinct = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(DISTINCT "prospectId") n FROM "Finding" WHERE "scanId" = ${scanId}`;
  return {
    prospects: await prisma.prospect.count({ where: { campaignId: c.id } }),
    findings: await prisma.finding.count({ where: { scanId } }),
    distinctFindingProspects: Number(distinct[0]?.n ?? 0),
    classifyRuns: await prisma.stageRun.count({ where: { scanId, stage: 'classify' } }),
    scans: await prisma.scan.count({ where: { campaignId: c.id } }),
  };
}

/** The report of a complete scan of `prospects` prospects. */
export function completeIntegrity(prospects: number): IntegrityReport {
  return { prospects, findings: prospects, distinctFindingProspects: prospects, classifyRuns: prospects, scans: 1 };
}
