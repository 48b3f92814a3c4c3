// The worker's command line, owned by the worker: `prospector-worker` (its own bin) and
// `prospector worker` (the scheduler's CLI mounts the same definition). Light on imports
// so `--help` loads neither BullMQ nor Prisma.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { WORKER_QUEUE_NAMES, type WorkerQueueName } from '@prospector/core/queue-names';

export function configureWorkerCommand(command: Command): Command {
  return command
    .description('consume queues until SIGTERM (stateless; run as many as you like)')
    .addOption(new Option('--queues <list>', `comma list of ${WORKER_QUEUE_NAMES.join(',')}`).argParser(parseQueues))
    .option('--concurrency <spec>', 'per-queue concurrency, e.g. dns=200,verify=50')
    .option('--health-port <port>', 'port of /health and /metrics (0 = any free port; taken = a free one)', (v) => Number(v))
    .action(async (opts: { queues?: WorkerQueueName[]; concurrency?: string; healthPort?: number }) => {
      const { runWorkerUntilSignal } = await import('./main.ts');
      await runWorkerUntilSignal(opts);
    });
}

function parseQueues(value: string): WorkerQueueName[] {
  const known: readonly string[] = WORKER_QUEUE_NAMES;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !known.includes(n));
  if (bad.length) throw new InvalidArgumentError(`unknown queue(s) ${bad.join(', ')}; expected ${known.join(', ')}`);
  return names as WorkerQueueName[];
}
