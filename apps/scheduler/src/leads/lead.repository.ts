// Database reads and writes shared by routing, transitions and the scheduler.
import type { PrismaClient } from '@prospector/core';
import { OPEN_LEAD_STATUSES, type LeadStatus } from './lead.states.ts';
import { pickMember, type RotationMember, type RotationPick } from './rotation.ts';

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type Db = PrismaClient | Tx;

/** One lock for every routing decision: rotation cursors and capacities are shared state. */
export const ROUTING_LOCK_KEY = 72707370;

export async function lockRouting(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROUTING_LOCK_KEY})`;
}

export interface TeamRotation {
  teamId: number;
  teamName: string;
  cursor: number;
  members: RotationMember[];
}

export async function loadRotation(db: Db, teamId: number): Promise<TeamRotation> {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, include: { members: { orderBy: { position: 'asc' } } } });
  const open = await db.lead.groupBy({ by: ['memberId'], where: { memberId: { in: team.members.map((m) => m.id) }, status: { in: [...OPEN_LEAD_STATUSES] } }, _count: { _all: true } });
  const byMember = new Map(open.map((r) => [r.memberId, r._count._all]));
  return {
    teamId,
    teamName: team.name,
    cursor: team.rotation,
    members: team.members.map((m) => ({ id: m.id, name: m.name, email: m.email, capacity: m.capacity, active: m.active, open: byMember.get(m.id) ?? 0 })),
  };
}

/** Picks the next member and moves the team's cursor past them. */
export async function takeTurn(tx: Tx, rotation: TeamRotation): Promise<RotationPick> {
  const pick = pickMember(rotation.members, rotation.cursor);
  if (pick.member) {
    rotation.cursor = pick.cursor;
    await tx.team.update({ where: { id: rotation.teamId }, data: { rotation: pick.cursor } });
  }
  return pick;
}

export interface EventInput {
  leadId: number;
  actor: string;
  action: string;
  fromStatus: LeadStatus | null;
  toStatus: LeadStatus | null;
  teamId?: number | null;
  memberId?: number | null;
  rule?: string | null;
  reason?: string | null;
}

/** Appends to the lead's log; returns the entry's id (the key of the move's delivery events). */
export async function appendEvent(db: Db, e: EventInput): Promise<number> {
  const row = await db.leadEvent.create({ data: { ...e, teamId: e.teamId ?? null, memberId: e.memberId ?? null, rule: e.rule ?? null, reason: e.reason ?? null }, select: { id: true } });
  return row.id;
}
