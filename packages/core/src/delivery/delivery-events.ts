// The one seam through which a change becomes something delivered: call
// recordDeliveryEvent with the transaction that makes the change, so the event exists
// exactly when the change does (a transactional outbox). The delivery worker fans each
// event out to the webhook endpoints subscribed to its type. Job data and bodies carry
// ids and small facts, never whole records: `link` points at the full record.
import { createHash } from 'node:crypto';
import { Prisma } from '../db/prisma.ts';

export const DELIVERY_EVENT_TYPES = ['scan.completed', 'lead.assigned', 'lead.qualified', 'lead.passed-back', 'prospect.changed'] as const;
export type DeliveryEventType = (typeof DELIVERY_EVENT_TYPES)[number];

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface DeliveryEventInput {
  type: DeliveryEventType;
  /** What the event is about (a scan id, a prospect id): part of the event's identity. */
  subjectId: string | number;
  /**
   * Distinguishes several events of one type about one subject (the lead's assignment id,
   * the change's id). Same (type, subject, key) = same event: recording it again is a no-op.
   */
  key?: string;
  /** Small facts for the receiver (ids, names, tiers), kept well under the 20 kB the spec allows. */
  data: { [key: string]: JsonValue };
  /** Path of the full record under PUBLIC_URL, e.g. `/campaigns/ohio/report`. */
  link?: string;
}

/** The event's stable id, derived from its identity so a retried writer records it once. */
export function deliveryEventId(input: Pick<DeliveryEventInput, 'type' | 'subjectId' | 'key'>): string {
  const digest = createHash('sha256').update(`${input.type}\0${input.subjectId}\0${input.key ?? ''}`).digest('hex');
  return `evt_${digest.slice(0, 32)}`;
}

export function isDeliveryEventType(value: string): value is DeliveryEventType {
  return (DELIVERY_EVENT_TYPES as readonly string[]).includes(value);
}

/** Records the event in the caller's transaction; returns its id. Idempotent by id. */
export async function recordDeliveryEvent(tx: Prisma.TransactionClient, input: DeliveryEventInput): Promise<string> {
  if (!isDeliveryEventType(input.type)) throw new Error(`unknown delivery event type "${String(input.type)}"`);
  const id = deliveryEventId(input);
  const data = input.link ? { ...input.data, link: input.link } : input.data;
  await tx.$executeRaw`
    INSERT INTO "DeliveryEvent" (id, type, "subjectId", data)
    VALUES (${id}, ${input.type}, ${String(input.subjectId)}, ${JSON.stringify(data)}::jsonb)
    ON CONFLICT (id) DO NOTHING`;
  return id;
}

/** Many events in one statement per thousand (a scan's routing or its changes), idempotent by id. */
export async function recordDeliveryEvents(tx: Pick<Prisma.TransactionClient, '$executeRaw'>, inputs: readonly DeliveryEventInput[]): Promise<number> {
  let recorded = 0;
  for (let i = 0; i < inputs.length; i += 1000) {
    const rows = inputs.slice(i, i + 1000).map((input) => {
      if (!isDeliveryEventType(input.type)) throw new Error(`unknown delivery event type "${String(input.type)}"`);
      const data = input.link ? { ...input.data, link: input.link } : input.data;
      return Prisma.sql`(${deliveryEventId(input)}, ${input.type}, ${String(input.subjectId)}, ${JSON.stringify(data)}::jsonb)`;
    });
    recorded += await tx.$executeRaw`
      INSERT INTO "DeliveryEvent" (id, type, "subjectId", data) VALUES ${Prisma.join(rows)}
      ON CONFLICT (id) DO NOTHING`;
  }
  return recorded;
}
