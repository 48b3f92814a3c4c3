import { Option, type Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { EXPORT_FORMATS, writeCampaignExport, type AnyExportFormat } from '../export/crm.formats.ts';
import { openOutput } from '../export/export.writers.ts';
import { buildCampaignReport } from '../report/report.service.ts';
import { formatStuckReport, type StuckReport } from '../status/stuck-scan.ts';
import { openCliContext, type CliContext } from './context.ts';

async function diagnoseRunningScan(ctx: CliContext, scanId: number): Promise<StuckReport> {
  const { createProducerRedis } = await import('@prospector/core');
  const { diagnoseStuckScan } = await import('../status/stuck-scan.ts');
  const scan = await ctx.prisma.scan.findUniqueOrThrow({ where: { id: scanId } });
  const redis = createProducerRedis(ctx.config.REDIS_URL);
  redis.on('error', () => undefined);
  try {
    return await diagnoseStuckScan(ctx.prisma, ctx.queues, scan, { redis });
  } finally {
    redis.disconnect();
  }
}

export function registerReadCommands(program: Command): void {
  program
    .command('status')
    .description('progress of the latest scan of a campaign, per stage')
    .requiredOption('--campaign <name>', 'campaign name')
    .option('--json', 'machine-readable output')
    .option('--wait', 'block until the scan completes')
    .action(async (opts: { campaign: string; json?: boolean; wait?: boolean }) => {
      const { waitForScan } = await import('../scan/wait-for-scan.ts');
      const { formatScanStatus, getScanStatus } = await import('../status/status.service.ts');
      const ctx = await openCliContext({ redis: true });
      try {
        const status = opts.wait
          ? (await waitForScan(ctx.prisma, ctx.queues, opts.campaign, { stallMs: 300_000, progressBar: Boolean(process.stderr.isTTY), notify: (line) => console.error(line) })).status
          : await getScanStatus(ctx.prisma, ctx.queues, opts.campaign);
        // A running scan may be one that can no longer complete: say which stage is stuck and why.
        const stuck = status.state === 'running' && status.scanId !== null ? await diagnoseRunningScan(ctx, status.scanId) : null;
        if (opts.json) console.log(JSON.stringify(stuck ? { ...status, stuck } : status, null, 2));
        else console.log([formatScanStatus(status), stuck ? formatStuckReport(stuck) : ''].filter(Boolean).join('\n'));
      } finally {
        await ctx.close();
      }
    });

  program
    .command('export')
    .description('one record per prospect with every answer, its confidence and evidence')
    .requiredOption('--campaign <name>', 'campaign name')
    .addOption(new Option('--format <format>', 'output format (salesforce: Leads import CSV; hubspot: Companies import CSV)').choices([...EXPORT_FORMATS]).default('json'))
    .option('--out <file>', 'output file (default: standard output)')
    .action(async (opts: { campaign: string; format: AnyExportFormat; out?: string }) => {
      const ctx = await openCliContext({ redis: false });
      try {
        const out = openOutput(opts.out);
        const count = await writeCampaignExport(ctx.prisma, opts.campaign, opts.format, out.stream, { country: ctx.config.DEFAULT_COUNTRY });
        await out.done();
        if (opts.out) console.error(`wrote ${count} records to ${opts.out}`);
      } finally {
        await ctx.close();
      }
    });

  program
    .command('report')
    .description('the campaign report: one self-contained HTML file with charts, regions and top leads')
    .requiredOption('--campaign <name>', 'campaign name')
    .requiredOption('--out <file>', 'HTML file to write')
    .action(async (opts: { campaign: string; out: string }) => {
      const ctx = await openCliContext({ redis: false });
      try {
        await writeFile(opts.out, await buildCampaignReport(ctx.prisma, opts.campaign));
        console.error(`wrote the report of ${opts.campaign} to ${opts.out}`);
      } finally {
        await ctx.close();
      }
    });

  program
    .command('stats')
    .description('campaign statistics: presence, market shares, competitor customers, tiers, unknowns')
    .requiredOption('--campaign <name>', 'campaign name')
    .option('--json', 'machine-readable output')
    .action(async (opts: { campaign: string; json?: boolean }) => {
      const { getCampaignStats } = await import('../stats/stats.service.ts');
      const { formatStatsTable } = await import('@prospector/agents');
      const ctx = await openCliContext({ redis: false });
      try {
        const stats = await getCampaignStats(ctx.prisma, opts.campaign);
        console.log(opts.json ? JSON.stringify(stats, null, 2) : formatStatsTable(stats));
      } finally {
        await ctx.close();
      }
    });
}
