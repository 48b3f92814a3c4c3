// `prospector teams load|list`, `prospector suppress load`: the sales organisation's side.
import type { Command } from 'commander';
import type { CountryCode } from 'libphonenumber-js';

export function registerTeamsCommands(program: Command): void {
  const teams = program.command('teams').description('regional teleprospecting and sales teams');
  teams
    .command('load')
    .description('apply a teams file (YAML or JSON); idempotent, prints what changed')
    .argument('<file>', 'teams file')
    .action(async (file: string) => {
      const { readTeamsFile } = await import('../teams/teams.file.ts');
      const { applyTeamsFile } = await import('../teams/teams.service.ts');
      const { openCliContext } = await import('./context.ts');
      const spec = await readTeamsFile(file); // validated before any connection is opened
      const ctx = await openCliContext({ redis: false });
      try {
        const { changes } = await applyTeamsFile(ctx.prisma, spec);
        console.log(changes.length ? changes.join('\n') : `no changes: the database already matches ${file}`);
      } finally {
        await ctx.close();
      }
    });
  teams
    .command('list')
    .description('teams, territories, members and their open leads')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { listTeams, formatTeams } = await import('../teams/teams.service.ts');
      const { openCliContext } = await import('./context.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        const list = await listTeams(ctx.prisma);
        console.log(opts.json ? JSON.stringify(list, null, 2) : formatTeams(list));
      } finally {
        await ctx.close();
      }
    });
}

export function registerSuppressCommands(program: Command): void {
  const suppress = program.command('suppress').description('do-not-contact and existing-customer lists: kept out of every queue');
  suppress
    .command('load')
    .description('load a CSV with columns domain, phone, name (any of them) and optionally reason; idempotent')
    .argument('<file>', 'CSV file')
    .action(async (file: string) => {
      const { loadSuppressionFile } = await import('../leads/suppression.service.ts');
      const { openCliContext } = await import('./context.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        const r = await loadSuppressionFile(ctx.prisma, file, ctx.config.DEFAULT_COUNTRY.toUpperCase() as CountryCode);
        console.log(`suppression list ${file}: ${r.entries} entries (${r.added} new, ${r.reasonChanged} with a new reason, ${r.unchanged} unchanged)`);
      } finally {
        await ctx.close();
      }
    });
}
