// Folding sightings of a domain (from the list, the search engine, the name) into one
// scored candidate per domain.
import type { CandidateSource, DomainCandidate } from '../types.ts';
import { WEIGHTS_V0, type CandidateSignal, type CandidateWeights } from '../learning/scoring-weights.ts';

/** One reason to think a domain is the prospect's, with its own 0..1 weight. */
export interface Sighting {
  domain: string;
  source: CandidateSource;
  score: number;
  evidence: string;
}

const SOURCE_ORDER: readonly CandidateSource[] = ['list-website', 'list-email', 'search', 'redirect', 'name-derived'];

/** Repeated search sightings add up, each further one closing half its own share of the gap. */
function combineSameSource(scores: number[]): number {
  const sorted = [...scores].sort((a, b) => b - a);
  let combined = sorted[0] ?? 0;
  for (const score of sorted.slice(1)) combined += (1 - combined) * 0.5 * score;
  return combined;
}

/** Independent sources combine as a noisy OR: each closes its share of the remaining doubt. */
function combineSources(perSource: number[]): number {
  return 1 - perSource.reduce((doubt, score) => doubt * (1 - score), 1);
}

/** The scorer signal a source counts under ('redirect' is a found site, weighed like a search hit). */
function signalOf(source: CandidateSource): CandidateSignal {
  return source === 'redirect' ? 'search' : source;
}

/**
 * Sightings are scored with version 0's per-source weights where they are found; other
 * weights rescale each source, keeping the differences within it (a hit's quality and rank,
 * a derived name with an address over one merely delegated). Version 0 changes nothing.
 */
export function reweightSightings(sightings: Sighting[], weights: CandidateWeights): Sighting[] {
  if (weights === WEIGHTS_V0.candidate) return sightings;
  return sightings.map((s) => {
    const signal = signalOf(s.source);
    const factor = weights.sourceScore[signal] / WEIGHTS_V0.candidate.sourceScore[signal];
    return { ...s, score: Math.min(1, Math.max(0, s.score * factor)) };
  });
}

export function mergeSightings(sightings: Sighting[], maxCandidates: number): DomainCandidate[] {
  const byDomain = new Map<string, Sighting[]>();
  for (const sighting of sightings) {
    const list = byDomain.get(sighting.domain) ?? [];
    list.push(sighting);
    byDomain.set(sighting.domain, list);
  }
  const candidates: DomainCandidate[] = [];
  for (const [domain, list] of byDomain) {
    const sources = SOURCE_ORDER.filter((source) => list.some((s) => s.source === source));
    const perSource = sources.map((source) => combineSameSource(list.filter((s) => s.source === source).map((s) => s.score)));
    candidates.push({
      domain,
      sources,
      score: Math.round(Math.min(1, combineSources(perSource)) * 1000) / 1000,
      evidence: [...new Set(list.map((s) => s.evidence))],
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.domain.localeCompare(b.domain));
  return candidates.slice(0, Math.max(0, maxCandidates));
}
