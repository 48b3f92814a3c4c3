// JSON over the SSRF-safe client for the CRM connectors: the address policy is checked at
// every connect (loopback only through the allow-list), no redirects, a deadline per request
// and a cap on what is read. A failure to get an answer is a CrmRetryError.
import type { Agent } from 'undici';
import { request } from 'undici';
import { messageOf } from '@prospector/agents';
import { createSafeAgent } from '../webhook-http.ts';
import { CrmRetryError } from './crm.types.ts';

export interface CrmHttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or undefined when the body was not JSON. */
  json: unknown;
  text: string;
}

export interface CrmHttp {
  request(method: string, url: string, init: { headers?: Record<string, string>; body?: string; signal?: AbortSignal | undefined }): Promise<CrmHttpResponse>;
  close(): Promise<void>;
}

export interface CrmHttpOptions {
  allowCidrs: readonly string[];
  timeoutMs: number;
  userAgent: string;
  resolveHost?: (host: string) => Promise<string[]>;
}

const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export function createCrmHttp(options: CrmHttpOptions): CrmHttp {
  const agent: Agent = createSafeAgent(options);
  return {
    async request(method, url, init) {
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
      try {
        const response = await request(url, {
          dispatcher: agent,
          method: method as 'GET',
          headers: { accept: 'application/json', 'user-agent': options.userAgent, ...(init.headers ?? {}) },
          ...(init.body === undefined ? {} : { body: init.body }),
          signal,
        });
        const text = await readCapped(response.body);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
        return { status: response.statusCode, headers, json: parseJson(text), text };
      } catch (error) {
        init.signal?.throwIfAborted();
        if (error instanceof CrmRetryError) throw error;
        throw new CrmRetryError(deadline.aborted ? `no answer from ${new URL(url).host} within ${options.timeoutMs} ms` : `${new URL(url).host}: ${messageOf(error)}`, null);
      }
    },
    close: () => agent.close(),
  };
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      throw new CrmRetryError(`response larger than ${MAX_RESPONSE_BYTES} bytes`, null);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** An excerpt of a CRM answer for an error message: short, never the whole body. */
export function excerpt(response: CrmHttpResponse): string {
  return response.text.slice(0, 300);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }, { once: true });
  });
}
