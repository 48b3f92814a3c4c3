// `prospector catalog …`: what the provider catalog holds. Needs no database or Redis.
import type { Command } from 'commander';
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
}
