// `prospector-worker`: the worker's own entry point (the same command as `prospector worker`).
import { Command } from 'commander';
import { ConfigError } from '@prospector/core/config';
import { configureWorkerCommand } from './worker.command.ts';

try {
  await configureWorkerCommand(new Command('prospector-worker')).parseAsync(process.argv);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
