import type { Command } from 'commander';
import { importList, formatImportSummary } from '../import/import.service.ts';
import { startScan } from '../scan/scan.service.ts';
import { waitForScan } from '../scan/wait-for-scan.ts';
import { formatScanStatus } from '../status/status.service.ts';
import { createCliContext, type CliContext } from './context.ts';

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.lastIndexOf('=');
  if (eq <= 0) throw new Error(`--map expects column=field, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

interface WaitFlags {
  wait?: boolean;
  stallTimeout: string;
}

async function startAndMaybeWait(ctx: CliContext, campaign: string, flags: WaitFlags): Promise<number> {
  const scan = await startScan(ctx.prisma, ctx.queues, campaign);
  console.log(`${scan.joinedExisting ? 'joined running' : 'started'} scan #${scan.number} of ${campaign}: ${scan.total} prospects fanned out`);
  if (!flags.wait) return 0;
  const outcome = await waitForScan(ctx.prisma, ctx.queues, campaign, {
    stallMs: Number(flags.stallTimeout) * 1000,
    progressBar: Boolean(process.stderr.isTTY),
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
    .argument('<file>', 'CSV file (UTF-8 with or without BOM, or Windows-1252)')
    .requiredOption('--campaign <name>', 'campaign name (created when new)')
    .option('--map <column=field>', 'map a CSV column to a field (repeatable)', collectMap, {})
    .option('--no-scan', 'import only; do not start a scan')
    .option('--wait', 'block until the scan completes; non-zero exit if it cannot')
    .option('--stall-timeout <seconds>', 'with --wait: give up after this long without progress', '300')
    .action(async (file: string, opts: { campaign: string; map: Record<string, string>; scan: boolean } & WaitFlags) => {
      const ctx = createCliContext();
      try {
        const summary = await importList({ pool: ctx.pool, campaign: opts.campaign, file, map: opts.map, defaultCountry: ctx.config.DEFAULT_COUNTRY });
        console.log(formatImportSummary(summary));
        process.exitCode = opts.scan ? await startAndMaybeWait(ctx, opts.campaign, opts) : 0;
      } finally {
        await ctx.close();
      }
    });

  program
    .command('scan')
    .description('start a new scan of a campaign (re-scan for history), or join the running one')
    .requiredOption('--campaign <name>', 'campaign name')
    .option('--wait', 'block until the scan completes; non-zero exit if it cannot')
    .option('--stall-timeout <seconds>', 'with --wait: give up after this long without progress', '300')
    .action(async (opts: { campaign: string } & WaitFlags) => {
      const ctx = createCliContext();
      try {
        process.exitCode = await startAndMaybeWait(ctx, opts.campaign, opts);
      } finally {
        await ctx.close();
      }
    });
}
