// `prospector model …`: the scoring weights of search and verify, their versions and figures.
import { InvalidArgumentError, type Command } from 'commander';

function parseVersion(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a version number`);
  return Number(value);
}

export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('scoring weights of the candidate scorer and the authenticity check, fitted from corrections');
  model
    .command('show')
    .description('every version: its weights, number of labels, validation figures, and which campaigns pin it')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { openCliContext } = await import('./context.ts');
      const { formatModel, listModels } = await import('../learning/model.service.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        const models = await listModels(ctx.prisma);
        const pins = await ctx.prisma.campaign.findMany({ where: { modelVersion: { not: null } }, select: { name: true, modelVersion: true } });
        if (opts.json) console.log(JSON.stringify({ models, pins }, null, 2));
        else {
          for (const m of models) console.log(formatModel(m, pins.filter((p) => p.modelVersion === m.version).map((p) => p.name)));
          console.log(`scans of unpinned campaigns use version ${models[models.length - 1]!.version}`);
        }
      } finally {
        await ctx.close();
      }
    });
  model
    .command('fit')
    .description('fit a new version from the labels (domain corrections and confidently verified domains); later scans use it')
    .option('--campaign <name>', 'only this campaign\u2019s labels')
    .option('--lambda <n>', 'L2 penalty on the standardised weights (default 1)', (v) => Number(v))
    .action(async (opts: { campaign?: string; lambda?: number }) => {
      const { openCliContext } = await import('./context.ts');
      const { fitModel, formatModel, ModelError } = await import('../learning/model.service.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        const campaign = opts.campaign === undefined ? null : await ctx.prisma.campaign.findUnique({ where: { name: opts.campaign } });
        if (opts.campaign !== undefined && !campaign) throw new ModelError(`campaign "${opts.campaign}" does not exist`);
        const fitted = await fitModel(ctx.prisma, campaign ? { campaignIds: [campaign.id] } : {}, opts.lambda ? { lambda: opts.lambda } : {});
        console.log(formatModel(fitted));
      } finally {
        await ctx.close();
      }
    });
  model
    .command('pin')
    .description('make a campaign\u2019s scans use one version (0: the hand-set weights); --unpin follows the latest again')
    .requiredOption('--campaign <name>', 'campaign name')
    .argument('[version]', 'version number', parseVersion)
    .option('--unpin', 'use the latest version again')
    .action(async (version: number | undefined, opts: { campaign: string; unpin?: boolean }) => {
      if (version === undefined && !opts.unpin) throw new InvalidArgumentError('give a VERSION or --unpin');
      const { openCliContext } = await import('./context.ts');
      const { pinModel } = await import('../learning/model.service.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        await pinModel(ctx.prisma, opts.campaign, opts.unpin ? null : version!);
        console.log(opts.unpin ? `campaign ${opts.campaign} follows the latest scoring model` : `campaign ${opts.campaign} pinned to scoring model version ${version}`);
      } finally {
        await ctx.close();
      }
    });
}
