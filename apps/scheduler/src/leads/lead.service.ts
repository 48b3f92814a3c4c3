// Moves a lead through its lifecycle. Each change is checked (state machine, who may),
// applied only if the lead is still in the state it was read in, and logged in the same
// transaction: the log and the lead never disagree.
import type { PrismaClient } from '@prospector/core';
import { assertCanChange, type LeadActor } from './lead-actor.ts';
import { eventsOfAction, recordLeadDeliveries } from './lead.deliveries.ts';
import { appendEvent, loadRotation, lockRouting, takeTurn, type Tx } from './lead.repository.ts';
import { isLeadStatus, nextStatus, type LeadAction, type LeadStatus } from './lead.states.ts';

export class LeadNotFoundError extends Error {
  override name = 'LeadNotFoundError';
}
/** A request that can never succeed as given (a missing reason, the pass-back cap). */
export class LeadRequestError extends Error {
  override name = 'LeadRequestError';
}
export class LeadConflictError extends Error {
  override name = 'LeadConflictError';
}

export interface ActOptions {
  leadId: number;
  action: LeadAction;
  actor: LeadActor;
  reason?: string | undefined;
  passBackCap: number;
}

export interface ActResult {
  leadId: number;
  from: LeadStatus;
  to: LeadStatus;
  team: string | null;
  rep: string | null;
  explanation: string;
}

const NEEDS_REASON: readonly LeadAction[] = ['disqualify', 'note'];

export async function actOnLead(prisma: PrismaClient, o: ActOptions): Promise<ActResult> {
  const reason = o.reason?.trim() || undefined;
  if (NEEDS_REASON.includes(o.action) && !reason) throw new LeadRequestError(`${o.action} needs a reason (--reason TEXT)`);
  return prisma.$transaction(async (tx) => {
    await lockRouting(tx); // rotation cursors and capacities move on claim, qualify and pass-back
    const lead = await tx.lead.findUnique({ where: { id: o.leadId } });
    if (!lead) throw new LeadNotFoundError(`no lead ${o.leadId}`);
    if (!isLeadStatus(lead.status)) throw new Error(`lead ${lead.id} has an unknown status ${lead.status}`);
    const team = lead.teamId === null ? null : await tx.team.findUniqueOrThrow({ where: { id: lead.teamId } });
    const acting = assertCanChange(o.actor, lead, team?.name ?? null);
    const to = nextStatus(lead.status, o.action);
    const change = await placement(tx, o, lead, team, acting);
    const updated = await tx.lead.updateMany({
      where: { id: lead.id, status: lead.status },
      data: {
        status: to,
        lastActivityAt: new Date(),
        ...(to !== lead.status ? { stateSince: new Date() } : {}),
        ...change.data,
        ...(o.action === 'disqualify' ? { disqualifyReason: reason } : {}),
      },
    });
    if (updated.count !== 1) throw new LeadConflictError(`lead ${lead.id} changed meanwhile; read it again`);
    const teamId = change.data.teamId === undefined ? lead.teamId : change.data.teamId;
    const memberId = change.data.memberId === undefined ? lead.memberId : change.data.memberId;
    const explanation = [reason, change.because].filter(Boolean).join('; ');
    const eventId = await appendEvent(tx, { leadId: lead.id, actor: o.actor.label, action: o.action, fromStatus: lead.status, toStatus: to, teamId, memberId, rule: change.rule, reason: explanation || null });
    // One query at a time: a transaction is one connection.
    const teamRow = teamId === null ? null : await tx.team.findUnique({ where: { id: teamId } });
    const memberRow = memberId === null ? null : await tx.teamMember.findUnique({ where: { id: memberId } });
    const prospect = await tx.prospect.findUniqueOrThrow({ where: { id: lead.prospectId }, select: { externalId: true, name: true } });
    const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: lead.campaignId }, select: { name: true } });
    const who = { team: teamRow?.name ?? null, rep: memberRow?.name ?? null, repEmail: memberRow?.email ?? null };
    const move = { eventId, leadId: lead.id, prospectId: lead.prospectId, externalId: prospect.externalId, name: prospect.name, campaign: campaign.name, status: to, ...who, reason: explanation || null };
    await recordLeadDeliveries(tx, eventsOfAction(o.action, memberId !== lead.memberId || teamId !== lead.teamId, move));
    return { leadId: lead.id, from: lead.status, to, team: teamRow?.name ?? null, rep: memberRow?.name ?? null, explanation };
  });
}

interface Placement {
  data: { teamId?: number | null; memberId?: number | null; qualifiedTeamId?: number | null; qualifiedMemberId?: number | null; passBacks?: number };
  rule: string | null;
  because: string | null;
}

type LeadRow = NonNullable<Awaited<ReturnType<Tx['lead']['findUnique']>>>;
type TeamRow = NonNullable<Awaited<ReturnType<Tx['team']['findUnique']>>>;

/** Where the lead goes: claim takes it, qualify hands it to sales, pass-back returns it. */
async function placement(tx: Tx, o: ActOptions, lead: LeadRow, team: TeamRow | null, acting: { memberId: number } | null): Promise<Placement> {
  const none: Placement = { data: {}, rule: null, because: null };
  if (o.action === 'claim') {
    if (!acting) throw new LeadRequestError('claim needs the member who takes the lead (--by EMAIL)');
    return { data: { memberId: acting.memberId }, rule: 'claim', because: null };
  }
  if (o.action === 'qualify') {
    if (!team?.passesTo) throw new LeadRequestError(`${team?.name ?? 'the unassigned queue'} passes qualified leads to no sales team`);
    const sales = await tx.team.findUnique({ where: { name: team.passesTo } });
    if (!sales) throw new LeadRequestError(`${team.name} passes to ${team.passesTo}, which is not loaded`);
    const pick = await takeTurn(tx, await loadRotation(tx, sales.id));
    return {
      data: { teamId: sales.id, memberId: pick.member?.id ?? null, qualifiedTeamId: lead.teamId, qualifiedMemberId: lead.memberId },
      rule: `${team.name}/passesTo:${sales.name}`,
      because: `handed to ${sales.name} (${team.name} passes to it); ${pick.because}`,
    };
  }
  if (o.action === 'pass-back') {
    if (lead.passBacks >= o.passBackCap) throw new LeadRequestError(`lead ${lead.id} was passed back ${lead.passBacks} times already (cap ${o.passBackCap}); disqualify it or close it`);
    if (lead.qualifiedTeamId === null) throw new LeadRequestError(`lead ${lead.id} was never qualified by a teleprospecting team`);
    const back = await tx.team.findUniqueOrThrow({ where: { id: lead.qualifiedTeamId } });
    const rotation = await loadRotation(tx, back.id);
    const qualifier = rotation.members.find((m) => m.id === lead.qualifiedMemberId);
    const count = `pass-back ${lead.passBacks + 1} of ${o.passBackCap}`;
    if (qualifier && qualifier.active && qualifier.open < qualifier.capacity) {
      return { data: { teamId: back.id, memberId: qualifier.id, passBacks: lead.passBacks + 1 }, rule: `pass-back:${back.name}`, because: `back to ${back.name}, to ${qualifier.name} who qualified it (${count})` };
    }
    const pick = await takeTurn(tx, rotation);
    const why = qualifier ? `${qualifier.name}, who qualified it, is ${qualifier.active ? 'full' : 'inactive'}` : 'its qualifier left the team';
    return { data: { teamId: back.id, memberId: pick.member?.id ?? null, passBacks: lead.passBacks + 1 }, rule: `pass-back:${back.name}`, because: `back to ${back.name} (${count}); ${why}; ${pick.because}` };
  }
  return none;
}
