// `prospector leads`, `prospector lead ID <action>|--history`, `prospector route`.
// The CLI acts as ops; --by names the member on whose behalf (claim needs one).
import { InvalidArgumentError, type Command } from 'commander';
import { PERSON_ACTIONS, type PersonAction } from '../leads/lead.states.ts';

function parseLeadId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new InvalidArgumentError(`a lead ID is a positive number (the id shown by prospector leads), got "${value}"`);
  return id;
}

export function registerLeadCommands(program: Command): void {
  program
    .command('leads')
    .description("a team's lead queue in priority order (tier, then score)")
    .requiredOption('--team <name>', `team name, or "unassigned" for leads outside every territory`)
    .option('--status <status>', 'only leads in this state')
    .option('--rep <email>', "only this rep's leads")
    .option('--json', 'machine-readable output')
    .action(async (opts: { team: string; status?: string; rep?: string; json?: boolean }) => {
      const { listLeads, formatLeadList } = await import('../leads/lead.queries.ts');
      const { OPS_ACTOR } = await import('../leads/lead-actor.ts');
      const { openCliContext } = await import('./context.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        const leads = await listLeads(ctx.prisma, { team: opts.team, status: opts.status, rep: opts.rep }, OPS_ACTOR);
        console.log(opts.json ? JSON.stringify(leads, null, 2) : formatLeadList(leads));
      } finally {
        await ctx.close();
      }
    });

  program
    .command('lead')
    .description(`act on one lead (${PERSON_ACTIONS.join('|')}) or show its history`)
    .argument('<id>', 'lead ID', parseLeadId)
    .argument('[action]', PERSON_ACTIONS.join('|'))
    .option('--by <email>', 'the member acting (claim: who takes the lead)')
    .option('--reason <text>', 'why (disqualify and note need one)')
    .option('--history', 'the whole path of the lead')
    .option('--json', 'machine-readable output')
    .action(async (id: number, action: string | undefined, opts: { by?: string; reason?: string; history?: boolean; json?: boolean }) => {
      if (!opts.history && !action) throw new InvalidArgumentError(`give an action (${PERSON_ACTIONS.join('|')}) or --history`);
      if (action !== undefined && !(PERSON_ACTIONS as readonly string[]).includes(action)) throw new InvalidArgumentError(`unknown action "${action}"; one of ${PERSON_ACTIONS.join(', ')}`);
      const { actorForEmail, OPS_ACTOR } = await import('../leads/lead-actor.ts');
      const { actOnLead } = await import('../leads/lead.service.ts');
      const { leadHistory, formatHistory } = await import('../leads/lead.queries.ts');
      const { openCliContext } = await import('./context.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        if (action) {
          const actor = opts.by ? await actorForEmail(ctx.prisma, opts.by) : OPS_ACTOR;
          const r = await actOnLead(ctx.prisma, { leadId: id, action: action as PersonAction, actor, reason: opts.reason, passBackCap: ctx.config.LEAD_PASS_BACK_CAP });
          console.log(opts.json ? JSON.stringify(r, null, 2) : `lead ${r.leadId}: ${r.from} → ${r.to}${r.team ? ` (${r.team}${r.rep ? `, ${r.rep}` : ''})` : ''}${r.explanation ? `: ${r.explanation}` : ''}`);
        }
        if (opts.history) {
          const history = await leadHistory(ctx.prisma, id, OPS_ACTOR);
          console.log(opts.json ? JSON.stringify(history, null, 2) : formatHistory(history));
        }
      } finally {
        await ctx.close();
      }
    });

  program
    .command('route')
    .description("make leads of a campaign's completed scans and route them (idempotent; what the completion job does), printing why each went where")
    .requiredOption('--campaign <name>', 'campaign name')
    .option('--json', 'machine-readable output')
    .action(async (opts: { campaign: string; json?: boolean }) => {
      const { routeCampaign } = await import('../leads/routing.explain.ts');
      const { openCliContext } = await import('./context.ts');
      const ctx = await openCliContext({ redis: false });
      try {
        const out = await routeCampaign(ctx.prisma, opts.campaign);
        console.log(opts.json ? JSON.stringify(out.lines, null, 2) : out.text);
      } finally {
        await ctx.close();
      }
    });
}
