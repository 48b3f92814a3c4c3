// One GET to a search provider's JSON API, with the provider's failures mapped onto the
// error classes that carry the retry policy. Shared by the SearXNG and Brave clients.
import { request, type Dispatcher } from 'undici';
import { PermanentError, RateLimitedError, TransientError } from '../errors.ts';

export const DEFAULT_RETRY_AFTER_MS = 5000;
/** Search responses are small; a larger body means something is wrong upstream. */
const MAX_BODY_CHARS = 5_000_000;

export interface SearchRequestOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
  /** Provider name for error messages. */
  provider: string;
}

/** Retry-After as delta-seconds or an HTTP date; falls back to the default when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return DEFAULT_RETRY_AFTER_MS;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return DEFAULT_RETRY_AFTER_MS;
  return Math.max(0, date - now);
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Maps a thrown request error: the caller's abort passes through untouched, everything else is transient. */
function mapRequestError(error: unknown, provider: string, timeout: AbortSignal, caller?: AbortSignal): Error {
  if (caller?.aborted === true) return caller.reason instanceof Error ? caller.reason : new Error('aborted', { cause: error });
  const code = errorCode(error);
  if (timeout.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new TransientError(`${provider}: request timed out`, 'timeout', { cause: error });
  }
  return new TransientError(`${provider}: request failed`, 'connection', { cause: error });
}

function mapStatus(status: number, headers: Record<string, string | string[] | undefined>, provider: string): Error {
  if (status === 429) {
    return new RateLimitedError(`${provider}: rate limited`, parseRetryAfter(headers['retry-after']));
  }
  if (status >= 500 || status === 408) return new TransientError(`${provider}: HTTP ${status}`, `http-${status}`);
  return new PermanentError(`${provider}: HTTP ${status}`, `http-${status}`);
}

async function readJson(text: string, provider: string): Promise<unknown> {
  if (text.length > MAX_BODY_CHARS) throw new TransientError(`${provider}: response too large`, 'bad-response');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TransientError(`${provider}: response is not JSON`, 'bad-response', { cause: error });
  }
}

/** GETs `url` and returns its parsed JSON body; throws RateLimitedError, TransientError or PermanentError. */
export async function getSearchJson(url: URL, options: SearchRequestOptions, signal?: AbortSignal): Promise<unknown> {
  signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: 'GET',
      headers: { accept: 'application/json', ...options.headers },
      signal: combined,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
    });
  } catch (error) {
    throw mapRequestError(error, options.provider, timeout, signal);
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    await response.body.dump().catch(() => undefined);
    throw mapStatus(response.statusCode, response.headers, options.provider);
  }
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw mapRequestError(error, options.provider, timeout, signal);
  }
  return readJson(text, options.provider);
}

/** Provider snippets may carry highlight markup (`<strong>`) and entities; keep plain text. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
