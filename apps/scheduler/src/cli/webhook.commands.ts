// `prospector webhooks add|list|disable|enable|deliveries`.
import { InvalidArgumentError, type Command } from 'commander';
import { UNSEALED_NOTE } from './secrets.commands.ts';

function parseId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError(`"${value}" is not an endpoint id`);
  return id;
}

export function registerWebhookCommands(program: Command): void {
  const webhooks = program.command('webhooks').description('signed webhook endpoints (Standard Webhooks 1.0) and their delivery log');

  webhooks
    .command('add <url>')
    .description('register an endpoint; prints its secret once when generated')
    .requiredOption('--events <list>', 'comma list: scan.completed,lead.assigned,lead.qualified,lead.passed-back,prospect.changed')
    .option('--secret <whsec>', 'signing secret (whsec_ + base64 of 24-64 bytes); generated when absent')
    .action(async (url: string, opts: { events: string; secret?: string }) => {
      await withServices(async ({ ctx, service }) => {
        const { endpoint, secret } = await service.addWebhookEndpoint(ctx.prisma, { url, events: opts.events.split(','), secret: opts.secret }, { allowCidrs: ctx.config.WEBHOOK_ALLOW_CIDRS }, ctx.secrets);
        console.log(`endpoint ${endpoint.id}: ${endpoint.url} (${endpoint.events.join(', ')})`);
        if (!opts.secret) console.log(`secret (shown once): ${secret}`);
        if (!ctx.secrets.sealing) console.error(UNSEALED_NOTE);
      });
    });

  webhooks
    .command('list')
    .description('endpoints with their status')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withServices(async ({ ctx, service }) => {
        const endpoints = await service.listWebhookEndpoints(ctx.prisma);
        if (opts.json) return console.log(JSON.stringify(endpoints, null, 2));
        if (endpoints.length === 0) return console.log('no webhook endpoints');
        for (const e of endpoints) {
          const why = e.disabledReason ? ` — ${e.disabledReason}` : e.failingSince ? ` — failing since ${e.failingSince}` : '';
          console.log(`${e.id}\t${e.status}\t${e.url}\t${e.events.join(',')}\t${e.secrets} secret(s)${why}`);
        }
      });
    });

  for (const status of ['disable', 'enable'] as const) {
    webhooks
      .command(`${status} <id>`)
      .description(status === 'disable' ? 'stop delivering to an endpoint' : 'resume delivering to an endpoint (clears its failure clock)')
      .action(async (id: string) => {
        await withServices(async ({ ctx, service }) => {
          const e = await service.setWebhookEndpointStatus(ctx.prisma, parseId(id), status === 'disable' ? 'disabled' : 'enabled');
          console.log(`endpoint ${e.id}: ${e.status}`);
        });
      });
  }

  webhooks
    .command('replay [messageId]')
    .description('send failed or abandoned messages again (one by id, or a time range); delivered ones never')
    .option('--since <date>', 'messages created from this time', parseDate)
    .option('--until <date>', 'messages created up to this time', parseDate)
    .option('--endpoint <id>', 'one endpoint only', parseId)
    .action(async (messageId: string | undefined, opts: { since?: Date; until?: Date; endpoint?: number }) => {
      await withServices(async ({ ctx, service }) => {
        const { createDeliveryQueue, redisConnectionOptions } = await import('@prospector/core');
        const queue = createDeliveryQueue({ ...redisConnectionOptions(ctx.config.REDIS_URL), maxRetriesPerRequest: 3 }, ctx.config.QUEUE_PREFIX);
        try {
          const { replayed } = await service.replayWebhookMessages(ctx.prisma, queue, { messageId, since: opts.since, until: opts.until, endpointId: opts.endpoint });
          console.log(`replaying ${replayed.length} message(s)`);
        } finally {
          await queue.close();
        }
      });
    });

  webhooks
    .command('deliveries')
    .description('the delivery log: each message with its attempts and status codes')
    .option('--endpoint <id>', 'one endpoint only', parseId)
    .option('--failed', 'failed or abandoned messages only')
    .option('--json', 'machine-readable output')
    .action(async (opts: { endpoint?: number; failed?: boolean; json?: boolean }) => {
      await withServices(async ({ ctx, service }) => {
        const log = await service.listWebhookDeliveries(ctx.prisma, { endpointId: opts.endpoint, failed: opts.failed });
        if (opts.json) return console.log(JSON.stringify(log, null, 2));
        if (log.length === 0) return console.log('no deliveries');
        for (const m of log) {
          const codes = m.attempts.map((a) => a.statusCode ?? a.outcome).join(' ');
          console.log(`${m.messageId}\tendpoint ${m.endpointId}\t${m.eventType}\t${m.status}\t${m.attempts.length} attempt(s): ${codes}`);
        }
      });
    });
}

function parseDate(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidArgumentError(`"${value}" is not a date (ISO 8601, e.g. 2026-12-01T08:00Z)`);
  return at;
}

type Services = { ctx: import('./context.ts').CliContext; service: typeof import('../delivery/webhook-endpoints.service.ts') };

async function withServices(run: (s: Services) => Promise<void>): Promise<void> {
  const { openCliContext, reportInputError } = await import('./context.ts');
  const service = await import('../delivery/webhook-endpoints.service.ts');
  const ctx = await openCliContext({ redis: true, addsJobs: true });
  try {
    await run({ ctx, service });
  } catch (error) {
    reportInputError(error, [service.WebhookInputError]);
  } finally {
    await ctx.close();
  }
}
