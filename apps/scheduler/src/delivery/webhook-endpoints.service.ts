// Webhook endpoints and their delivery log, shared by the CLI and the API. Every input is
// checked before anything is written: a bad URL, a private address outside the allow-list,
// an unknown event or a malformed secret is refused with the reason and changes nothing.
import { promises as dns } from 'node:dns';
import net from 'node:net';
import { createAddressPolicy } from '@prospector/agents';
import type { Queue } from 'bullmq';
import { decodeWebhookSecret, DELIVERY_EVENT_TYPES, generateWebhookSecret, isDeliveryEventType, WEBHOOK_JOB, type PrismaClient, type SecretBox } from '@prospector/core';

export class WebhookInputError extends Error {
  override readonly name = 'WebhookInputError';
}

export interface AddEndpointInput {
  url: string;
  events: string[];
  /** whsec_…; generated when absent (and shown once). */
  secret?: string;
}

export interface EndpointPolicy {
  /** CIDRs an endpoint may resolve to although private (WEBHOOK_ALLOW_CIDRS). */
  allowCidrs: readonly string[];
  resolveHost?: (host: string) => Promise<string[]>;
}

export interface EndpointView {
  id: number;
  url: string;
  events: string[];
  status: string;
  disabledReason: string | null;
  failingSince: string | null;
  secrets: number;
  createdAt: string;
}

/** The secret is stored sealed under SECRETS_KEYS when a key is set; it is returned once, as given. */
export async function addWebhookEndpoint(prisma: PrismaClient, input: AddEndpointInput, policy: EndpointPolicy, secrets: SecretBox): Promise<{ endpoint: EndpointView; secret: string }> {
  const url = await checkEndpointUrl(input.url, policy);
  const events = checkEvents(input.events);
  const secret = input.secret ?? generateWebhookSecret();
  try {
    decodeWebhookSecret(secret);
  } catch (error) {
    throw new WebhookInputError(`--secret: ${(error as Error).message}`);
  }
  const row = await prisma.webhookEndpoint.create({ data: { url, events, secrets: [secrets.seal(secret, 'webhook-secret')] } });
  return { endpoint: viewOf(row), secret };
}

export async function listWebhookEndpoints(prisma: PrismaClient): Promise<EndpointView[]> {
  const rows = await prisma.webhookEndpoint.findMany({ orderBy: { id: 'asc' } });
  return rows.map(viewOf);
}

/** Enabling clears the failure clock: the operator has looked at the receiver. */
export async function setWebhookEndpointStatus(prisma: PrismaClient, id: number, status: 'enabled' | 'disabled'): Promise<EndpointView> {
  const existing = await prisma.webhookEndpoint.findUnique({ where: { id } });
  if (!existing) throw new WebhookInputError(`no webhook endpoint with id ${id}`);
  const row = await prisma.webhookEndpoint.update({
    where: { id },
    data: status === 'enabled' ? { status, disabledReason: null, failingSince: null } : { status, disabledReason: 'disabled by an operator' },
  });
  return viewOf(row);
}

export interface DeliveryLogQuery {
  endpointId?: number;
  failed?: boolean;
  limit?: number;
}

export interface DeliveryLogEntry {
  messageId: string;
  endpointId: number;
  eventType: string;
  status: string;
  attempts: { attempt: number; at: string; statusCode: number | null; latencyMs: number; outcome: string; error: string | null; response: string | null }[];
}

export async function listWebhookDeliveries(prisma: PrismaClient, query: DeliveryLogQuery): Promise<DeliveryLogEntry[]> {
  const rows = await prisma.webhookMessage.findMany({
    where: { ...(query.endpointId ? { endpointId: query.endpointId } : {}), ...(query.failed ? { status: { in: ['failed', 'abandoned'] } } : {}) },
    include: { event: { select: { type: true } }, attemptLog: { orderBy: { attempt: 'asc' } } },
    orderBy: { createdAt: 'desc' },
    take: query.limit ?? 100,
  });
  return rows.map((m) => ({
    messageId: m.id,
    endpointId: m.endpointId,
    eventType: m.event.type,
    status: m.status,
    attempts: m.attemptLog.map((a) => ({
      attempt: a.attempt,
      at: a.startedAt.toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      outcome: a.outcome,
      error: a.error,
      response: a.responseExcerpt,
    })),
  }));
}

async function checkEndpointUrl(raw: string, policy: EndpointPolicy): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookInputError(`URL: "${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookInputError(`URL: ${url.protocol} is not http: or https:`);
  if (url.username || url.password) throw new WebhookInputError('URL: credentials in the URL are refused; sign with the secret instead');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [host] : await resolve(host, policy);
  const addressPolicy = createAddressPolicy(policy.allowCidrs);
  for (const address of addresses) {
    const reason = addressPolicy.reason(address);
    if (reason) throw new WebhookInputError(`URL: ${host} resolves to ${address} (${reason}); allow it with WEBHOOK_ALLOW_CIDRS if intended`);
  }
  return url.toString();
}

async function resolve(host: string, policy: EndpointPolicy): Promise<string[]> {
  try {
    const addresses = policy.resolveHost ? await policy.resolveHost(host) : (await dns.lookup(host, { all: true })).map((a) => a.address);
    if (addresses.length === 0) throw new Error('no addresses');
    return addresses;
  } catch {
    throw new WebhookInputError(`URL: cannot resolve ${host}`);
  }
}

function checkEvents(events: string[]): string[] {
  const names = [...new Set(events.map((e) => e.trim()).filter(Boolean))];
  if (names.length === 0) throw new WebhookInputError(`--events: name at least one of ${DELIVERY_EVENT_TYPES.join(', ')}`);
  const unknown = names.filter((e) => !isDeliveryEventType(e));
  if (unknown.length) throw new WebhookInputError(`--events: unknown event(s) ${unknown.join(', ')}; expected ${DELIVERY_EVENT_TYPES.join(', ')}`);
  return names;
}

function viewOf(row: { id: number; url: string; events: string[]; status: string; disabledReason: string | null; failingSince: Date | null; secrets: string[]; createdAt: Date }): EndpointView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    status: row.status,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    secrets: row.secrets.length,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface ReplayQuery {
  messageId?: string;
  since?: Date;
  until?: Date;
  endpointId?: number;
}

/**
 * Sends failed or abandoned messages again, with their own webhook-id and body. Delivered
 * messages are never replayed: a receiver acknowledged them, and sending them again is the
 * duplicate this log exists to prevent. Messages of disabled endpoints wait until enabled.
 */
export async function replayWebhookMessages(prisma: PrismaClient, queue: Queue, query: ReplayQuery): Promise<{ replayed: string[] }> {
  if (!query.messageId && !query.since) throw new WebhookInputError('replay: name a message id or --since');
  if (query.since && query.until && query.until < query.since) throw new WebhookInputError('replay: --until is before --since');
  const where = {
    status: { in: ['failed', 'abandoned'] },
    endpoint: { status: 'enabled' },
    ...(query.messageId ? { id: query.messageId } : {}),
    ...(query.endpointId ? { endpointId: query.endpointId } : {}),
    ...(query.since ? { createdAt: { gte: query.since, ...(query.until ? { lte: query.until } : {}) } } : {}),
  };
  const messages = await prisma.webhookMessage.findMany({ where, select: { id: true }, take: 10_000 });
  if (query.messageId && messages.length === 0) {
    const found = await prisma.webhookMessage.findUnique({ where: { id: query.messageId }, include: { endpoint: { select: { status: true } } } });
    if (!found) throw new WebhookInputError(`no webhook message ${query.messageId}`);
    throw new WebhookInputError(`message ${query.messageId} is ${found.status} (endpoint ${found.endpoint.status}); only failed or abandoned messages of enabled endpoints are replayed`);
  }
  const ids = messages.map((m) => m.id);
  await prisma.webhookMessage.updateMany({ where: { id: { in: ids } }, data: { status: 'pending' } });
  // A fresh job id: the message's earlier job may still sit in the failed set under its own id.
  const stamp = Date.now();
  await queue.addBulk(ids.map((id) => ({ name: WEBHOOK_JOB, data: { messageId: id }, opts: { jobId: `${id}-replay-${stamp}` } })));
  return { replayed: ids };
}
