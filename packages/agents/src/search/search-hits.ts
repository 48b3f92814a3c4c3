// Turning search-engine hits into domain sightings and social pages. Directories, social
// networks, platform subdomains and IPs never become candidates.
import { WEIGHTS_V0 } from '../learning/scoring-weights.ts';
import { parse } from 'tldts';
import { nameContainment } from '../names/business-name.ts';
import { domainResemblance } from '../names/domain-variants.ts';
import type { SearchHit } from '../ports.ts';
import type { SocialPage } from '../types.ts';
import type { Sighting } from './candidate-merge.ts';
import { isNeverCandidate, PLATFORM_DOMAINS, socialNetworkOf } from './domain-lists.ts';
import { findMentions, type ProspectClues } from './prospect-clues.ts';

/** A single search hit can make a domain likely, never certain: verify has the last word. */
/** Version 0's search weight; weights of later versions rescale it (see reweightSightings). */
const MAX_HIT_SCORE = WEIGHTS_V0.candidate.sourceScore.search;
/** Share of the business name a social listing's title must carry to be this business's page. */
const SOCIAL_NAME_THRESHOLD = 0.8;

export interface HitAnalysis {
  sightings: Sighting[];
  socialPages: SocialPage[];
}

type HitSite =
  | { kind: 'domain'; domain: string; homepage: boolean }
  | { kind: 'social'; network: string }
  | { kind: 'ignored' };

export function classifyHitUrl(url: string): HitSite {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return { kind: 'ignored' };
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') return { kind: 'ignored' };
  const info = parse(parsedUrl.hostname, { allowPrivateDomains: true });
  // A store on *.myshopify.com or a blog on *.blogspot.com lives on the platform's domain, not its own.
  if (info.isIp === true || info.domain === null || info.isPrivate === true || info.isIcann !== true) return { kind: 'ignored' };
  const domain = info.domain.toLowerCase();
  const network = socialNetworkOf(domain);
  if (network !== null) return { kind: 'social', network };
  if (isNeverCandidate(domain) || PLATFORM_DOMAINS.has(domain)) return { kind: 'ignored' };
  return { kind: 'domain', domain, homepage: parsedUrl.pathname === '/' || parsedUrl.pathname === '' };
}

/** Earlier results count more; with version 0's decay (0.13) the tenth still counts a little under half. */
function rankFactor(rank: number, rankDecay: number): number {
  return 1 / (1 + rankDecay * rank);
}

function hitScore(hit: SearchHit, domain: string, homepage: boolean, rank: number, name: string, clues: ProspectClues, rankDecay: number): number {
  const text = `${hit.title} ${hit.content}`;
  const mentions = findMentions(`${text} ${hit.url}`, clues);
  const quality =
    0.45 * domainResemblance(domain, name) +
    0.2 * nameContainment(name, text) +
    (mentions.city ? 0.15 : 0) +
    (mentions.phone ? 0.25 : 0) +
    (mentions.street ? 0.1 : 0) +
    (homepage ? 0.05 : 0) -
    (mentions.elsewhere && !mentions.city && !mentions.phone ? 0.15 : 0);
  return MAX_HIT_SCORE * Math.min(1, Math.max(0, quality)) * rankFactor(rank, rankDecay);
}

function socialPageOf(hit: SearchHit, network: string, name: string, clues: ProspectClues): SocialPage | null {
  const text = `${hit.title} ${hit.content}`;
  const nameShare = Math.max(nameContainment(name, hit.title), nameContainment(name, text));
  if (nameShare < 0.5) return null;
  const mentions = findMentions(text, clues);
  return {
    url: hit.url,
    network,
    title: hit.title,
    matched: nameShare >= SOCIAL_NAME_THRESHOLD && (mentions.city || mentions.phone),
  };
}

/** Analyses one query's hits, in rank order. */
export function analyseHits(hits: SearchHit[], name: string, clues: ProspectClues, rankDecay = WEIGHTS_V0.candidate.rankDecay): HitAnalysis {
  const sightings: Sighting[] = [];
  const socialPages: SocialPage[] = [];
  hits.forEach((hit, rank) => {
    const site = classifyHitUrl(hit.url);
    if (site.kind === 'social') {
      const page = socialPageOf(hit, site.network, name, clues);
      if (page !== null) socialPages.push(page);
    } else if (site.kind === 'domain') {
      const score = hitScore(hit, site.domain, site.homepage, rank, name, clues, rankDecay);
      sightings.push({ domain: site.domain, source: 'search', score, evidence: hit.url });
    }
  });
  return { sightings, socialPages };
}
