// Reading leads: a team's queue in priority order, one lead with everything a rep needs,
// and its history. Access is decided by the caller's LeadActor.
import type { PrismaClient } from '@prospector/core';
import { UNASSIGNED_QUEUE } from '../teams/teams.schema.ts';
import { canRead, LeadAccessError, type LeadActor } from './lead-actor.ts';
import { LeadNotFoundError } from './lead.service.ts';
import { isLeadStatus, LEAD_STATUSES, type LeadStatus } from './lead.states.ts';

export interface LeadListItem {
  id: number;
  externalId: string;
  name: string;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  status: LeadStatus;
  team: string | null;
  /** The rep's e-mail (null: unclaimed). */
  rep: string | null;
  repName: string | null;
  tier: string | null;
  score: number | null;
  isp: string | null;
  lastActivityAt: string;
}

export interface LeadFilter {
  /** A team name, or "unassigned" for the leads outside every territory. */
  team: string;
  status?: string | undefined;
  rep?: string | undefined;
}

export class LeadFilterError extends Error {
  override name = 'LeadFilterError';
}

/** A list item as Postgres returns it: status not yet checked, the time not yet a string. */
type Row = Omit<LeadListItem, 'status' | 'lastActivityAt'> & { status: string; lastActivityAt: Date };

/** The team's queue: tier, then score, then the oldest lead first. */
export async function listLeads(prisma: PrismaClient, filter: LeadFilter, actor: LeadActor): Promise<LeadListItem[]> {
  if (filter.status !== undefined && !isLeadStatus(filter.status)) throw new LeadFilterError(`unknown status ${filter.status}; one of ${LEAD_STATUSES.join(', ')}`);
  let teamId: number | null = null;
  if (filter.team !== UNASSIGNED_QUEUE) {
    const team = await prisma.team.findUnique({ where: { name: filter.team } });
    if (!team) throw new LeadFilterError(`no team ${filter.team} (see prospector teams list)`);
    teamId = team.id;
  }
  if (!canRead(actor, teamId)) throw new LeadAccessError(`${actor.label} cannot read the leads of ${filter.team}`);
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT l.id, p."externalId", p.name, p.city, p.region, p."postalCode", l.status, t.name AS team, m.email AS rep, m.name AS "repName",
           f.tier, f.score, f.isp, l."lastActivityAt"
    FROM "Lead" l
    JOIN "Prospect" p ON p.id = l."prospectId"
    LEFT JOIN "Team" t ON t.id = l."teamId"
    LEFT JOIN "TeamMember" m ON m.id = l."memberId"
    LEFT JOIN LATERAL (SELECT tier, score, isp FROM "Finding" f WHERE f."prospectId" = p.id ORDER BY f."scanId" DESC LIMIT 1) f ON true
    WHERE (l."teamId" = ${teamId} OR (${teamId}::int IS NULL AND l."teamId" IS NULL))
      AND (${filter.status ?? null}::text IS NULL OR l.status = ${filter.status ?? null})
      AND (${filter.rep?.toLowerCase() ?? null}::text IS NULL OR m.email = ${filter.rep?.toLowerCase() ?? null})
    ORDER BY f.tier ASC NULLS LAST, f.score DESC NULLS LAST, l.id ASC`;
  return rows.map((r) => ({ ...r, status: r.status as LeadStatus, lastActivityAt: r.lastActivityAt.toISOString() }));
}

export interface LeadHistoryItem {
  at: string;
  actor: string;
  action: string;
  from: string | null;
  to: string | null;
  team: string | null;
  rep: string | null;
  rule: string | null;
  reason: string | null;
}

export async function leadHistory(prisma: PrismaClient, leadId: number, actor: LeadActor): Promise<LeadHistoryItem[]> {
  await readableLead(prisma, leadId, actor);
  const events = await prisma.leadEvent.findMany({ where: { leadId }, orderBy: { id: 'asc' } });
  const teams = new Map((await prisma.team.findMany()).map((t) => [t.id, t.name]));
  const memberIds = [...new Set(events.flatMap((e) => (e.memberId === null ? [] : [e.memberId])))];
  const members = new Map((await prisma.teamMember.findMany({ where: { id: { in: memberIds } } })).map((m) => [m.id, m.name]));
  return events.map((e) => ({
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    team: e.teamId === null ? null : (teams.get(e.teamId) ?? null),
    rep: e.memberId === null ? null : (members.get(e.memberId) ?? null),
    rule: e.rule,
    reason: e.reason,
  }));
}

/** The lead if the actor may read it: 404 for no such lead, 403 for another team's. */
export async function readableLead(prisma: PrismaClient, leadId: number, actor: LeadActor) {
  const lead = await prisma.lead.findUnique({ where: { id: leadId } });
  if (!lead) throw new LeadNotFoundError(`no lead ${leadId}`);
  if (!canRead(actor, lead.teamId)) throw new LeadAccessError(`lead ${leadId} belongs to another team; ${actor.label} cannot see or change it`);
  return lead;
}

export function formatLeadList(items: LeadListItem[]): string {
  if (!items.length) return 'no leads';
  return items
    .map((l) => `#${l.id}\t${l.tier ?? '-'} ${String(l.score ?? '-').padStart(3)}\t${l.status.padEnd(12)}\t${(l.repName ?? '(unclaimed)').padEnd(16)}\t${l.externalId}\t${l.name}\t${l.region ?? ''} ${l.postalCode ?? ''}`)
    .join('\n');
}

export function formatHistory(items: LeadHistoryItem[]): string {
  return items
    .map((e) => {
      const move = e.from === e.to ? `(${e.to})` : `${e.from ?? '∅'} → ${e.to}`;
      const where = [e.team, e.rep].filter(Boolean).join(', ');
      return `${e.at}  ${e.actor.padEnd(24)} ${e.action.padEnd(10)} ${move}${where ? ` [${where}]` : ''}${e.rule ? ` rule ${e.rule}` : ''}${e.reason ? `: ${e.reason}` : ''}`;
    })
    .join('\n');
}
