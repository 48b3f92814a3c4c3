// SearchPort over a SearXNG instance's JSON API (format=json must be enabled in its settings).
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { TransientError } from '../errors.ts';
import type { SearchHit, SearchPort } from '../ports.ts';
import { getSearchJson, stripMarkup } from '../search/search-request.ts';

export interface SearxngClientOptions {
  baseUrl: string;
  timeoutMs: number;
  dispatcher?: Dispatcher;
  /** Passed as `language` when set (e.g. 'en-US'). */
  language?: string;
}

const responseSchema = z.object({ results: z.array(z.unknown()) });
const resultSchema = z.object({
  url: z.string().min(1),
  title: z.string().nullish(),
  content: z.string().nullish(),
  engine: z.string().nullish(),
});

/** Items with a wrong shape are dropped one by one; only a wrong envelope fails the call. */
function toHits(body: unknown): SearchHit[] {
  const envelope = responseSchema.safeParse(body);
  if (!envelope.success) throw new TransientError('searxng: unexpected response shape', 'bad-response');
  const hits: SearchHit[] = [];
  for (const item of envelope.data.results) {
    const parsed = resultSchema.safeParse(item);
    if (!parsed.success) continue;
    const { url, title, content, engine } = parsed.data;
    hits.push({
      url,
      title: stripMarkup(title ?? ''),
      content: stripMarkup(content ?? ''),
      ...(engine != null ? { engine } : {}),
    });
  }
  return hits;
}

export function createSearxngClient(options: SearxngClientOptions): SearchPort {
  if (!(options.timeoutMs > 0)) throw new RangeError('searxng: timeoutMs must be positive');
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  return {
    async search(query: string, signal?: AbortSignal): Promise<SearchHit[]> {
      const url = new URL(`${basePath}/search`, base);
      url.searchParams.set('q', query);
      url.searchParams.set('format', 'json');
      if (options.language !== undefined) url.searchParams.set('language', options.language);
      const body = await getSearchJson(
        url,
        { provider: 'searxng', timeoutMs: options.timeoutMs, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) },
        signal,
      );
      return toHits(body);
    },
  };
}
