// `prospector schedule …` (rescans) and `prospector changes` (what moved between scans).
// Services are imported inside the actions so that every command starts fast.
import type { Command } from 'commander';

interface ScheduleOpts {
  campaign?: string;
  every?: string;
  cron?: string;
  tz?: string;
  json?: boolean;
}

export function registerHistoryCommands(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('rescan a campaign on a schedule (--every 30d, or --cron "0 3 * * 1" [--tz Europe/Paris]); see also schedule list|remove')
    .option('--campaign <name>', 'campaign name')
    .option('--every <interval>', 'interval: a number and a unit (s, m, h, d, w), e.g. 30d')
    .option('--cron <pattern>', 'cron pattern (minute hour day month weekday)')
    .option('--tz <zone>', 'IANA time zone of the cron pattern, e.g. Europe/Paris')
    .action(async (opts: ScheduleOpts) => {
      if (!opts.campaign) throw new Error('--campaign is required');
      if (Boolean(opts.every) === Boolean(opts.cron)) throw new Error('give exactly one of --every or --cron');
      if (opts.tz && !opts.cron) throw new Error('--tz applies to --cron only');
      const timing = opts.every ? { every: opts.every } : { cron: opts.cron!, ...(opts.tz ? { tz: opts.tz } : {}) };
      await withSchedules(async ({ prisma, queue, service }) => {
        const view = await service.upsertSchedule(prisma, queue, opts.campaign!, timing);
        console.log(`scheduled ${view.campaign}: ${describe(view)}`);
      });
    });

  schedule
    .command('list')
    .description('every campaign rescan schedule')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withSchedules(async ({ prisma, queue, service }) => {
        const views = await service.listSchedules(prisma, queue);
        if (opts.json) console.log(JSON.stringify(views, null, 2));
        else if (views.length === 0) console.log('no schedules');
        else for (const v of views) console.log(`${v.campaign}\t${describe(v)}`);
      });
    });

  schedule
    .command('remove')
    .description('stop rescanning a campaign')
    .option('--campaign <name>', 'campaign name')
    .action(async (opts: { campaign?: string }, command: Command) => {
      // The parent `schedule` declares --campaign too, and commander hands it the value.
      const campaign = opts.campaign ?? (command.parent?.opts() as ScheduleOpts | undefined)?.campaign;
      if (!campaign) throw new Error('--campaign is required');
      await withSchedules(async ({ prisma, queue, service }) => {
        const removed = await service.removeSchedule(prisma, queue, campaign);
        console.log(removed ? `removed the schedule of ${campaign}` : `${campaign} had no schedule`);
      });
    });

  program
    .command('changes')
    .description('what changed between scans: providers moved, sites offline / back, score moves (claimed changes only unless --kind)')
    .requiredOption('--campaign <name>', 'campaign name')
    .option('--since <date>', 'changes seen by scans started at or after this date (2026-11-01)')
    .option('--field <field>', 'a field as the export names it (isp, emailProvider, webHost, …), or website / score')
    .option('--from <slug>', 'provider before')
    .option('--to <slug>', 'provider after')
    .option('--kind <list>', 'comma list of changed, unconfirmed, not-seen, went-offline, came-back, score-moved')
    .option('--json', 'machine-readable output: an array of changes')
    .action(async (opts: { campaign: string; since?: string; field?: string; from?: string; to?: string; kind?: string; json?: boolean }) => {
      const { openCliContext } = await import('./context.ts');
      const { parseSince, queryChanges } = await import('../history/changes.service.ts');
      const ctx = await openCliContext({ redis: true });
      try {
        const changes = await queryChanges(ctx.prisma, {
          campaign: opts.campaign,
          ...(opts.since ? { since: parseSince(opts.since) } : {}),
          ...(opts.field ? { field: opts.field } : {}),
          ...(opts.from ? { from: opts.from } : {}),
          ...(opts.to ? { to: opts.to } : {}),
          ...(opts.kind ? { kinds: opts.kind.split(',').map((k) => k.trim()) } : {}),
        });
        if (opts.json) {
          console.log(JSON.stringify(changes.map(({ fromEvidence: _f, toEvidence: _t, ...c }) => c), null, 2));
          return;
        }
        if (changes.length === 0) console.log('no changes');
        for (const c of changes) {
          const flag = c.flapping ? ' (flapping)' : '';
          console.log(`#${c.fromScan} → #${c.toScan}  ${c.externalId}  ${c.field}: ${c.from ?? 'unknown'} → ${c.to ?? 'unknown'}  [${c.kind}${c.confidence === null ? '' : `, ${c.confidence}`}]${flag}`);
        }
      } finally {
        await ctx.close();
      }
    });
}

function describe(v: { every: string | null; cron: string | null; tz: string | null; next: string | null }): string {
  const timing = v.every ? `every ${v.every}` : `cron "${v.cron}"${v.tz ? ` (${v.tz})` : ''}`;
  return v.next ? `${timing}, next ${v.next}` : timing;
}

async function withSchedules(
  run: (deps: {
    prisma: import('@prospector/core').PrismaClient;
    queue: import('bullmq').Queue<import('@prospector/core').RescanJobData>;
    service: typeof import('../history/schedule.service.ts');
  }) => Promise<void>,
): Promise<void> {
  const { openCliContext } = await import('./context.ts');
  const { createRescanQueue, redisConnectionOptions } = await import('@prospector/core');
  const service = await import('../history/schedule.service.ts');
  const ctx = await openCliContext({ redis: true });
  const queue = createRescanQueue({ ...redisConnectionOptions(ctx.config.REDIS_URL), maxRetriesPerRequest: 3 }, ctx.config.QUEUE_PREFIX);
  try {
    await run({ prisma: ctx.prisma, queue, service });
  } finally {
    await queue.close();
    await ctx.close();
  }
}
