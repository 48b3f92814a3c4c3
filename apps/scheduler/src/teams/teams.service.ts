// Applies a teams file to the database idempotently and says what changed; lists teams.
// Nothing is deleted: a member or team that leaves the file is made inactive (its leads
// and their history stay), so a typo in the file cannot erase anyone's work.
import type { PrismaClient } from '@prospector/core';
import { OPEN_LEAD_STATUSES as OPEN_STATUSES } from '../leads/lead.states.ts';
import type { MemberSpec, TeamsFile, TeamSpec, TerritorySpec } from './teams.schema.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface TeamsLoadResult {
  changes: string[];
}

export async function applyTeamsFile(prisma: PrismaClient, file: TeamsFile): Promise<TeamsLoadResult> {
  return prisma.$transaction(async (tx) => {
    const changes: string[] = [];
    for (const [position, spec] of file.teams.entries()) changes.push(...(await applyTeam(tx, spec, position)));
    const names = file.teams.map((t) => t.name);
    const gone = await tx.team.findMany({ where: { name: { notIn: names } }, include: { territory: true, members: { where: { active: true } } } });
    for (const team of gone) {
      if (!team.territory && team.members.length === 0) continue;
      await tx.territory.deleteMany({ where: { teamId: team.id } });
      await tx.teamMember.updateMany({ where: { teamId: team.id }, data: { active: false } });
      changes.push(`team ${team.name}: not in the file; its territory is removed and its members made inactive (leads kept)`);
    }
    return { changes };
  });
}

async function applyTeam(tx: Tx, spec: TeamSpec, position: number): Promise<string[]> {
  const changes: string[] = [];
  const before = await tx.team.findUnique({ where: { name: spec.name }, include: { territory: true } });
  const fields = { kind: spec.kind, passesTo: spec.passesTo ?? null, position };
  const team = before
    ? await tx.team.update({ where: { id: before.id }, data: fields })
    : await tx.team.create({ data: { name: spec.name, ...fields } });
  if (!before) changes.push(`team ${spec.name}: created (${spec.kind}${spec.passesTo ? `, passes to ${spec.passesTo}` : ''})`);
  else {
    if (before.kind !== spec.kind) changes.push(`team ${spec.name}: kind ${before.kind} → ${spec.kind}`);
    if (before.passesTo !== fields.passesTo) changes.push(`team ${spec.name}: passes to ${before.passesTo ?? '(none)'} → ${fields.passesTo ?? '(none)'}`);
  }
  const territory = territoryData(spec.territory);
  if (!before?.territory) {
    await tx.territory.create({ data: { teamId: team.id, ...territory } });
    changes.push(`team ${spec.name}: territory ${describeTerritory(spec.territory)}`);
  } else {
    const diff = (Object.keys(territory) as (keyof typeof territory)[]).filter((k) => before.territory?.[k].join(',') !== territory[k].join(','));
    if (diff.length) {
      await tx.territory.update({ where: { teamId: team.id }, data: territory });
      for (const k of diff) changes.push(`team ${spec.name}: territory ${k} [${before.territory[k].join(', ')}] → [${territory[k].join(', ')}]`);
    }
  }
  changes.push(...(await applyMembers(tx, team.id, spec.name, spec.members)));
  return changes;
}

async function applyMembers(tx: Tx, teamId: number, teamName: string, members: MemberSpec[]): Promise<string[]> {
  const changes: string[] = [];
  const existing = new Map((await tx.teamMember.findMany({ where: { teamId } })).map((m) => [m.email, m]));
  for (const [position, m] of members.entries()) {
    const data = { name: m.name, capacity: m.capacity, active: m.active, role: m.role, position };
    const before = existing.get(m.email);
    existing.delete(m.email);
    if (!before) {
      await tx.teamMember.create({ data: { teamId, email: m.email, ...data } });
      changes.push(`team ${teamName}: member ${m.name} <${m.email}> added (${m.role}, capacity ${m.capacity}${m.active ? '' : ', inactive'})`);
      continue;
    }
    const what: string[] = [];
    if (before.name !== m.name) what.push(`name ${before.name} → ${m.name}`);
    if (before.capacity !== m.capacity) what.push(`capacity ${before.capacity} → ${m.capacity}`);
    if (before.active !== m.active) what.push(m.active ? 'active again' : 'inactive');
    if (before.role !== m.role) what.push(`role ${before.role} → ${m.role}`);
    if (what.length || before.position !== position) await tx.teamMember.update({ where: { id: before.id }, data });
    if (what.length) changes.push(`team ${teamName}: member <${m.email}> ${what.join(', ')}`);
  }
  for (const left of existing.values()) {
    if (!left.active) continue;
    await tx.teamMember.update({ where: { id: left.id }, data: { active: false } });
    changes.push(`team ${teamName}: member <${left.email}> not in the file; made inactive (leads kept)`);
  }
  return changes;
}

export interface TerritoryRules {
  states: string[];
  counties: string[];
  postalPrefixes: string[];
  industryCodes: string[];
  tiers: string[];
}

function territoryData(t: TerritoryRules): TerritoryRules {
  return { states: t.states, counties: t.counties, postalPrefixes: t.postalPrefixes, industryCodes: t.industryCodes, tiers: t.tiers };
}

export function describeTerritory(t: Partial<TerritoryRules>): string {
  const parts: string[] = [];
  if (t.states?.length) parts.push(`states ${t.states.join(', ')}`);
  if (t.counties?.length) parts.push(`counties ${t.counties.join(', ')}`);
  if (t.postalPrefixes?.length) parts.push(`postal prefixes ${t.postalPrefixes.join(', ')}`);
  if (t.industryCodes?.length) parts.push(`industry codes ${t.industryCodes.join(', ')}`);
  if (t.tiers?.length) parts.push(`tiers ${t.tiers.join(', ')}`);
  return parts.join('; ');
}

export interface TeamListing {
  name: string;
  kind: string;
  passesTo: string | null;
  territory: TerritoryRules | null;
  members: { name: string; email: string; role: string; capacity: number; active: boolean; openLeads: number }[];
  openLeads: number;
}


export async function listTeams(prisma: PrismaClient): Promise<TeamListing[]> {
  const teams = await prisma.team.findMany({ orderBy: { position: 'asc' }, include: { territory: true, members: { orderBy: { position: 'asc' } } } });
  const perMember = await prisma.lead.groupBy({ by: ['memberId'], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } });
  const perTeam = await prisma.lead.groupBy({ by: ['teamId'], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } });
  const byMember = new Map(perMember.map((r) => [r.memberId, r._count._all]));
  const byTeam = new Map(perTeam.map((r) => [r.teamId, r._count._all]));
  return teams.map((t) => ({
    name: t.name,
    kind: t.kind,
    passesTo: t.passesTo,
    territory: t.territory ? territoryData(t.territory) : null,
    members: t.members.map((m) => ({ name: m.name, email: m.email, role: m.role, capacity: m.capacity, active: m.active, openLeads: byMember.get(m.id) ?? 0 })),
    openLeads: byTeam.get(t.id) ?? 0,
  }));
}

export function formatTeams(teams: TeamListing[]): string {
  if (!teams.length) return 'no teams (load a teams file with `prospector teams load FILE`)';
  return teams
    .map((t) => {
      const head = `${t.name} (${t.kind}${t.passesTo ? ` → ${t.passesTo}` : ''}): ${t.territory ? describeTerritory(t.territory) : 'no territory'}; ${t.openLeads} open leads`;
      const members = t.members.map((m) => `  ${m.active ? ' ' : '✗'} ${m.name} <${m.email}> ${m.role}, ${m.openLeads} of ${m.capacity} open${m.active ? '' : ' (inactive)'}`);
      return [head, ...members].join('\n');
    })
    .join('\n');
}
