// Reading history: a campaign's change events (filtered by time, field, providers) and one
// prospect's periods and events. Fields are named as the export names them.
import { CHANGE_KINDS, changeSummaryOf, isChangeField, Prisma, type ChangeKind, type ChangeSummaryRow, type PrismaClient } from '@prospector/core';
import { requireCampaign } from '@prospector/core';

export class ChangesQueryError extends Error {
  override readonly name = 'ChangesQueryError';
  readonly statusCode = 400;
}

/** Claimed events: not "unconfirmed" (a side below the threshold) nor "not-seen" (unknown on a side). */
export const DEFAULT_KINDS: readonly ChangeKind[] = ['changed', 'went-offline', 'came-back', 'score-moved'];

export interface ChangesQuery {
  campaign: string;
  /** Changes seen by scans started at or after this time. */
  since?: Date;
  field?: string;
  from?: string;
  to?: string;
  kinds?: readonly string[];
  /** One prospect only (its history page). */
  prospectId?: number;
}

export interface ChangeView {
  externalId: string;
  prospectId: number;
  name: string;
  field: string;
  kind: ChangeKind;
  from: string | null;
  to: string | null;
  fromScan: number;
  toScan: number;
  confidence: number | null;
  flapping: boolean;
  seenAt: string;
  fromEvidence: unknown;
  toEvidence: unknown;
}

interface ChangeRow extends ChangeSummaryRow<ChangeKind> {
  flapping: boolean;
  seenAt: Date;
  fromEvidence: unknown;
  toEvidence: unknown;
}

/** Parses a --since value (an ISO date or date-time); the error names the value. */
export function parseSince(text: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new ChangesQueryError(`since "${text}": expected a date such as 2026-11-01 or 2026-11-01T08:00:00Z`);
  return date;
}

export async function queryChanges(prisma: PrismaClient, query: ChangesQuery): Promise<ChangeView[]> {
  if (query.field !== undefined && !isChangeField(query.field)) throw new ChangesQueryError(`field "${query.field}": not a history field`);
  const kinds = query.kinds ?? DEFAULT_KINDS;
  const badKind = kinds.find((k) => !(CHANGE_KINDS as readonly string[]).includes(k));
  if (badKind) throw new ChangesQueryError(`kind "${badKind}": expected one of ${CHANGE_KINDS.join(', ')}`);
  const campaign = await requireCampaign(prisma, query.campaign);
  const where = [
    Prisma.sql`e."campaignId" = ${campaign.id}`,
    Prisma.sql`e.kind IN (${Prisma.join([...kinds])})`,
    ...(query.since ? [Prisma.sql`s."startedAt" >= ${query.since}`] : []),
    ...(query.field ? [Prisma.sql`e.field = ${query.field}`] : []),
    ...(query.from ? [Prisma.sql`e."fromValue" = ${query.from}`] : []),
    ...(query.to ? [Prisma.sql`e."toValue" = ${query.to}`] : []),
    ...(query.prospectId ? [Prisma.sql`e."prospectId" = ${query.prospectId}`] : []),
  ];
  const rows = await prisma.$queryRaw<ChangeRow[]>`
    SELECT p."externalId", p.id AS "prospectId", p.name, e.field, e.kind, e."fromValue", e."toValue", e."fromScanNumber", e."toScanNumber",
           e.confidence, e.flapping, s."startedAt" AS "seenAt", e."fromEvidence", e."toEvidence"
    FROM "ChangeEvent" e JOIN "Prospect" p ON p.id = e."prospectId" JOIN "Scan" s ON s.id = e."toScanId"
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY e."toScanNumber", p."externalId", e.field`;
  return rows.map(viewOf);
}

function viewOf(r: ChangeRow): ChangeView {
  return { ...changeSummaryOf(r), flapping: r.flapping, seenAt: r.seenAt.toISOString(), fromEvidence: r.fromEvidence, toEvidence: r.toEvidence };
}

export interface ProspectHistory {
  prospect: { id: number; externalId: string; name: string; campaign: string };
  periods: { field: string; value: string; firstScan: number; lastScan: number; validFrom: string; validTo: string | null }[];
  events: Omit<ChangeView, 'externalId' | 'prospectId' | 'name'>[];
}

/** Null when the prospect does not exist. Every event kind is listed, "not seen" included. */
export async function prospectHistory(prisma: PrismaClient, prospectId: number): Promise<ProspectHistory | null> {
  const prospect = await prisma.prospect.findUnique({ where: { id: prospectId }, include: { campaign: { select: { name: true } } } });
  if (!prospect) return null;
  const periods = await prisma.providerPeriod.findMany({ where: { prospectId }, orderBy: [{ field: 'asc' }, { firstScanNumber: 'asc' }] });
  const events = await queryChanges(prisma, { campaign: prospect.campaign.name, kinds: CHANGE_KINDS, prospectId });
  return {
    prospect: { id: prospect.id, externalId: prospect.externalId, name: prospect.name, campaign: prospect.campaign.name },
    periods: periods.map((p) => ({
      field: p.field,
      value: p.value,
      firstScan: p.firstScanNumber,
      lastScan: p.lastScanNumber,
      validFrom: p.validFrom.toISOString(),
      validTo: p.validTo?.toISOString() ?? null,
    })),
    events: events.map(({ externalId: _e, prospectId: _p, name: _n, ...rest }) => rest),
  };
}
