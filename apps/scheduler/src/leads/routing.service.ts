// Turns the prospects of a completed scan into leads and routes them: suppression first,
// then the playbook's routing floor, then the territory rules, then round-robin inside
// the team. Idempotent: a prospect that already has a lead (or was excluded) is left as
// it is, so re-running the completion job changes nothing. Deterministic: prospects are
// taken in priority order (tier, score, id) and teams and members in teams-file order.
import type { PrismaClient } from '@prospector/core';
import { leadDeliveryEvent, recordLeadDeliveries } from './lead.deliveries.ts';
import { appendEvent, loadRotation, lockRouting, takeTurn, type TeamRotation, type Tx } from './lead.repository.ts';
import { pickMember } from './rotation.ts';
import type { LeadStatus } from './lead.states.ts';
import { routingFloorOf, type RoutingFloor } from './routing-floor.ts';
import { loadSuppressionMatcher } from './suppression.service.ts';
import { matchTerritory, type RoutingTeam } from './territory-rules.ts';

export interface RoutingLine {
  prospectId: number;
  externalId: string;
  name: string;
  outcome: 'assigned' | 'team-queue' | 'unassigned' | 'suppressed' | 'below-floor';
  team: string | null;
  rep: string | null;
  rule: string | null;
  explanation: string;
}

export interface RoutingReport {
  scanId: number;
  campaign: string;
  lines: RoutingLine[];
  /** Prospects of the scan that already had a lead or an exclusion (a replay). */
  alreadyRouted: number;
}

interface ProspectRow {
  id: number;
  externalId: string;
  name: string;
  region: string | null;
  postalCode: string | null;
  phone: string | null;
  websiteDomain: string | null;
  emailDomain: string | null;
  industryCode: string | null;
  tier: string | null;
  score: number | null;
  foundDomain: string | null;
  county: string | null;
}

export class ScanNotDoneError extends Error {
  override name = 'ScanNotDoneError';
}

export async function routeScan(prisma: PrismaClient, scanId: number): Promise<RoutingReport> {
  const scan = await prisma.scan.findUniqueOrThrow({ where: { id: scanId }, include: { campaign: true } });
  if (scan.status !== 'done') throw new ScanNotDoneError(`scan ${scanId} is ${scan.status}: leads are made when it completes`);
  const floor = routingFloorOf(scan.campaign.playbook);
  return prisma.$transaction(
    async (tx) => {
      await lockRouting(tx);
      const rows = await unroutedProspects(tx, scanId);
      const alreadyRouted = (await tx.stageRun.count({ where: { scanId, stage: 'classify' } })) - rows.length;
      const lines = await routeRows(tx, { id: scan.campaignId, name: scan.campaign.name }, scanId, rows, floor);
      return { scanId, campaign: scan.campaign.name, lines, alreadyRouted };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

interface NewLead {
  prospectId: number;
  externalId: string;
  name: string;
  team: string | null;
  rep: { name: string; email: string } | null;
  status: LeadStatus;
  teamId: number | null;
  memberId: number | null;
  rule: string | null;
  explanation: string;
}

async function routeRows(tx: Tx, campaign: { id: number; name: string }, scanId: number, rows: ProspectRow[], floor: RoutingFloor): Promise<RoutingLine[]> {
  const campaignId = campaign.id;
  const suppression = await loadSuppressionMatcher(tx);
  const teams = await routingTeams(tx);
  const rotations = new Map<number, TeamRotation>();
  const lines: RoutingLine[] = [];
  const leads: NewLead[] = [];
  const exclusions: { prospectId: number; campaignId: number; scanId: number; cause: string; reason: string }[] = [];
  for (const p of rows) {
    const base = { prospectId: p.id, externalId: p.externalId, name: p.name };
    const place = `${p.region ?? '?'} ${p.postalCode ?? '?'}`;
    const excluded = suppression.match(p) ?? floor.reject(p.tier, p.score);
    if (excluded) {
      const cause = excluded.startsWith('suppressed') ? 'suppressed' : 'below-floor';
      exclusions.push({ prospectId: p.id, campaignId, scanId, cause, reason: excluded });
      lines.push({ ...base, outcome: cause, team: null, rep: null, rule: null, explanation: `${place} → not a lead: ${excluded}` });
      continue;
    }
    const match = matchTerritory(teams, p);
    if (!match) {
      const explanation = `${place} → unassigned queue: outside every territory`;
      leads.push({ ...base, team: null, rep: null, status: 'new', teamId: null, memberId: null, rule: null, explanation });
      lines.push({ ...base, outcome: 'unassigned', team: null, rep: null, rule: null, explanation });
      continue;
    }
    let rotation = rotations.get(match.team.id);
    if (!rotation) rotations.set(match.team.id, (rotation = await loadRotation(tx, match.team.id)));
    // The cursor moves in memory and is saved once per team below.
    const pick = pickMember(rotation.members, rotation.cursor);
    if (pick.member) rotation.cursor = pick.cursor;
    const beaten = match.beaten.length ? ` (over ${match.beaten.join('; ')})` : '';
    const explanation = `${place} → ${match.team.name}: ${match.because}${beaten}; ${pick.because}`;
    const rep = pick.member ? { name: pick.member.name, email: pick.member.email } : null;
    leads.push({ ...base, team: match.team.name, rep, status: pick.member ? 'assigned' : 'new', teamId: match.team.id, memberId: pick.member?.id ?? null, rule: match.rule, explanation });
    lines.push({ ...base, outcome: pick.member ? 'assigned' : 'team-queue', team: match.team.name, rep: pick.member?.name ?? null, rule: match.rule, explanation });
  }
  if (exclusions.length) await tx.leadExclusion.createMany({ data: exclusions });
  await createLeads(tx, campaign, scanId, leads);
  for (const r of rotations.values()) await tx.team.update({ where: { id: r.teamId }, data: { rotation: r.cursor } });
  return lines;
}

/**
 * Leads, their first log entry and the `lead.assigned` event of those given a rep, in
 * batches: a few round trips per thousand, not three per lead.
 */
async function createLeads(tx: Tx, campaign: { id: number; name: string }, scanId: number, leads: NewLead[]): Promise<void> {
  for (let i = 0; i < leads.length; i += 1000) {
    const batch = leads.slice(i, i + 1000);
    const created = await tx.lead.createManyAndReturn({
      data: batch.map((l) => ({ prospectId: l.prospectId, campaignId: campaign.id, scanId, status: l.status, teamId: l.teamId, memberId: l.memberId, routeRule: l.rule, routeReason: l.explanation })),
      select: { id: true, prospectId: true },
    });
    const idOf = new Map(created.map((c) => [c.prospectId, c.id]));
    const logged = await tx.leadEvent.createManyAndReturn({
      data: batch.map((l) => ({ leadId: idOf.get(l.prospectId) as number, actor: 'router', action: 'route', fromStatus: null, toStatus: l.status, teamId: l.teamId, memberId: l.memberId, rule: l.rule, reason: l.explanation })),
      select: { id: true, leadId: true },
    });
    const eventOf = new Map(logged.map((e) => [e.leadId, e.id]));
    const assigned = batch.flatMap((l) => {
      const leadId = idOf.get(l.prospectId) as number;
      if (!l.rep) return [];
      return [leadDeliveryEvent('lead.assigned', { eventId: eventOf.get(leadId) as number, leadId, prospectId: l.prospectId, externalId: l.externalId, name: l.name, campaign: campaign.name, status: l.status, team: l.team, rep: l.rep.name, repEmail: l.rep.email, reason: l.explanation })];
    });
    await recordLeadDeliveries(tx, assigned);
  }
}

async function routingTeams(tx: Tx): Promise<RoutingTeam[]> {
  const teams = await tx.team.findMany({ where: { kind: 'teleprospecting' }, include: { territory: true }, orderBy: { position: 'asc' } });
  return teams.flatMap((t) => (t.territory ? [{ id: t.id, name: t.name, position: t.position, territory: t.territory }] : []));
}

/** Prospects of the scan with a classify outcome and neither a lead nor an exclusion, in priority order. */
async function unroutedProspects(tx: Tx, scanId: number): Promise<ProspectRow[]> {
  return tx.$queryRaw<ProspectRow[]>`
    SELECT p.id, p."externalId", p.name, p.region, p."postalCode", p.phone, p."websiteDomain", p."emailDomain", p."industryCode",
           f.tier, f.score, f.domain AS "foundDomain",
           (SELECT kv.value FROM "SourceRow" sr, jsonb_each_text(sr.raw) kv
             WHERE sr."prospectId" = p.id AND lower(kv.key) IN ('county', 'county name') AND kv.value <> '' ORDER BY sr.id LIMIT 1) AS county
    FROM "StageRun" r
    JOIN "Prospect" p ON p.id = r."prospectId"
    LEFT JOIN "Finding" f ON f."scanId" = r."scanId" AND f."prospectId" = p.id
    WHERE r."scanId" = ${scanId} AND r.stage = 'classify'
      AND NOT EXISTS (SELECT 1 FROM "Lead" l WHERE l."prospectId" = p.id)
      AND NOT EXISTS (SELECT 1 FROM "LeadExclusion" e WHERE e."prospectId" = p.id)
    ORDER BY f.tier ASC NULLS LAST, f.score DESC NULLS LAST, p.id ASC`;
}

/**
 * Leads in the unassigned queue are routed again once a territory covers them (a teams
 * file loaded after the scan); those still outside every territory stay, unchanged.
 */
export async function rerouteUnassigned(prisma: PrismaClient): Promise<RoutingLine[]> {
  return prisma.$transaction(
    async (tx) => {
      await lockRouting(tx);
      const waiting = await tx.$queryRaw<(ProspectRow & { leadId: number; campaignId: number })[]>`
        SELECT l.id AS "leadId", l."campaignId", p.id, p."externalId", p.name, p.region, p."postalCode", p.phone, p."websiteDomain", p."emailDomain", p."industryCode",
               f.tier, f.score, f.domain AS "foundDomain",
               (SELECT kv.value FROM "SourceRow" sr, jsonb_each_text(sr.raw) kv
                 WHERE sr."prospectId" = p.id AND lower(kv.key) IN ('county', 'county name') AND kv.value <> '' ORDER BY sr.id LIMIT 1) AS county
        FROM "Lead" l JOIN "Prospect" p ON p.id = l."prospectId"
        LEFT JOIN LATERAL (SELECT tier, score, domain FROM "Finding" f WHERE f."prospectId" = p.id ORDER BY f."scanId" DESC LIMIT 1) f ON true
        WHERE l."teamId" IS NULL AND l.status = 'new'
        ORDER BY f.tier ASC NULLS LAST, f.score DESC NULLS LAST, p.id ASC`;
      if (!waiting.length) return [];
      const teams = await routingTeams(tx);
      const rotations = new Map<number, TeamRotation>();
      const lines: RoutingLine[] = [];
      for (const p of waiting) {
        const match = matchTerritory(teams, p);
        if (!match) continue;
        let rotation = rotations.get(match.team.id);
        if (!rotation) rotations.set(match.team.id, (rotation = await loadRotation(tx, match.team.id)));
        const pick = await takeTurn(tx, rotation);
        const explanation = `${p.region ?? '?'} ${p.postalCode ?? '?'} → ${match.team.name}: ${match.because}; ${pick.because} (from the unassigned queue)`;
        const status: LeadStatus = pick.member ? 'assigned' : 'new';
        const moved = await tx.lead.updateMany({
          where: { id: p.leadId, teamId: null, status: 'new' },
          data: { status, teamId: match.team.id, memberId: pick.member?.id ?? null, routeRule: match.rule, routeReason: explanation, stateSince: new Date(), lastActivityAt: new Date() },
        });
        if (moved.count !== 1) continue;
        const eventId = await appendEvent(tx, { leadId: p.leadId, actor: 'router', action: 'route', fromStatus: 'new', toStatus: status, teamId: match.team.id, memberId: pick.member?.id ?? null, rule: match.rule, reason: explanation });
        if (pick.member) {
          const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: p.campaignId }, select: { name: true } });
          const move = { eventId, leadId: p.leadId, prospectId: p.id, externalId: p.externalId, name: p.name, campaign: campaign.name, status, team: match.team.name, rep: pick.member.name, repEmail: pick.member.email, reason: explanation };
          await recordLeadDeliveries(tx, [leadDeliveryEvent('lead.assigned', move)]);
        }
        lines.push({ prospectId: p.id, externalId: p.externalId, name: p.name, outcome: pick.member ? 'assigned' : 'team-queue', team: match.team.name, rep: pick.member?.name ?? null, rule: match.rule, explanation });
      }
      return lines;
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

/** Done scans with prospects not yet routed: what the periodic sweep catches up on. */
export async function scansAwaitingRouting(prisma: PrismaClient): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT s.id FROM "Scan" s
    WHERE s.status = 'done' AND EXISTS (
      SELECT 1 FROM "StageRun" r WHERE r."scanId" = s.id AND r.stage = 'classify'
        AND NOT EXISTS (SELECT 1 FROM "Lead" l WHERE l."prospectId" = r."prospectId")
        AND NOT EXISTS (SELECT 1 FROM "LeadExclusion" e WHERE e."prospectId" = r."prospectId"))
    ORDER BY s.id`;
  return rows.map((r) => r.id);
}

export function formatRoutingReport(report: RoutingReport): string {
  const count = (o: RoutingLine['outcome']) => report.lines.filter((l) => l.outcome === o).length;
  const perTeam = new Map<string, number>();
  for (const l of report.lines) if (l.team) perTeam.set(l.team, (perTeam.get(l.team) ?? 0) + 1);
  const head = `scan ${report.scanId} of ${report.campaign}: ${report.lines.length} routed now, ${report.alreadyRouted} already routed`;
  const teams = [...perTeam].map(([t, n]) => `  ${t}: ${n}`);
  const summary = `  assigned to a rep: ${count('assigned')}; waiting in a team queue: ${count('team-queue')}; unassigned (outside every territory): ${count('unassigned')}; suppressed: ${count('suppressed')}; below the routing floor: ${count('below-floor')}`;
  const lines = report.lines.map((l) => `${l.externalId} ${l.name}: ${l.explanation}`);
  return [head, ...teams, summary, ...lines].join('\n');
}
