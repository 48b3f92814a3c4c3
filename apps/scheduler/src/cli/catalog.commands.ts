// `prospector catalog …`: what the provider catalog holds (no database needed), and the
// overrides proposed from reps' repeated provider corrections (in Postgres).
import { InvalidArgumentError, type Command } from 'commander';
import { loadCatalog } from '@prospector/agents';
import { catalogStats, formatCatalogStats } from '@prospector/agents';

export function registerCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('the provider catalog (bundled, plus an ops file if given)');
  catalog
    .command('stats')
    .description('providers per kind against the catalog targets')
    .option('--json', 'machine-readable output')
    .option('--providers-file <file>', 'JSON or YAML provider file over the bundled catalog (as PROVIDERS_FILE)')
    .action((opts: { json?: boolean; providersFile?: string }) => {
      const stats = catalogStats(loadCatalog({ extraFile: opts.providersFile }).providers);
      console.log(opts.json ? JSON.stringify(stats, null, 2) : formatCatalogStats(stats));
    });
  catalog
    .command('proposals')
    .description('catalog overrides proposed from provider corrections that repeat for the same evidence (MX suffix, NS, CNAME target, ASN); "accept ID" applies one')
    .argument('[action]', 'accept')
    .argument('[id]', 'the proposal to accept')
    .option('--json', 'machine-readable output')
    .option('--min-support <n>', 'corrections a proposal needs (default 3)', parseSupport)
    .option('--by <name>', 'who accepts (kept with the override)', process.env.USER ?? 'ops')
    .action(async (action: string | undefined, id: string | undefined, opts: { json?: boolean; minSupport?: number; by: string }) => {
      if (action !== undefined && action !== 'accept') throw new InvalidArgumentError(`unknown action "${action}" (expected: accept ID)`);
      if (action === 'accept' && !id) throw new InvalidArgumentError('accept needs the proposal ID (see prospector catalog proposals)');
      const { openCliContext } = await import('./context.ts');
      const { acceptProposal, formatProposals, listProposals, MIN_SUPPORT } = await import('../corrections/catalog-proposals.service.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        const minSupport = opts.minSupport ?? MIN_SUPPORT;
        if (action === 'accept') {
          const row = await acceptProposal(ctx.prisma, id!, { by: opts.by, minSupport });
          if (opts.json) console.log(JSON.stringify(row, null, 2));
          else console.log(`override ${row.id} stored: ${row.field} = ${row.provider} where ${row.evidence} is ${row.pattern} (${row.support} corrections); scans started from now on apply it`);
          return;
        }
        const proposals = await listProposals(ctx.prisma, { minSupport });
        console.log(opts.json ? JSON.stringify({ minSupport, proposals }, null, 2) : formatProposals(proposals, minSupport));
      } finally {
        await ctx.close();
      }
    });
}

function parseSupport(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`"${value}" is not a positive whole number`);
  return Number(value);
}
