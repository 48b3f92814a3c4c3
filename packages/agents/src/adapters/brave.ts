// SearchPort over the Brave Search web API.
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { TransientError } from '../errors.ts';
import type { SearchHit, SearchPort } from '../ports.ts';
import { getSearchJson, stripMarkup } from '../search/search-request.ts';

export interface BraveClientOptions {
  apiKey: string;
  timeoutMs: number;
  baseUrl?: string;
  dispatcher?: Dispatcher;
  /** Results per query (Brave allows up to 20). */
  count?: number;
  /** Two-letter country code to bias results, e.g. 'us'. */
  country?: string;
}

const responseSchema = z.object({
  web: z.object({ results: z.array(z.unknown()) }).optional(),
});
const resultSchema = z.object({
  url: z.string().min(1),
  title: z.string().nullish(),
  description: z.string().nullish(),
});

/** Brave omits `web` when nothing matched; items with a wrong shape are dropped one by one. */
function toHits(body: unknown): SearchHit[] {
  const envelope = responseSchema.safeParse(body);
  if (!envelope.success) throw new TransientError('brave: unexpected response shape', 'bad-response');
  const hits: SearchHit[] = [];
  for (const item of envelope.data.web?.results ?? []) {
    const parsed = resultSchema.safeParse(item);
    if (!parsed.success) continue;
    hits.push({
      url: parsed.data.url,
      title: stripMarkup(parsed.data.title ?? ''),
      content: stripMarkup(parsed.data.description ?? ''),
      engine: 'brave',
    });
  }
  return hits;
}

export function createBraveClient(options: BraveClientOptions): SearchPort {
  if (options.apiKey === '') throw new RangeError('brave: apiKey is required');
  if (!(options.timeoutMs > 0)) throw new RangeError('brave: timeoutMs must be positive');
  const base = new URL(options.baseUrl ?? 'https://api.search.brave.com');
  const basePath = base.pathname.replace(/\/+$/, '');
  const count = Math.min(20, Math.max(1, options.count ?? 20));
  return {
    async search(query: string, signal?: AbortSignal): Promise<SearchHit[]> {
      const url = new URL(`${basePath}/res/v1/web/search`, base);
      url.searchParams.set('q', query);
      url.searchParams.set('count', String(count));
      if (options.country !== undefined) url.searchParams.set('country', options.country);
      const body = await getSearchJson(
        url,
        {
          provider: 'brave',
          timeoutMs: options.timeoutMs,
          headers: { 'x-subscription-token': options.apiKey },
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        },
        signal,
      );
      return toHits(body);
    },
  };
}
