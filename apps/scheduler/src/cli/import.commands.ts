// Services are imported inside the actions: `--help` and every other command start
// without loading the database client, the CSV parser or the HTTP server.
import type { Command } from 'commander';
import type { ImportProgress } from '../import/import.service.ts';
import type { CliContext } from './context.ts';

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.lastIndexOf('=');
  if (eq <= 0) throw new Error(`--map expects column=field, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** Exit status of an import that lost rows to a parse error (3: a scan that did not complete). */
const EXIT_ROWS_LOST = 4;

interface WaitFlags {
  wait?: boolean;
  stallTimeout: string;
}

async function startAndMaybeWait(ctx: CliContext, campaign: string, flags: WaitFlags): Promise<number> {
  const { scanWindowOf, startScan } = await import('@prospector/core');
  const { waitForScan } = await import('../scan/wait-for-scan.ts');
  const { formatScanStatus } = await import('../status/status.service.ts');
  const { OutageWatch } = await import('../scan/database-outage.ts');
  const stallMs = Number(flags.stallTimeout) * 1000;
  const startBy = Date.now() + stallMs;
  // Starting joins a running scan, so a start retried after an outage starts nothing twice.
  const starting = new OutageWatch({ deadline: () => startBy, doing: `starting the scan of ${campaign}`, say: (line) => console.error(line), probe: () => ctx.prisma.$queryRaw`SELECT 1` });
  const scan = await starting.run(() => startScan(ctx.prisma, ctx.queues, campaign, scanWindowOf(ctx.config)));
  // Workers admit the rest as the first ones finish.
  const queued = scan.admitted < scan.total ? ` (${scan.admitted} in the queues, the rest as those finish)` : ' in the queues';
  console.log(`${scan.joinedExisting ? 'joined running' : 'started'} scan #${scan.number} of ${campaign}: ${scan.total} prospects${queued}`);
  if (!flags.wait) return 0;
  const outcome = await waitForScan(ctx.prisma, ctx.queues, campaign, {
    stallMs,
    progressBar: Boolean(process.stderr.isTTY),
    notify: (line) => console.error(line),
  });
  console.log(formatScanStatus(outcome.status));
  if (!outcome.ok) {
    console.error(`scan did not complete: ${outcome.reason}`);
    return 3;
  }
  return 0;
}

export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description('import a purchased list (CSV) into a campaign and start a scan')
    .argument('<file>', 'CSV file (UTF-8 with or without BOM, UTF-16 with or without BOM, or Windows-1252)')
    .requiredOption('--campaign <name>', 'campaign name (created when new)')
    .option('--map <column=field>', 'map a CSV column to a field (repeatable)', collectMap, {})
    .option('--playbook <file>', 'qualification playbook for this campaign (YAML or JSON; default: the bundled one)')
    .option('--no-scan', 'import only; do not start a scan')
    .option('--wait', 'block until the scan completes; non-zero exit if it cannot')
    .option('--stall-timeout <seconds>', 'with --wait: give up after this long without progress (a database outage included)', '300')
    .action(async (file: string, opts: { campaign: string; map: Record<string, string>; scan: boolean; playbook?: string } & WaitFlags) => {
      const { openCliContext } = await import('./context.ts');
      const { importList, formatImportSummary, rowsLostToParseErrors } = await import('../import/import.service.ts');
      const { setCampaignPlaybook } = await import('../campaign/playbook.service.ts');
      const { default: cliProgress } = await import('cli-progress');
      const ctx = await openCliContext({ redis: opts.scan, addsJobs: opts.scan });
      const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: ' import {bar} {percentage}% | {rows} rows', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
      const onProgress = bar
        ? (p: ImportProgress) => {
            if (!bar.getTotal()) bar.start(p.totalBytes, 0, { rows: 0 });
            bar.update(p.bytesRead, { rows: p.rows });
          }
        : undefined;
      try {
        const summary = await importList({ pool: ctx.pool, campaign: opts.campaign, file, map: opts.map, defaultCountry: ctx.config.DEFAULT_COUNTRY, onProgress })
          .catch(async (error: unknown) => {
            const { DatabaseUnavailableError, isPgUnavailable } = await import('../scan/database-outage.ts');
            // The import is one transaction: an outage mid-way leaves nothing behind, so the
            // honest advice is to run it again (the file's hash makes a repeat a no-op).
            if (isPgUnavailable(error)) {
              const code = (error as { code: string }).code;
              throw new DatabaseUnavailableError(`database unreachable during the import (${code}): nothing was imported; run the same command again once Postgres is back`);
            }
            throw error;
          });
        bar?.stop();
        console.log(formatImportSummary(summary));
        if (rowsLostToParseErrors(summary)) {
          // The readable rows are imported; a script must still learn that the file was broken.
          console.error(`import incomplete: ${summary.unreadableRows} row${summary.unreadableRows === 1 ? '' : 's'} could not be parsed${summary.linesUnread > 0 ? ` and ${summary.linesUnread} lines after them could not be read` : ''} (rows listed above); no scan started: fix the file and import it again, or run \`prospector scan --campaign ${opts.campaign}\``);
          process.exitCode = EXIT_ROWS_LOST;
          return;
        }
        if (opts.playbook) console.log(await setCampaignPlaybook(ctx.prisma, opts.campaign, opts.playbook));
        process.exitCode = opts.scan ? await startAndMaybeWait(ctx, opts.campaign, opts) : 0;
      } finally {
        bar?.stop();
        await ctx.close();
      }
    });

  program
    .command('scan')
    .description('start a new scan of a campaign (re-scan for history), or join the running one')
    .requiredOption('--campaign <name>', 'campaign name')
    .option('--playbook <file>', 'set the campaign\'s qualification playbook (YAML or JSON) before scanning')
    .option('--wait', 'block until the scan completes; non-zero exit if it cannot')
    .option('--stall-timeout <seconds>', 'with --wait: give up after this long without progress', '300')
    .action(async (opts: { campaign: string; playbook?: string } & WaitFlags) => {
      const { openCliContext } = await import('./context.ts');
      const { setCampaignPlaybook } = await import('../campaign/playbook.service.ts');
      const ctx = await openCliContext({ redis: true, addsJobs: true });
      try {
        if (opts.playbook) console.log(await setCampaignPlaybook(ctx.prisma, opts.campaign, opts.playbook));
        process.exitCode = await startAndMaybeWait(ctx, opts.campaign, opts);
      } finally {
        await ctx.close();
      }
    });
}
