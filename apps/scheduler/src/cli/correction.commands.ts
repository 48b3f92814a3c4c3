// `prospector correct …` and `prospector feedback import …`: corrections from the command line.
import type { Command } from 'commander';
import type { RecordCorrectionsResult } from '../corrections/correction.service.ts';

function defaultBy(): string {
  return process.env.USER ? `cli:${process.env.USER}` : 'cli';
}

function printResult(result: RecordCorrectionsResult): void {
  for (const c of result.applied) {
    console.log(`corrected prospect ${c.prospectId}: ${c.field} = ${c.value} (was ${c.replacedValue ?? 'unknown'}; by ${c.correctedBy})`);
  }
  for (const r of result.rejected) console.error(`row ${r.row} rejected: ${r.reason}`);
  console.log(`corrections applied: ${result.applied.length}; rejected: ${result.rejected.length}`);
}

export function registerCorrectionCommands(program: Command): void {
  program
    .command('correct')
    .description('correct one answer of a prospect (it overrides the finding at once); ID is a prospect id, or an externalId with --campaign')
    .argument('<id>', 'prospect id, or externalId with --campaign')
    .argument('<field>', 'domain, presence, status, duplicateOf, emailProvider, emailGateway, webHost, dnsProvider, isp, ecommercePlatform, cms, voipProvider')
    .argument('<value>', 'a domain or "none", a catalog slug or uncatalogued:NAME, a presence, "closed", or an externalId')
    .option('--note <text>', 'why (kept with the correction)')
    .option('--by <who>', 'who corrects (default: cli:$USER)')
    .option('--campaign <name>', 'the campaign an externalId belongs to')
    .action(async (id: string, field: string, value: string, opts: { note?: string; by?: string; campaign?: string }) => {
      const { openCliContext } = await import('./context.ts');
      const { recordCorrections } = await import('../corrections/correction.service.ts');
      const { loadCatalog } = await import('@prospector/agents');
      const ctx = await openCliContext({ redis: false });
      try {
        const prospect = opts.campaign === undefined && /^\d+$/.test(id) ? { id: Number(id) } : { externalId: id };
        const result = await recordCorrections(ctx.prisma, [{ prospect, field, value, note: opts.note ?? null, by: opts.by ?? defaultBy() }], {
          catalog: loadCatalog({ extraFile: ctx.config.PROVIDERS_FILE }),
          ...(opts.campaign !== undefined ? { campaign: opts.campaign } : {}),
        });
        printResult(result);
        if (result.rejected.length) process.exitCode = 1;
      } finally {
        await ctx.close();
      }
    });

  const feedback = program.command('feedback').description('reps\u2019 corrections in bulk');
  feedback
    .command('import')
    .description('apply a CSV of corrections (columns: externalId or prospectId, field, value, note, by); bad rows are reported, the rest apply')
    .argument('<file>', 'CSV file')
    .requiredOption('--campaign <name>', 'campaign name')
    .option('--by <who>', 'who, for rows without a "by" value')
    .action(async (file: string, opts: { campaign: string; by?: string }) => {
      const { openCliContext } = await import('./context.ts');
      const { recordCorrections } = await import('../corrections/correction.service.ts');
      const { readCorrectionFile } = await import('../corrections/correction.csv.ts');
      const { loadCatalog } = await import('@prospector/agents');
      const parsed = await readCorrectionFile(file, opts.by ?? null);
      const ctx = await openCliContext({ redis: false });
      try {
        const result = await recordCorrections(ctx.prisma, parsed.inputs, {
          catalog: loadCatalog({ extraFile: ctx.config.PROVIDERS_FILE }),
          campaign: opts.campaign,
          rowNumbers: parsed.rowNumbers,
        });
        const rejected = [...parsed.rejected, ...result.rejected].sort((a, b) => a.row - b.row);
        printResult({ applied: result.applied, rejected });
        if (rejected.length) process.exitCode = 1;
      } finally {
        await ctx.close();
      }
    });
}
