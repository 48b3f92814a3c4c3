// Benchmark: `npx tsx apps/scheduler/src/import/bench-import.ts [rows]` (default 1,000,000).
// Generates a synthetic list in a temp dir, imports it into a fresh database and prints
// throughput, elapsed time and peak RSS (sampled every 50 ms).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '../../../../test/helpers/test-db.ts';
import { formatImportSummary, importList } from './import.service.ts';
import { writeSyntheticList } from './list-generator.ts';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'prospector-bench-'));
  const file = join(dir, 'list.csv');
  const db = await createTestDatabase('bench_import');
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  try {
    let t = performance.now();
    const generated = await writeSyntheticList(file, rows);
    const size = (await stat(file)).size;
    console.log(`generated ${rows} rows (${(size / 1e6).toFixed(1)} MB, ${generated.duplicates} duplicates, ${generated.nameless} nameless) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    let peakRss = process.memoryUsage().rss;
    const baseRss = peakRss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
    t = performance.now();
    const summary = await importList({ pool, campaign: 'bench', file });
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    console.log(formatImportSummary(summary, 5));
    console.log(`elapsed ${seconds.toFixed(1)} s, ${Math.round(rows / seconds)} rows/s, RSS before ${(baseRss / 2 ** 20).toFixed(0)} MiB, peak ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
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
