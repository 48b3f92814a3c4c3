// POSTs one signed webhook through the crawler's SSRF guard: the address policy is checked at
// every connect and the socket pinned to the checked address (safe-http-connector.ts). No
// redirects are followed (a 3xx is a failed attempt, as the spec says), the whole exchange has
// a deadline, and only a short excerpt of the response is read.
import { promises as dns } from 'node:dns';
import { Agent, request } from 'undici';
import { createAddressPolicy } from '@prospector/agents';
import { createSafeConnector } from '@prospector/agents';
import { messageOf } from '@prospector/agents';

export interface WebhookPostOptions {
  allowCidrs: readonly string[];
  timeoutMs: number;
  userAgent: string;
  resolveHost?: (host: string) => Promise<string[]>;
}

export type WebhookPostResult =
  | { kind: 'response'; statusCode: number; retryAfterMs: number | null; excerpt: string; latencyMs: number }
  | { kind: 'error'; error: string; latencyMs: number };

export interface WebhookPoster {
  post(url: string, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<WebhookPostResult>;
  close(): Promise<void>;
}

const EXCERPT_BYTES = 1024;

/** An undici Agent whose every connection goes through the crawler's SSRF guard (shared by webhooks and CRM pushes). */
export function createSafeAgent(options: { allowCidrs: readonly string[]; timeoutMs: number; resolveHost?: ((host: string) => Promise<string[]>) | undefined }): Agent {
  return new Agent({
    connect: createSafeConnector({
      policy: createAddressPolicy(options.allowCidrs),
      resolveHost: options.resolveHost ?? resolveWithSystem,
      connectTimeoutMs: Math.min(options.timeoutMs, 5_000),
      secureContext: undefined,
      ports: { http: 80, https: 443 },
      onConnection: () => undefined,
    }),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
}

export function createWebhookPoster(options: WebhookPostOptions): WebhookPoster {
  const agent = createSafeAgent(options);
  return {
    async post(url, headers, body, signal) {
      const started = performance.now();
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
      try {
        const response = await request(url, {
          dispatcher: agent,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'user-agent': options.userAgent },
          body,
          signal: combined,
        });
        const excerpt = await readExcerpt(response.body);
        const retryAfter = response.headers['retry-after'];
        return {
          kind: 'response',
          statusCode: response.statusCode,
          retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
          excerpt,
          latencyMs: Math.round(performance.now() - started),
        };
      } catch (error) {
        signal?.throwIfAborted();
        const message = deadline.aborted ? `no answer within ${options.timeoutMs} ms` : messageOf(error);
        return { kind: 'error', error: message, latencyMs: Math.round(performance.now() - started) };
      }
    },
    close: () => agent.close(),
  };
}

async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= EXCERPT_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
}

/** `Retry-After` is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

async function resolveWithSystem(host: string): Promise<string[]> {
  const answers = await dns.lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}
