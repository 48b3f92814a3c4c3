// `prospector secrets new-key|status|seal`: the keys that seal stored credentials at rest.
import type { Command } from 'commander';
import type { SecretsStatus, SecretsTally } from '../secrets/secrets.service.ts';

/** Said where a credential is stored while no key seals it. */
export const UNSEALED_NOTE = 'note: stored in the clear, as SECRETS_KEYS is empty (prospector secrets new-key, then secrets seal)';

export function registerSecretsCommands(program: Command): void {
  const secrets = program.command('secrets').description('stored credentials (CRM tokens, webhook secrets) sealed at rest under SECRETS_KEYS');

  secrets
    .command('new-key')
    .description('print a fresh random key for SECRETS_KEYS (nothing is stored)')
    .action(async () => {
      const { newSecretKey } = await import('@prospector/core');
      console.log(newSecretKey());
    });

  secrets
    .command('status')
    .description('how the stored credentials are held: in the clear, or sealed and under which key')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withSecrets(async ({ ctx, service }) => {
        const status = await service.secretsStatus(ctx.prisma, ctx.secrets);
        if (opts.json) return console.log(JSON.stringify(status, null, 2));
        for (const line of statusLines(status)) console.log(line);
      });
    });

  secrets
    .command('seal')
    .description('seal credentials stored in the clear or under an older key with the first SECRETS_KEYS key')
    .action(async () => {
      await withSecrets(async ({ ctx, service }) => {
        const outcome = await service.sealStoredSecrets(ctx.prisma, ctx.secrets);
        console.log(`sealed with key ${ctx.secrets.currentKeyId}: ${outcome.crmConnections} CRM connection(s), ${outcome.webhookSecrets} webhook secret(s)`);
        for (const line of outcome.unopened) console.error(`not sealed: ${line}`);
        if (outcome.unopened.length > 0) process.exitCode = 1;
      });
    });
}

function statusLines(status: SecretsStatus): string[] {
  const lines = [status.currentKeyId === null ? 'SECRETS_KEYS is empty: credentials are stored as given' : `sealing key: ${status.currentKeyId}`];
  const describe = (label: string, t: SecretsTally): string => {
    const parts = [`${t.plain} in the clear`, ...Object.entries(t.sealedBy).map(([id, n]) => `${n} sealed with ${id}${id === status.currentKeyId ? ' (current)' : ''}`)];
    return `${label}: ${parts.join(', ')}`;
  };
  lines.push(describe('CRM connections', status.crmConnections), describe('webhook secrets', status.webhookSecrets));
  if (status.currentKeyId !== null && status.toSeal > 0) lines.push(`${status.toSeal} value(s) not under the current key: run prospector secrets seal`);
  return lines;
}

type Services = { ctx: import('./context.ts').CliContext; service: typeof import('../secrets/secrets.service.ts') };

async function withSecrets(run: (s: Services) => Promise<void>): Promise<void> {
  const { openCliContext, reportInputError } = await import('./context.ts');
  const service = await import('../secrets/secrets.service.ts');
  const ctx = await openCliContext({ redis: false });
  try {
    await run({ ctx, service });
  } catch (error) {
    reportInputError(error, [service.SecretsInputError]);
  } finally {
    await ctx.close();
  }
}
