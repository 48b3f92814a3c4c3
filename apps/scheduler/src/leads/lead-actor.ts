// Who is acting on a lead, and what they may touch. Roles: ops (everything), viewer
// (reads everything, changes nothing), manager (every lead of the teams they manage),
// rep (the leads of their own teams: the unclaimed ones and their own).
import type { Db } from './lead.repository.ts';

export interface LeadActor {
  /** Written to the log: an e-mail, "ops" or "scheduler". */
  label: string;
  role: 'ops' | 'viewer' | 'manager' | 'rep' | 'system';
  /** The member rows of this person, one per team (empty for ops/viewer/system). */
  memberships: { memberId: number; teamId: number; role: string; active: boolean }[];
}

export class LeadAccessError extends Error {
  override name = 'LeadAccessError';
}

export const OPS_ACTOR: LeadActor = { label: 'ops', role: 'ops', memberships: [] };
export const SCHEDULER_ACTOR: LeadActor = { label: 'scheduler', role: 'system', memberships: [] };

/** A person by e-mail (the CLI's --by, a member's token): every team they belong to. */
export async function actorForEmail(db: Db, email: string, role?: 'rep' | 'manager'): Promise<LeadActor> {
  const rows = await db.teamMember.findMany({ where: { email: email.toLowerCase() } });
  if (!rows.length) throw new LeadAccessError(`${email} is not a member of any team (see prospector teams list)`);
  const memberships = rows.map((m) => ({ memberId: m.id, teamId: m.teamId, role: m.role, active: m.active }));
  return { label: email.toLowerCase(), role: role ?? (rows.some((m) => m.role === 'manager') ? 'manager' : 'rep'), memberships };
}

/** Team ids whose leads the actor can read; 'all' for ops, viewers and the scheduler. */
export function readableTeams(actor: LeadActor): number[] | 'all' {
  if (actor.role === 'ops' || actor.role === 'viewer' || actor.role === 'system') return 'all';
  return actor.memberships.filter((m) => m.active).map((m) => m.teamId);
}

export function canRead(actor: LeadActor, teamId: number | null): boolean {
  const teams = readableTeams(actor);
  return teams === 'all' || (teamId !== null && teams.includes(teamId));
}

/** Throws a LeadAccessError that says why, or returns the acting membership (null for ops). */
export function assertCanChange(actor: LeadActor, lead: { teamId: number | null; memberId: number | null }, teamName: string | null): { memberId: number; teamId: number } | null {
  if (actor.role === 'viewer') throw new LeadAccessError('a viewer reads leads but cannot change them');
  if (actor.role === 'ops' || actor.role === 'system') return null;
  const where = teamName ?? 'the unassigned queue';
  const membership = actor.memberships.find((m) => m.active && m.teamId === lead.teamId);
  if (!membership) throw new LeadAccessError(`${actor.label} is not an active member of ${where}, which holds this lead`);
  if (actor.role === 'rep' && membership.role !== 'manager' && lead.memberId !== null && lead.memberId !== membership.memberId) {
    throw new LeadAccessError(`this lead is assigned to another rep of ${where}; only they or a manager can change it`);
  }
  return membership;
}
