// `prospector crm connect|push|log`.
import type { Command } from 'commander';
import { UNSEALED_NOTE } from './secrets.commands.ts';

export function registerCrmCommands(program: Command): void {
  const crm = program.command('crm').description('push leads into HubSpot or Salesforce');

  crm
    .command('connect')
    .description('store the connection to a CRM (one per CRM; connecting again replaces it)')
    .argument('<crm>', 'hubspot or salesforce')
    .requiredOption('--url <url>', 'HubSpot API origin (https://api.hubapi.com) or Salesforce login origin (https://login.salesforce.com)')
    .option('--token <token>', 'HubSpot: private app access token')
    .option('--client-id <id>', 'Salesforce: connected app consumer key')
    .option('--client-secret <secret>', 'Salesforce: connected app consumer secret')
    .option('--refresh-token <token>', 'Salesforce: OAuth refresh token')
    .option('--api-version <v>', 'Salesforce REST API version', 'v62.0')
    .option('--auto-assign <value>', 'Salesforce Sforce-Auto-Assign: TRUE, FALSE or an assignment rule id', 'FALSE')
    .option('--mapping <file>', 'field mapping (JSON); defaults match the hubspot/salesforce file exports')
    .option('--auto-push', 'push qualified leads automatically (the lead sweep of prospector serve)')
    .action(async (name: string, opts: { url: string; token?: string; clientId?: string; clientSecret?: string; refreshToken?: string; apiVersion: string; autoAssign: string; mapping?: string; autoPush?: boolean }) => {
      await withCrm(false, async ({ ctx }) => {
        const { connectCrm } = await import('../crm/crm-connection.service.ts');
        const r = await connectCrm(ctx.prisma, { crm: name, url: opts.url, token: opts.token, clientId: opts.clientId, clientSecret: opts.clientSecret, refreshToken: opts.refreshToken, apiVersion: opts.apiVersion, autoAssign: opts.autoAssign, mappingFile: opts.mapping, autoPush: opts.autoPush }, { allowCidrs: ctx.config.WEBHOOK_ALLOW_CIDRS }, ctx.secrets);
        console.log(`${r.crm} connected at ${r.baseUrl} (mapping: ${r.mapping}; automatic push of qualified leads: ${r.autoPush ? 'on' : 'off'})`);
        if (!ctx.secrets.sealing) console.error(UNSEALED_NOTE);
      });
    });

  crm
    .command('push')
    .description('push a campaign\'s leads (latest scan) into a CRM, as a job on the deliver queue')
    .requiredOption('--campaign <name>', 'campaign')
    .requiredOption('--to <crm>', 'hubspot or salesforce')
    .option('--dry-run', 'report the creates, updates and values the CRM would reject; push nothing')
    .option('--only-changed', 'send only the fields that changed since the last push (records with none are skipped)')
    .option('--wait', 'wait until a worker has pushed it, then print the outcome')
    .action(async (opts: { campaign: string; to: string; dryRun?: boolean; onlyChanged?: boolean; wait?: boolean }) => {
      await withCrm(true, async ({ ctx, queue, http }) => {
        const { planCrmPush } = await import('../crm/crm-push.planner.ts');
        const plan = await planCrmPush({ prisma: ctx.prisma, http, secrets: ctx.secrets, queue }, { crm: opts.to, campaign: opts.campaign, dryRun: opts.dryRun, onlyChanged: opts.onlyChanged, trigger: 'cli' });
        const verb = opts.dryRun ? 'would' : 'will';
        console.log(`${plan.crm} ${plan.object}: ${plan.creates.length} create(s), ${plan.updates.length} update(s), ${plan.unchanged} unchanged, ${plan.rejected.length} value(s) the CRM would reject`);
        if (plan.createsFields.length) console.log(`  ${verb} create propert${plan.createsFields.length === 1 ? 'y' : 'ies'}: ${plan.createsFields.join(', ')}`);
        if (opts.dryRun) {
          for (const l of [...plan.creates, ...plan.updates]) console.log(`  ${l.action}\t${l.key}\t${l.name}\t${l.fields.join(',')}`);
        }
        for (const r of plan.rejected) console.log(`  reject\t${r.key}\t${r.name}\t${r.field}="${r.value}" (allowed: ${r.allowed.join(', ')})`);
        if (opts.dryRun) return console.log('dry run: nothing was pushed');
        if (!plan.pushId) return console.log('nothing to push');
        console.log(`push ${plan.pushId} queued (a worker running the deliver queue sends it; prospector crm log --push ${plan.pushId})`);
        if (opts.wait) {
          for (;;) {
            const push = await ctx.prisma.crmPush.findUniqueOrThrow({ where: { id: plan.pushId } });
            if (push.status !== 'queued') {
              const counts = await ctx.prisma.crmPushItem.groupBy({ by: ['status'], where: { pushId: push.id }, _count: true });
              console.log(`push ${push.id} ${push.status}${push.error ? `: ${push.error}` : ''} (${counts.map((c) => `${c._count} ${c.status}`).join(', ')})`);
              if (push.status === 'failed') process.exitCode = 1;
              break;
            }
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      });
    });

  crm
    .command('log')
    .description('the push log: one line per record pushed (CRM id, outcome, error)')
    .option('--push <id>', 'one push (default: the latest)')
    .option('--failed', 'only records the CRM rejected or that are still pending')
    .option('--json', 'machine-readable output')
    .action(async (opts: { push?: string; failed?: boolean; json?: boolean }) => {
      await withCrm(false, async ({ ctx }) => {
        const push = opts.push ? await ctx.prisma.crmPush.findUnique({ where: { id: opts.push } }) : await ctx.prisma.crmPush.findFirst({ orderBy: { createdAt: 'desc' } });
        if (!push) throw new (await import('../crm/crm-connection.service.ts')).CrmInputError(opts.push ? `no push ${opts.push}` : 'no push yet');
        const items = await ctx.prisma.crmPushItem.findMany({ where: { pushId: push.id, ...(opts.failed ? { status: { not: 'sent' } } : {}) }, orderBy: { id: 'asc' } });
        if (opts.json) return console.log(JSON.stringify({ push, items }, null, 2));
        console.log(`${push.id}\t${push.crm} ${push.object}\t${push.trigger}${push.onlyChanged ? ' only-changed' : ''}\t${push.status}${push.error ? ` (${push.error})` : ''}`);
        for (const i of items) console.log(`  ${i.recordKey}\t${i.status}\t${i.crmId ?? '-'}\t${i.created === null ? '' : i.created ? 'created' : 'updated'}\t${i.hash.slice(0, 12)}\t${i.error ?? ''}`);
      });
    });
}

type CrmServices = { ctx: import('./context.ts').CliContext; queue: import('bullmq').Queue; http: import('@prospector/worker').CrmHttp };

async function withCrm(redis: boolean, run: (s: CrmServices) => Promise<void>): Promise<void> {
  const { openCliContext, reportInputError } = await import('./context.ts');
  const { createDeliveryQueue, redisConnectionOptions } = await import('@prospector/core');
  const { createCrmHttp, CrmConfigError, CrmRetryError } = await import('@prospector/worker');
  const { CrmInputError } = await import('../crm/crm-connection.service.ts');
  const { CrmMappingError } = await import('../crm/crm.mapping.ts');
  const ctx = await openCliContext({ redis, addsJobs: redis });
  const queue = createDeliveryQueue({ ...redisConnectionOptions(ctx.config.REDIS_URL), maxRetriesPerRequest: 3 }, ctx.config.QUEUE_PREFIX);
  const http = createCrmHttp({ allowCidrs: ctx.config.WEBHOOK_ALLOW_CIDRS, timeoutMs: ctx.config.WEBHOOK_TIMEOUT_MS, userAgent: ctx.config.HTTP_USER_AGENT });
  try {
    await run({ ctx, queue, http });
  } catch (error) {
    reportInputError(error, [CrmInputError, CrmMappingError, CrmConfigError, CrmRetryError]);
  } finally {
    await http.close();
    await queue.close();
    await ctx.close();
  }
}
