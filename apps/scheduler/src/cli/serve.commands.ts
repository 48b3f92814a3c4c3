// Services are imported inside the actions so that every command starts fast.
import { Option, type Command } from 'commander';
import { ROLES, type Role } from '../api/tokens.ts';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('HTTP API, campaign reports and Bull Board (/admin/queues)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', (v) => Number(v), 8080)
    .action(async (opts: { host: string; port: number }) => {
      const { createCliContext } = await import('./context.ts');
      const { buildApiServer } = await import('../api/server.ts');
      const { Redis } = await import('ioredis');
      const ctx = createCliContext();
      const redis = new Redis(ctx.config.REDIS_URL, { maxRetriesPerRequest: 3 });
      redis.on('error', () => undefined);
      const app = await buildApiServer({ prisma: ctx.prisma, pool: ctx.pool, queues: ctx.queues, redis, defaultCountry: ctx.config.DEFAULT_COUNTRY, logLevel: ctx.config.LOG_LEVEL, passBackCap: ctx.config.LEAD_PASS_BACK_CAP });
      await app.listen({ host: opts.host, port: opts.port });
      // Lead routing on scan completion and the stale-lead scheduler run here.
      const { startLeadJobs } = await import('../leads/lead-jobs.ts');
      const { createLogger, redisConnectionOptions } = await import('@prospector/core');
      const leadJobs = await startLeadJobs({
        prisma: ctx.prisma,
        connection: redisConnectionOptions(ctx.config.REDIS_URL),
        prefix: ctx.config.QUEUE_PREFIX,
        logger: createLogger(ctx.config.LOG_LEVEL, 'leads'),
        staleAfterMs: ctx.config.LEAD_STALE_AFTER_MS,
        passBackCap: ctx.config.LEAD_PASS_BACK_CAP,
        sweepEveryMs: ctx.config.LEAD_SWEEP_EVERY_MS,
      });
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await leadJobs.close();
      await app.close();
      await redis.quit().catch(() => undefined);
      await ctx.close();
    });

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('create an API token (printed once; only its hash is stored)')
    .addOption(new Option('--role <role>', 'viewer reads; ops also writes; rep and manager work the leads of their teams').choices([...ROLES]).makeOptionMandatory())
    .option('--name <name>', 'who or what the token is for', 'unnamed')
    .option('--member <email>', 'rep and manager: the team member the token belongs to')
    .action(async (opts: { role: Role; name: string; member?: string }) => {
      const { createCliContext } = await import('./context.ts');
      const { createApiToken } = await import('../api/tokens.ts');
      const ctx = createCliContext();
      try {
        console.log(await createApiToken(ctx.prisma, opts.role, opts.name, opts.member));
      } finally {
        await ctx.close();
      }
    });
}
