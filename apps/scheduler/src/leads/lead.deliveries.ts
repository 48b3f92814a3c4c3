// The delivery events of lead moves (`lead.assigned`, `lead.qualified`, `lead.passed-back`),
// recorded in the transaction that moves the lead. Each is keyed by the LeadEvent that logs
// the move (the assignment's id): the same move is one event however often it is retried.
import { recordDeliveryEvents, type DeliveryEventInput, type DeliveryEventType } from '@prospector/core';
import type { Tx } from './lead.repository.ts';

export interface LeadMove {
  /** The LeadEvent that logs the move. */
  eventId: number;
  leadId: number;
  prospectId: number;
  externalId: string;
  name: string;
  campaign: string;
  status: string;
  team: string | null;
  rep: string | null;
  repEmail: string | null;
  reason: string | null;
}

export function leadDeliveryEvent(type: Extract<DeliveryEventType, `lead.${string}`>, m: LeadMove): DeliveryEventInput {
  return {
    type,
    subjectId: m.leadId,
    key: `lead-event:${m.eventId}`,
    data: {
      leadId: m.leadId,
      prospectId: m.prospectId,
      externalId: m.externalId,
      name: m.name,
      campaign: m.campaign,
      status: m.status,
      team: m.team,
      rep: m.rep,
      repEmail: m.repEmail,
      // A reason can be a rep's note: capped so the body stays small.
      reason: m.reason === null ? null : m.reason.slice(0, 500),
    },
    link: `/my/leads/${m.leadId}`,
  };
}

/** The events one action on a lead makes: a hand-over to a rep is an assignment too. */
export function eventsOfAction(action: string, memberChanged: boolean, move: LeadMove): DeliveryEventInput[] {
  const events: DeliveryEventInput[] = [];
  if (action === 'qualify') events.push(leadDeliveryEvent('lead.qualified', move));
  if (action === 'pass-back') events.push(leadDeliveryEvent('lead.passed-back', move));
  if (memberChanged && move.rep !== null) events.push(leadDeliveryEvent('lead.assigned', move));
  return events;
}

export async function recordLeadDeliveries(tx: Tx, events: readonly DeliveryEventInput[]): Promise<void> {
  if (events.length) await recordDeliveryEvents(tx, events);
}
