// The `prospector` command line. Each subcommand is a thin shell over a service.
import { Command } from 'commander';
import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from '@prospector/core/config';
import { DependencyError, explainPostgresError } from '@prospector/core/readiness';
import { configureWorkerCommand } from '@prospector/worker/command';
import { registerCatalogCommands } from './catalog.commands.ts';
import { registerHistoryCommands } from './history.commands.ts';
import { registerCorrectionCommands } from './correction.commands.ts';
import { registerModelCommands } from './model.commands.ts';
import { registerImportCommands } from './import.commands.ts';
import { registerLeadCommands } from './leads.commands.ts';
import { registerReadCommands } from './read.commands.ts';
import { registerServeCommands } from './serve.commands.ts';
import { registerSuppressCommands, registerTeamsCommands } from './teams.commands.ts';
import { registerWebhookCommands } from './webhook.commands.ts';
import { registerDigestCommands } from './digest.commands.ts';
import { registerCrmCommands } from './crm.commands.ts';
import { registerSecretsCommands } from './secrets.commands.ts';

const program = new Command();
program
  .name('prospector')
  .description('Mine and qualify B2B sales leads from a purchased business list, with evidence.')
  .showHelpAfterError();

program
  .command('migrate')
  .description('create the database if needed and apply migrations (DATABASE_URL)')
  .action(async () => {
    const { ensureDatabase, migrateDatabase } = await import('@prospector/core');
    const config = loadConfig();
    await ensureDatabase(config.DATABASE_URL).catch((error: unknown) => {
      throw new DependencyError(explainPostgresError(error, config.DATABASE_URL) ?? `cannot create the database: ${(error as Error).message}`, 'postgres');
    });
    const r = await migrateDatabase(config.DATABASE_URL);
    console.log(`migrations applied: ${r.applied.length}; already applied: ${r.alreadyApplied.length}`);
  });

registerImportCommands(program);
registerReadCommands(program);
registerServeCommands(program);
registerCatalogCommands(program);
registerTeamsCommands(program);
registerSuppressCommands(program);
registerLeadCommands(program);
registerHistoryCommands(program);
registerWebhookCommands(program);
registerDigestCommands(program);
registerCrmCommands(program);
registerSecretsCommands(program);
registerCorrectionCommands(program);
registerModelCommands(program);

configureWorkerCommand(program.command('worker'));

// Exit codes: 1 a command failed, 2 the environment is not ready (configuration, a
// missing database or migration, Postgres or Redis unreachable), 3 a scan did not complete.
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DependencyError) {
    console.error(error.message);
    process.exit(2);
  }
  // A dependency that went away after the start-up check still gets its one line.
  const explained = explainPostgresError(error, process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  if (explained) {
    console.error(explained);
    process.exit(2);
  }
  console.error(`error: ${describe(error)}`);
  process.exit(1);
}

/**
 * Prisma's errors carry pages of context (the query, the call site) after the line that
 * says what happened: only that line. Our own errors are written to be read whole (a
 * teams file's problems, one per line).
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const fromPrisma = error.name.startsWith('PrismaClient') || 'clientVersion' in error;
  return fromPrisma ? (error.message.split('\n').find((l) => l.trim())?.trim() ?? error.message) : error.message;
}
