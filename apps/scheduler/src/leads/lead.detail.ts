// Everything the lead page shows: the business, every answer with its confidence and
// evidence, the score and its reasons, the history, and what the reader may do next.
import type { PrismaClient } from '@prospector/core';
import { assertCanChange, LeadAccessError, type LeadActor } from './lead-actor.ts';
import { leadHistory, readableLead, type LeadHistoryItem } from './lead.queries.ts';
import { legalActions, type LeadStatus, type PersonAction } from './lead.states.ts';
import { loadLeadTimeline, type LeadTimeline } from './lead.timeline.ts';

/** The answers of a finding, in the order a rep reads them, with their labels. */
export const ANSWER_FIELDS = [
  ['presence', 'Online presence'],
  ['domain', 'Domain'],
  ['isp', 'Internet service provider'],
  ['emailProvider', 'E-mail provider'],
  ['emailGateway', 'Mail security gateway'],
  ['webHost', 'Web host'],
  ['dnsProvider', 'DNS provider'],
  ['cms', 'Website software (CMS)'],
  ['ecommercePlatform', 'E-commerce platform'],
  ['voipProvider', 'VoIP provider'],
] as const;
export type AnswerField = (typeof ANSWER_FIELDS)[number][0];

export interface LeadAnswer {
  field: AnswerField;
  label: string;
  value: string | null;
  confidence: number | null;
  evidence: string[];
  /** Why the answer is unknown. */
  unknownReason: string | null;
}

export interface LeadDetail {
  id: number;
  status: LeadStatus;
  team: string | null;
  rep: string | null;
  passBacks: number;
  routeReason: string;
  disqualifyReason: string | null;
  business: { externalId: string; name: string; address: string | null; city: string | null; region: string | null; postalCode: string | null; phone: string | null; website: string | null; email: string | null; employees: number | null; industryCode: string | null };
  tier: string | null;
  score: number | null;
  reasons: string[];
  answers: LeadAnswer[];
  history: LeadHistoryItem[];
  /** Scans, changes, provider periods, moves and corrections, in time order. */
  timeline: LeadTimeline;
  /** The actions this reader may take now (none for a viewer or another rep's lead). */
  actions: PersonAction[];
}

export async function getLeadDetail(prisma: PrismaClient, leadId: number, actor: LeadActor): Promise<LeadDetail> {
  const lead = await readableLead(prisma, leadId, actor);
  const [prospect, finding, team, member, history] = await Promise.all([
    prisma.prospect.findUniqueOrThrow({ where: { id: lead.prospectId } }),
    prisma.finding.findFirst({ where: { prospectId: lead.prospectId }, orderBy: { scanId: 'desc' } }),
    lead.teamId === null ? null : prisma.team.findUnique({ where: { id: lead.teamId } }),
    lead.memberId === null ? null : prisma.teamMember.findUnique({ where: { id: lead.memberId } }),
    leadHistory(prisma, leadId, actor),
  ]);
  const timeline = await loadLeadTimeline(prisma, lead.prospectId, history);
  const confidence = (finding?.confidence ?? {}) as Record<string, number>;
  const evidence = (finding?.evidence ?? {}) as Record<string, unknown>;
  const unknown = (evidence.unknownReasons ?? {}) as Record<string, string>;
  const answers = ANSWER_FIELDS.map(([field, label]) => {
    const value = finding ? (finding[field] as string | null) : null;
    const list = evidence[field];
    return {
      field,
      label,
      value,
      confidence: confidence[field] ?? null,
      evidence: Array.isArray(list) ? list.map(String) : [],
      unknownReason: value === null ? (unknown[field] ?? (finding ? 'no evidence found' : 'not scanned yet')) : null,
    };
  });
  const status = lead.status as LeadStatus;
  let actions: PersonAction[] = [];
  try {
    assertCanChange(actor, lead, team?.name ?? null);
    actions = legalActions(status);
  } catch (error) {
    if (!(error instanceof LeadAccessError)) throw error;
  }
  return {
    id: lead.id,
    status,
    team: team?.name ?? null,
    rep: member?.name ?? null,
    passBacks: lead.passBacks,
    routeReason: lead.routeReason,
    disqualifyReason: lead.disqualifyReason,
    business: {
      externalId: prospect.externalId, name: prospect.name, address: prospect.address, city: prospect.city, region: prospect.region, postalCode: prospect.postalCode,
      phone: prospect.phone, website: prospect.website ?? (prospect.websiteDomain ? `https://${prospect.websiteDomain}` : finding?.domain ? `https://${finding.domain}` : null), email: prospect.email,
      employees: prospect.employees, industryCode: prospect.industryCode,
    },
    tier: finding?.tier ?? null,
    score: finding?.score ?? null,
    reasons: Array.isArray(finding?.reasons) ? (finding.reasons as unknown[]).map(String) : [],
    answers,
    history,
    timeline,
    actions,
  };
}
