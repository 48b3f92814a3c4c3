// The search agent: candidate domains for one prospect from its list columns, a search
// engine and its name, each scored; plus social listings and ISP mail hints.
import { PermanentError } from '../errors.ts';
import type { ResolverPort, SearchHit, SearchPort } from '../ports.ts';
import type { ProspectInput, SearchResult, SocialPage } from '../types.ts';
import { mergeSightings, reweightSightings, type Sighting } from './candidate-merge.ts';
import { WEIGHTS_V0, type CandidateWeights } from '../learning/scoring-weights.ts';
import { analyseListColumns } from './list-candidates.ts';
import { findNameCandidates } from './name-candidates.ts';
import { buildProspectClues, buildSearchQueries, type ProspectClues } from './prospect-clues.ts';
import { analyseHits } from './search-hits.ts';

export interface SearchAgentOptions {
  /** Candidates kept after merging, best first. */
  maxCandidates: number;
  /** TLDs tried for name-derived domains, most likely first. */
  tlds: string[];
  /** Labels derived from the name (each tried on every TLD, within the DNS budget). */
  maxNameVariants: number;
  /** Search-engine queries per prospect: 1 (name + town) or 2 (+ name + phone). */
  searchQueries: number;
  /** DNS queries spent on name-derived guesses. */
  maxDnsQueries?: number;
  /** The candidate scorer's weights (a campaign's pinned or latest fitted version; version 0 by default). */
  weights?: CandidateWeights;
}

export interface SearchAgentPorts {
  resolver: ResolverPort;
  search: SearchPort | null;
}

export const DEFAULT_SEARCH_AGENT_OPTIONS: Readonly<Required<SearchAgentOptions>> = {
  maxCandidates: 4,
  tlds: ['com', 'net', 'biz', 'us'],
  maxNameVariants: 3,
  searchQueries: 2,
  maxDnsQueries: 12,
  weights: WEIGHTS_V0.candidate,
};

/** Fails fast on a configuration the agent cannot honour. */
export function validateSearchAgentOptions(options: SearchAgentOptions): Required<SearchAgentOptions> {
  const full = { ...DEFAULT_SEARCH_AGENT_OPTIONS, ...options };
  const intIn = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  if (!intIn(full.maxCandidates, 1, 50)) throw new RangeError('search agent: maxCandidates must be 1..50');
  if (!intIn(full.maxNameVariants, 0, 20)) throw new RangeError('search agent: maxNameVariants must be 0..20');
  if (!intIn(full.searchQueries, 0, 2)) throw new RangeError('search agent: searchQueries must be 0..2');
  if (!intIn(full.maxDnsQueries, 0, 200)) throw new RangeError('search agent: maxDnsQueries must be 0..200');
  if (!full.tlds.every((t) => /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(t))) throw new RangeError('search agent: tlds must be bare TLDs');
  return full;
}

interface SearchOutcome {
  sightings: Sighting[];
  socialPages: SocialPage[];
  queries: string[];
  searchError: string | null;
}

/**
 * Asks the engine each query in turn. RateLimitedError and TransientError propagate so the
 * queue can wait or retry; a PermanentError (bad key, engine refusing JSON) is recorded and
 * the other sources still count.
 */
async function runQueries(search: SearchPort, name: string, clues: ProspectClues, count: number, rankDecay: number, signal?: AbortSignal): Promise<SearchOutcome> {
  const outcome: SearchOutcome = { sightings: [], socialPages: [], queries: buildSearchQueries(clues, count), searchError: null };
  for (const query of outcome.queries) {
    let hits: SearchHit[];
    try {
      hits = await search.search(query, signal);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      outcome.searchError = `${error.kind}: ${error.message}`;
      break;
    }
    const analysis = analyseHits(hits, name, clues, rankDecay);
    outcome.sightings.push(...analysis.sightings);
    outcome.socialPages.push(...analysis.socialPages);
  }
  return outcome;
}

function uniqueSocialPages(pages: SocialPage[]): SocialPage[] {
  const byUrl = new Map<string, SocialPage>();
  for (const page of pages) {
    const key = page.url.toLowerCase().replace(/\/+$/, '');
    const known = byUrl.get(key);
    if (known === undefined || (!known.matched && page.matched)) byUrl.set(key, page);
  }
  return [...byUrl.values()];
}

export async function runSearchAgent(
  prospect: ProspectInput,
  ports: SearchAgentPorts,
  options: SearchAgentOptions,
  signal?: AbortSignal,
): Promise<SearchResult> {
  const settings = validateSearchAgentOptions(options);
  signal?.throwIfAborted();
  const clues = buildProspectClues(prospect);
  const list = analyseListColumns(prospect);
  const searched: SearchOutcome =
    ports.search === null
      ? { sightings: [], socialPages: [], queries: [], searchError: null }
      : await runQueries(ports.search, prospect.name, clues, settings.searchQueries, settings.weights.rankDecay, signal);
  const seen = new Set([...list.sightings, ...searched.sightings].map((s) => s.domain));
  const derived = await findNameCandidates(prospect.name, seen, ports.resolver, settings, signal);
  return {
    candidates: mergeSightings(reweightSightings([...list.sightings, ...searched.sightings, ...derived], settings.weights), settings.maxCandidates),
    socialPages: uniqueSocialPages([...list.socialPages, ...searched.socialPages]),
    ispMailDomains: [...new Set(list.ispMailDomains)],
    queries: searched.queries,
    searchError: searched.searchError,
  };
}
