// Benchmark: `npx tsx bench/import-run.ts [rows]` (default 1,000,000).
// Generates a synthetic list in a temp dir, imports it into a fresh database and prints
// throughput, elapsed time and peak RSS (sampled every 50 ms).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os, { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '../test/helpers/test-db.ts';
import { formatImportSummary, importList } from '@prospector/scheduler';
import { writeSyntheticList } from '../test/helpers/list-generator.ts';

/** CPU seconds (user + system) used so far by a process, from /proc (Linux only). */
async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** Postgres backends of this database (the pool keeps its connections, so these ran the import). */
async function backendCpuSeconds(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  let total = 0;
  for (const { pid } of r.rows) total += await processCpuSeconds(pid);
  return total;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'prospector-bench-'));
  const file = join(dir, 'list.csv');
  const db = await createTestDatabase('bench_import');
  const pool = new pg.Pool({ connectionString: db.url, max: 1, idleTimeoutMillis: 0 });
  try {
    let t = performance.now();
    const generated = await writeSyntheticList(file, rows);
    const size = (await stat(file)).size;
    console.log(`generated ${rows} rows (${(size / 1e6).toFixed(1)} MB, ${generated.duplicates} duplicates, ${generated.nameless} nameless) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    let peakRss = process.memoryUsage().rss;
    const baseRss = peakRss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
    const cpuBefore = process.cpuUsage();
    const pgBefore = await backendCpuSeconds(pool);
    const loadBefore = loadavg()[0] ?? 0;
    t = performance.now();
    const summary = await importList({ pool, campaign: 'bench', file });
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = (await backendCpuSeconds(pool)) - pgBefore;
    console.log(formatImportSummary(summary, 5));
    console.log(`elapsed ${seconds.toFixed(1)} s, ${Math.round(rows / seconds)} rows/s, RSS before ${(baseRss / 2 ** 20).toFixed(0)} MiB, peak ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
    console.log(`CPU: node ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, postgres backend ${pgCpu.toFixed(1)} s; load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores`);
    t = performance.now();
    const again = await importList({ pool, campaign: 'bench', file });
    console.log(`re-import: alreadyImported=${again.alreadyImported} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await pool.end();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
