// The weights of the candidate scorer (search) and the authenticity check (verify), as data:
// version 0 is the hand-set values the agents shipped with; later versions are fitted from
// reps' corrections and confident verifications (see weights-fit.ts) and stored per version.
import { z } from 'zod';

/** Signals of the authenticity check, each 0..1 (booleans as 0/1). */
export const AUTHENTICITY_SIGNALS = ['name', 'phone', 'postalCode', 'street', 'city', 'structuredData', 'domainResemblance', 'tldCom'] as const;
export type AuthenticitySignal = (typeof AUTHENTICITY_SIGNALS)[number];

/** Where a candidate domain was seen, as the candidate scorer weighs it. */
export const CANDIDATE_SIGNALS = ['list-website', 'list-email', 'search', 'name-derived'] as const;
export type CandidateSignal = (typeof CANDIDATE_SIGNALS)[number];

export interface AuthenticityWeights {
  /**
   * `linear`: score = clamp(intercept + Σ w·x, 0, 1) (version 0's weighted sum);
   * `logistic`: score = σ(intercept + Σ w·x), a probability that the site is the prospect's.
   */
  link: 'linear' | 'logistic';
  intercept: number;
  weights: Record<AuthenticitySignal, number>;
}

export interface CandidateWeights {
  /** Each source's own 0..1 belief that the domain is the prospect's; sources combine by noisy OR. */
  sourceScore: Record<CandidateSignal, number>;
  /** How fast a search hit's weight falls with its rank: 1 / (1 + rankDecay·rank). */
  rankDecay: number;
}

export interface ScoringWeights {
  version: number;
  authenticity: AuthenticityWeights;
  candidate: CandidateWeights;
}

/** The hand-set values (authenticity.ts, list-candidates.ts, search-hits.ts, name-candidates.ts before weights were data). */
export const WEIGHTS_V0: ScoringWeights = Object.freeze({
  version: 0,
  authenticity: {
    link: 'linear',
    intercept: 0,
    weights: { name: 0.4, phone: 0.2, postalCode: 0.1, street: 0.1, city: 0.05, structuredData: 0.1, domainResemblance: 0.05, tldCom: 0 },
  },
  candidate: {
    sourceScore: { 'list-website': 0.85, 'list-email': 0.75, search: 0.85, 'name-derived': 0.3 },
    rankDecay: 0.13,
  },
}) as ScoringWeights;

const finite = z.number().finite();
const unit = z.number().min(0).max(1);
const schema = z.object({
  version: z.number().int().min(0),
  authenticity: z.object({
    link: z.enum(['linear', 'logistic']),
    intercept: finite,
    weights: z.object(Object.fromEntries(AUTHENTICITY_SIGNALS.map((s) => [s, finite])) as Record<AuthenticitySignal, typeof finite>).strict(),
  }).strict(),
  candidate: z.object({
    sourceScore: z.object(Object.fromEntries(CANDIDATE_SIGNALS.map((s) => [s, unit])) as Record<CandidateSignal, typeof unit>).strict(),
    rankDecay: z.number().min(0).max(10),
  }).strict(),
}).strict();

/** Weights read from storage: a malformed row is an error naming the field, never silently version 0. */
export function parseScoringWeights(value: unknown, label: string): ScoringWeights {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${label}: invalid scoring weights at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown'}`);
  }
  return parsed.data;
}

/**
 * Under fitted (logistic) weights the score is the probability that the site is the
 * prospect's: the verdict follows it, above even odds. Version 0's linear sum is no
 * probability, and its verdict stays the hand-written rules'.
 */
export const ACCEPT_PROBABILITY = 0.5;

export function verdictFollowsScore(w: AuthenticityWeights): boolean {
  return w.link === 'logistic';
}

/** The authenticity score of a set of signals under these weights, 0..1. */
export function authenticityScore(w: AuthenticityWeights, signals: Record<AuthenticitySignal, number>): number {
  let z = w.intercept;
  for (const s of AUTHENTICITY_SIGNALS) z += w.weights[s] * signals[s];
  return w.link === 'logistic' ? 1 / (1 + Math.exp(-z)) : Math.min(1, Math.max(0, z));
}
