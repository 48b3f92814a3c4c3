// The `prospector` command line. Each subcommand is a thin shell over a service.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '@prospector/core/config.ts';
import { QUEUE_NAMES, type QueueName } from '@prospector/core/queues/names.ts';
import { registerCatalogCommands } from './catalog.commands.ts';
import { registerCorrectionCommands } from './correction.commands.ts';
import { registerModelCommands } from './model.commands.ts';
import { registerImportCommands } from './import.commands.ts';
import { registerReadCommands } from './read.commands.ts';
import { registerServeCommands } from './serve.commands.ts';

const program = new Command();
program
  .name('prospector')
  .description('Mine and qualify B2B sales leads from a purchased business list, with evidence.')
  .showHelpAfterError();

program
  .command('migrate')
  .description('create the database if needed and apply migrations (DATABASE_URL)')
  .action(async () => {
    const { ensureDatabase, migrateDatabase } = await import('@prospector/core/db/migrate.ts');
    const config = loadConfig();
    await ensureDatabase(config.DATABASE_URL);
    const r = await migrateDatabase(config.DATABASE_URL);
    console.log(`migrations applied: ${r.applied.length}; already applied: ${r.alreadyApplied.length}`);
  });

registerImportCommands(program);
registerReadCommands(program);
registerServeCommands(program);
registerCatalogCommands(program);
registerCorrectionCommands(program);
registerModelCommands(program);

program
  .command('worker')
  .description('consume queues until SIGTERM (stateless; run as many as you like)')
  .addOption(new Option('--queues <list>', `comma list of ${QUEUE_NAMES.join(',')}`).argParser(parseQueues))
  .option('--concurrency <spec>', 'per-queue concurrency, e.g. dns=200,verify=50')
  .option('--health-port <port>', 'port of /health and /metrics (0 = any free port)', (v) => Number(v))
  .action(async (opts: { queues?: QueueName[]; concurrency?: string; healthPort?: number }) => {
    const { runWorkerUntilSignal } = await import('@prospector/worker/main.ts');
    await runWorkerUntilSignal(opts);
  });

function parseQueues(value: string): QueueName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(QUEUE_NAMES as readonly string[]).includes(n));
  if (bad.length) throw new InvalidArgumentError(`unknown queue(s) ${bad.join(', ')}; expected ${QUEUE_NAMES.join(', ')}`);
  return names as QueueName[];
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
