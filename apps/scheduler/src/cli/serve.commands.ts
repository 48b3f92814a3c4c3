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
      const { openCliContext } = await import('./context.ts');
      const { buildApiServer } = await import('../api/server.ts');
      const { Redis } = await import('ioredis');
      const ctx = await openCliContext({ redis: true, addsJobs: true });
      const redis = new Redis(ctx.config.REDIS_URL, { maxRetriesPerRequest: 3 });
      redis.on('error', (err: Error) => console.error(`warning: redis: ${err.message}`));
      const c = ctx.config;
      const app = await buildApiServer({
        prisma: ctx.prisma,
        pool: ctx.pool,
        queues: ctx.queues,
        redis,
        defaultCountry: c.DEFAULT_COUNTRY,
        scanWindow: { size: c.SCAN_WINDOW, chunk: c.SCAN_WINDOW_CHUNK },
        logLevel: c.LOG_LEVEL,
        limits: {
          headersTimeoutMs: c.API_HEADERS_TIMEOUT_MS,
          bodyTimeoutMs: c.API_BODY_TIMEOUT_MS,
          requestTimeoutMs: c.API_REQUEST_TIMEOUT_MS,
          idleTimeoutMs: c.API_IDLE_TIMEOUT_MS,
          keepAliveTimeoutMs: c.API_KEEPALIVE_TIMEOUT_MS,
          maxConnectionsPerAddress: c.API_MAX_CONNECTIONS_PER_ADDRESS,
        },
        trustProxy: c.API_TRUST_PROXY,
        webhookAllowCidrs: c.WEBHOOK_ALLOW_CIDRS,
        secrets: ctx.secrets,
        digestSigningSecret: c.DIGEST_SIGNING_SECRET,
        uploadDir: c.API_UPLOAD_DIR || undefined,
        passBackCap: c.LEAD_PASS_BACK_CAP,
      });
      await app.listen({ host: opts.host, port: opts.port });
      // Lead routing on scan completion and the stale-lead scheduler run here.
      const { startLeadJobs } = await import('../leads/lead-jobs.ts');
      const { createDeliveryQueue, createLogger, redisConnectionOptions } = await import('@prospector/core');
      const { createCrmHttp } = await import('@prospector/worker');
      const { autoPushQualifiedLeads } = await import('../crm/crm-auto-push.ts');
      const { createCrmSchemaCache } = await import('../crm/crm-schema-cache.ts');
      const crmSchemas = createCrmSchemaCache();
      const crmHttp = createCrmHttp({ allowCidrs: c.WEBHOOK_ALLOW_CIDRS, timeoutMs: c.WEBHOOK_TIMEOUT_MS, userAgent: c.HTTP_USER_AGENT });
      const deliverQueue = createDeliveryQueue(redisConnectionOptions(c.REDIS_URL), c.QUEUE_PREFIX);
      const crmLogger = createLogger(c.LOG_LEVEL, 'crm');
      const leadJobs = await startLeadJobs({
        crmAutoPush: () => autoPushQualifiedLeads({ prisma: ctx.prisma, http: crmHttp, secrets: ctx.secrets, queue: deliverQueue, logger: crmLogger, schemas: crmSchemas }),
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
      await deliverQueue.close();
      await crmHttp.close();
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
    .option('--expires <when>', 'a duration (90d, 12h, 30m), a date (2027-03-01) or never', '90d')
    .option('--member <email>', 'rep and manager: the team member the token belongs to')
    .action(async (opts: { role: Role; name: string; expires: string; member?: string }) => {
      const { parseExpiry } = await import('../api/token-admin.ts');
      const expiresAt = parseExpiry(opts.expires);
      const { openCliContext } = await import('./context.ts');
      const { createApiToken } = await import('../api/tokens.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        console.log(await createApiToken(ctx.prisma, opts.role, opts.name, { expiresAt, ...(opts.member ? { memberEmail: opts.member } : {}) }));
        console.error(`token "${opts.name}" (${opts.role}) ${expiresAt ? `expires ${expiresAt.toISOString()}` : 'never expires'}`);
      } finally {
        await ctx.close();
      }
    });

  token
    .command('list')
    .description('every token: id, name, role, status (active, revoked, expired), expiry; never the token itself')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { openCliContext } = await import('./context.ts');
      const { listApiTokens, formatTokenTable } = await import('../api/token-admin.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        const tokens = await listApiTokens(ctx.prisma);
        console.log(opts.json ? JSON.stringify(tokens, null, 2) : formatTokenTable(tokens));
      } finally {
        await ctx.close();
      }
    });

  token
    .command('revoke')
    .description('revoke a token by id, or by name when one active token has it; its browser sessions end too')
    .argument('<id-or-name>', 'the ID or NAME shown by prospector token list')
    .action(async (idOrName: string) => {
      const { openCliContext } = await import('./context.ts');
      const { revokeApiToken } = await import('../api/token-admin.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        const t = await revokeApiToken(ctx.prisma, idOrName);
        console.log(`revoked token ${t.id} "${t.name}" (${t.role})`);
      } finally {
        await ctx.close();
      }
    });
}
