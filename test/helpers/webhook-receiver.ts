// A webhook receiver on 127.0.0.1 that checks every request the way Standard Webhooks 1.0
// tells receivers to, written from the spec rather than from our signer: the signed content
// is `id.timestamp.body`, the key is the base64 after `whsec_`, any `v1,` entry of the
// space-separated list may match, the timestamp must be within 5 minutes, and the comparison
// is constant-time. It acknowledges a webhook-id once and treats a repeat as a duplicate.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: number;
  /** The raw `webhook-signature` header, for checking with other verifiers. */
  signature: string;
  body: string;
  verified: boolean;
  /** What this receiver answered. */
  status: number;
  at: number;
}

/** Decides the answer for one request: a status, optional headers, or 'hang' (never answer). */
export type Responder = (request: ReceivedWebhook, seenBefore: number) => { status: number; headers?: Record<string, string> } | 'hang';

export interface WebhookReceiver {
  url(path: string): string;
  received: ReceivedWebhook[];
  /** Requests per webhook-id that this receiver acknowledged with a 2xx. */
  acknowledged(): Map<string, number>;
  respondOn(path: string, responder: Responder): void;
  close(): Promise<void>;
}

const TOLERANCE_SECONDS = 5 * 60;

export function verifyStandardWebhook(secrets: readonly string[], id: string, timestamp: string, signatureHeader: string, body: string, nowSeconds = Date.now() / 1000): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) return false;
  const expected = secrets.map((s) => createHmac('sha256', Buffer.from(s.replace(/^whsec_/, ''), 'base64')).update(`${id}.${timestamp}.${body}`).digest());
  return signatureHeader.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return expected.some((e) => e.length === given.length && timingSafeEqual(e, given));
  });
}

export interface WebhookReceiverOptions {
  /** Listen on this port (one a test kept closed to play a receiver that is down); default: any free one. */
  port?: number;
}

export async function startWebhookReceiver(secretsFor: (path: string) => readonly string[], options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const responders = new Map<string, Responder>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const header = (name: string) => String(req.headers[name] ?? '');
      const body = Buffer.concat(chunks).toString('utf8');
      const entry: ReceivedWebhook = {
        path,
        id: header('webhook-id'),
        timestamp: Number(header('webhook-timestamp')),
        signature: header('webhook-signature'),
        body,
        verified: verifyStandardWebhook(secretsFor(path), header('webhook-id'), header('webhook-timestamp'), header('webhook-signature'), body),
        status: 0,
        at: Date.now(),
      };
      received.push(entry);
      const seenBefore = received.filter((r) => r.id === entry.id && r.status >= 200 && r.status < 300).length;
      const fallback: Responder = () => ({ status: 204 });
      const answer: ReturnType<Responder> = entry.verified ? (responders.get(path) ?? fallback)(entry, seenBefore) : { status: 401 };
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      entry.status = answer.status;
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    acknowledged() {
      const counts = new Map<string, number>();
      for (const r of received) if (r.status >= 200 && r.status < 300) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
      return counts;
    },
    respondOn: (path, responder) => responders.set(path, responder),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
