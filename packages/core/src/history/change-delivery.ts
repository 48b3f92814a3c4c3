// The `prospect.changed` events of one completed scan, recorded in the transaction that
// derived its change events: one per notable change, keyed by the change's id, so a re-run
// of completion (which derives nothing new) records nothing new either.
import { recordDeliveryEvents, type DeliveryEventInput } from '../delivery/delivery-events.ts';
import { NOTABLE_CHANGE_KINDS } from './history.fields.ts';
import type { HistoryDb } from './derive-history.ts';

/** A change event as its readers see it, the columns named as the API and webhooks name them. */
export interface ChangeSummaryRow<K extends string = string> {
  prospectId: number;
  externalId: string;
  name: string;
  field: string;
  kind: K;
  fromValue: string | null;
  toValue: string | null;
  fromScanNumber: number;
  toScanNumber: number;
  confidence: number | null;
}

/** The fields every view of a change shares: the `prospect.changed` payload and the changes API. */
export function changeSummaryOf<K extends string>(r: ChangeSummaryRow<K>) {
  return {
    prospectId: r.prospectId,
    externalId: r.externalId,
    name: r.name,
    field: r.field,
    kind: r.kind,
    from: r.fromValue,
    to: r.toValue,
    fromScan: r.fromScanNumber,
    toScan: r.toScanNumber,
    confidence: r.confidence,
  };
}

interface ChangeRow extends ChangeSummaryRow {
  id: number;
  campaign: string;
  leadId: number | null;
}

export async function recordChangeDeliveries(db: HistoryDb, scanId: number): Promise<number> {
  const rows = await db.$queryRaw<ChangeRow[]>`
    SELECT e.id, e."prospectId", p."externalId", p.name, c.name AS campaign, l.id AS "leadId", e.field, e.kind, e."fromValue", e."toValue",
           e."fromScanNumber", e."toScanNumber", e.confidence
    FROM "ChangeEvent" e
    JOIN "Prospect" p ON p.id = e."prospectId"
    JOIN "Campaign" c ON c.id = e."campaignId"
    LEFT JOIN "Lead" l ON l."prospectId" = e."prospectId"
    WHERE e."toScanId" = ${scanId} AND e.kind = ANY(${[...NOTABLE_CHANGE_KINDS]}::text[]) AND NOT e.flapping
    ORDER BY e.id`;
  const events: DeliveryEventInput[] = rows.map((r) => ({
    type: 'prospect.changed',
    subjectId: r.prospectId,
    key: `change:${r.id}`,
    data: { changeId: r.id, ...changeSummaryOf(r), campaign: r.campaign },
    link: r.leadId === null ? `/api/prospects/${r.prospectId}/history` : `/my/leads/${r.leadId}`,
  }));
  return recordDeliveryEvents(db, events);
}
