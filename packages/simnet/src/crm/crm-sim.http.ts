// The plumbing the two CRM simulators share: a JSON body reader and a writer, so each
// simulator reads as the API it imitates.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SimRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** The request was applied but no answer is ever sent (a crash between the CRM's commit and its reply reaching us). */
  hang?: boolean;
}

const MAX_BODY = 8 * 1024 * 1024;

export async function readRequest(req: IncomingMessage): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk);
  }
  const url = new URL(req.url ?? '/', 'http://sim');
  return { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
}

export function writeResponse(res: ServerResponse, r: SimResponse): void {
  if (r.hang) return;
  const body = r.body === undefined ? '' : JSON.stringify(r.body);
  res.writeHead(r.status, { 'content-type': 'application/json', ...(r.headers ?? {}) });
  res.end(body);
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** How many times each key was seen, for the tests' "how many times did the CRM see it". */
export function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
