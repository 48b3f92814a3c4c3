// `prospector digest subscribe|list|run`.
import type { Command } from 'commander';

export function registerDigestCommands(program: Command): void {
  const digest = program.command('digest').description('e-mail digests of new leads, per recipient or team');

  digest
    .command('subscribe')
    .description('subscribe an e-mail address (optionally on behalf of a team) to a campaign\'s digest')
    .requiredOption('--email <address>', 'recipient')
    .requiredOption('--campaign <name>', 'campaign whose leads the digest reports')
    .option('--team <name>', 'team the digest is for')
    .option('--cadence <cadence>', 'daily, weekly or a cron pattern such as "0 7 * * 1-5"', 'daily')
    .option('--tz <zone>', 'IANA time zone of the cadence and periods', 'UTC')
    .option('--tiers <list>', 'tiers reported as new leads', 'A,B')
    .option('--content <list>', 'sections: new-leads, passed-back, changes, stale (the team\'s leads)', 'new-leads,passed-back,changes,stale')
    .action(async (opts: { email: string; campaign: string; team?: string; cadence: string; tz: string; tiers: string; content: string }) => {
      await withDigest(async ({ ctx, queue }) => {
        const { subscribeToDigest } = await import('@prospector/worker');
        const list = (v: string) => v.split(',').map((t) => t.trim()).filter(Boolean);
        const sub = await subscribeToDigest(ctx.prisma, queue, { ...opts, timeZone: opts.tz, tiers: list(opts.tiers), content: list(opts.content) });
        console.log(`subscription ${sub.id}: ${opts.email} ${sub.cadence} (${sub.pattern}, ${opts.tz})`);
      });
    });

  digest
    .command('list')
    .description('digest subscriptions')
    .action(async () => {
      await withDigest(async ({ ctx }) => {
        const subs = await ctx.prisma.digestSubscription.findMany({ include: { campaign: { select: { name: true } } }, orderBy: { id: 'asc' } });
        if (subs.length === 0) return console.log('no digest subscriptions');
        for (const s of subs) {
          console.log(`${s.id}\t${s.email}\t${s.team ?? '-'}\t${s.campaign.name}\t${s.cadence} ${s.cronPattern} ${s.timeZone}\t${s.content.join(',')}\t${s.unsubscribedAt ? 'unsubscribed' : 'active'}`);
        }
      });
    });

  digest
    .command('run')
    .description('send (or with --dry-run print) the current period\'s digest of every active subscription now')
    .option('--team <name>', 'only the subscriptions of this team')
    .option('--dry-run', 'print the digests instead of sending them')
    .action(async (opts: { team?: string; dryRun?: boolean }) => {
      await withDigest(async ({ ctx }) => {
        const { createSmtpMailer, runDigest } = await import('@prospector/worker');
        const c = ctx.config;
        if (!c.DIGEST_SIGNING_SECRET) throw new Error('DIGEST_SIGNING_SECRET is not set: unsubscribe links cannot be signed');
        if (!opts.dryRun && !c.SMTP_URL) throw new Error('SMTP_URL is not set: digests cannot be sent (use --dry-run to print them)');
        const mailer = opts.dryRun || !c.SMTP_URL ? undefined : createSmtpMailer(c.SMTP_URL);
        try {
          const subs = await ctx.prisma.digestSubscription.findMany({ where: { unsubscribedAt: null, ...(opts.team ? { team: opts.team } : {}) }, orderBy: { id: 'asc' } });
          if (subs.length === 0) console.log(opts.team ? `no active digest subscriptions for team ${opts.team}` : 'no active digest subscriptions');
          for (const sub of subs) {
            const r = await runDigest({ prisma: ctx.prisma, publicUrl: c.PUBLIC_URL, signingSecret: c.DIGEST_SIGNING_SECRET, from: c.SMTP_FROM, mailer, staleClaimMs: c.DIGEST_STALE_CLAIM_MS }, sub.id, new Date(), { dryRun: opts.dryRun }).catch(
              (error: Error) => {
                if (error.name !== 'DigestInProgressError') throw error;
                return { outcome: 'in-progress (another process is sending it)', period: '' } as const;
              },
            );
            if (r.outcome === 'dry-run') console.log(`--- subscription ${sub.id} to ${sub.email}, period ${r.period}: ${r.digest.subject}\n${r.digest.text}\n`);
            else if (r.outcome === 'sent') console.log(`subscription ${sub.id}: sent ${r.rows} row(s) to ${sub.email} for ${r.period} (${r.messageId})`);
            else console.log(`subscription ${sub.id}: ${r.outcome} for ${r.period}`);
          }
        } finally {
          mailer?.close();
        }
      });
    });
}

type DigestServices = { ctx: import('./context.ts').CliContext; queue: import('bullmq').Queue };

async function withDigest(run: (s: DigestServices) => Promise<void>): Promise<void> {
  const { openCliContext, reportInputError } = await import('./context.ts');
  const { createDeliveryQueue, redisConnectionOptions } = await import('@prospector/core');
  const { DigestInputError } = await import('@prospector/worker');
  const ctx = await openCliContext({ redis: true, addsJobs: true });
  const queue = createDeliveryQueue({ ...redisConnectionOptions(ctx.config.REDIS_URL), maxRetriesPerRequest: 3 }, ctx.config.QUEUE_PREFIX);
  try {
    await run({ ctx, queue });
  } catch (error) {
    reportInputError(error, [DigestInputError]);
  } finally {
    await queue.close();
    await ctx.close();
  }
}
