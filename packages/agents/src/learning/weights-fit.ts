// Fitting scoring weights from labels, and judging weights by the candidate they choose.
// An example is one candidate domain of one prospect in one scan, with the signals the
// agents recorded; its label says whether that domain is the prospect's (from a rep's
// correction or a confident verification). The choice mirrors classify's: among verified
// candidates, the highest authenticity score, then the candidate scorer's order.
import type { CandidateSource } from '../types.ts';
import { fitLogistic, sigmoid, type LogisticFitOptions } from './logistic-fit.ts';
import {
  ACCEPT_PROBABILITY,
  AUTHENTICITY_SIGNALS,
  authenticityScore,
  CANDIDATE_SIGNALS,
  WEIGHTS_V0,
  type AuthenticitySignal,
  type CandidateSignal,
  type ScoringWeights,
  verdictFollowsScore,
} from './scoring-weights.ts';

export interface CandidateExample {
  /** The domain the prospect would get if chosen (the landing domain after redirects). */
  domain: string;
  sources: CandidateSource[];
  /** The candidate scorer's score as stored (under version 0's weights). */
  candidateScore: number;
  /** Authenticity signals; null when no page was judged (nothing answered, parked). */
  signals: Record<AuthenticitySignal, number> | null;
  conflictPenalty: boolean;
  /** Another phone and postal code on the page: never the prospect's, whatever the weights. */
  hardConflict: boolean;
  /** A page answered (verified or rejected; not parked, unreachable or failed). */
  judged: boolean;
  /** The verdict the scan recorded (under the weights it ran with). */
  verified: boolean;
}

export interface ProspectExamples {
  /** Groups one prospect's candidates in one scan ("scanId:prospectId"). */
  key: string;
  /** The prospect's own domain per the label; null: it has none. */
  label: string | null;
  candidates: CandidateExample[];
}

export interface ChoiceFigures {
  prospects: number;
  /** Chosen domain equals the label (null for null counts). */
  accuracy: number;
  accuracyInterval: [number, number];
  /** Of prospects that have a domain, how many got exactly it. */
  rightDomainRate: number;
  /** Of all prospects, how many got a domain that is not theirs. */
  falseDomainRate: number;
  /** Mean log-loss of the authenticity score as a probability, over judged candidates. */
  logLoss: number;
}

export interface FitResult {
  weights: ScoringWeights;
  labels: number;
  examples: number;
  validation: { prospects: number; baseline: ChoiceFigures; fitted: ChoiceFigures; baselineVersion: number };
}

const CONFLICT_PENALTY = 0.3;

function isCorrect(c: CandidateExample, label: string | null): number {
  return label !== null && c.domain.toLowerCase() === label.toLowerCase() ? 1 : 0;
}

function signalVector(signals: Record<AuthenticitySignal, number>): number[] {
  return AUTHENTICITY_SIGNALS.map((s) => signals[s]);
}

function sourceVector(sources: CandidateSource[]): number[] {
  return CANDIDATE_SIGNALS.map((s) => Number(sources.some((src) => (src === 'redirect' ? 'search' : src) === s)));
}

export function candidateAuthenticity(weights: ScoringWeights, c: CandidateExample): number {
  if (!c.signals) return 0;
  const raw = authenticityScore(weights.authenticity, c.signals);
  return c.conflictPenalty ? raw * CONFLICT_PENALTY : raw;
}

/** The candidate scorer's score under other weights: each source rescaled as search does. */
function rescoredCandidate(weights: ScoringWeights, c: CandidateExample): number {
  const factors = c.sources.map((s) => {
    const signal: CandidateSignal = s === 'redirect' ? 'search' : s;
    return weights.candidate.sourceScore[signal] / WEIGHTS_V0.candidate.sourceScore[signal];
  });
  return c.candidateScore * Math.max(0, ...factors);
}

/** Whether verify would pass this candidate under these weights (the rules' recorded verdict under linear ones). */
function passes(weights: ScoringWeights, c: CandidateExample): boolean {
  if (!verdictFollowsScore(weights.authenticity)) return c.verified;
  return c.judged && !c.hardConflict && candidateAuthenticity(weights, c) >= ACCEPT_PROBABILITY;
}

/** The domain classify would give this prospect under these weights. */
export function chooseDomain(weights: ScoringWeights, candidates: readonly CandidateExample[]): string | null {
  const ranked = candidates
    .filter((c) => passes(weights, c))
    .map((c) => ({ c, auth: Math.round(candidateAuthenticity(weights, c) * 1000) / 1000, order: rescoredCandidate(weights, c) }))
    .sort((a, b) => b.auth - a.auth || b.order - a.order || a.c.domain.localeCompare(b.c.domain));
  return ranked[0]?.c.domain ?? null;
}

export function evaluateChoices(weights: ScoringWeights, prospects: readonly ProspectExamples[], seed = 1): ChoiceFigures {
  const outcomes = prospects.map((p) => {
    const chosen = chooseDomain(weights, p.candidates);
    return { right: (chosen?.toLowerCase() ?? null) === (p.label?.toLowerCase() ?? null), hasDomain: p.label !== null, gotRight: p.label !== null && chosen?.toLowerCase() === p.label.toLowerCase(), gotFalse: chosen !== null && chosen.toLowerCase() !== p.label?.toLowerCase() };
  });
  let loss = 0;
  let judged = 0;
  for (const p of prospects) {
    for (const c of p.candidates) {
      if (!c.signals) continue;
      const q = Math.min(0.99, Math.max(0.01, candidateAuthenticity(weights, c)));
      loss -= isCorrect(c, p.label) ? Math.log(q) : Math.log(1 - q);
      judged++;
    }
  }
  const rate = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 0);
  const withDomain = outcomes.filter((o) => o.hasDomain);
  return {
    prospects: prospects.length,
    accuracy: rate(outcomes.map((o) => o.right)),
    accuracyInterval: bootstrapInterval(outcomes.map((o) => o.right), seed),
    rightDomainRate: rate(withDomain.map((o) => o.gotRight)),
    falseDomainRate: rate(outcomes.map((o) => o.gotFalse)),
    logLoss: judged ? loss / judged : 0,
  };
}

/** 95% percentile bootstrap of a rate, deterministic for a seed. */
export function bootstrapInterval(hits: readonly boolean[], seed: number, rounds = 1000): [number, number] {
  if (hits.length === 0) return [0, 0];
  let state = seed >>> 0 || 1;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let sum = 0;
    for (let i = 0; i < hits.length; i++) sum += Number(hits[Math.floor(next() * hits.length)]);
    rates.push(sum / hits.length);
  }
  rates.sort((a, b) => a - b);
  return [rates[Math.floor(rounds * 0.025)]!, rates[Math.ceil(rounds * 0.975) - 1]!];
}

/** Deterministic split by key, so a prospect is never on both sides. */
export function isValidationKey(key: string, share = 0.2): boolean {
  let h = 2166136261;
  for (const ch of key.split(':').pop() ?? key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h / 4294967296 < share;
}

export interface FitWeightsOptions extends LogisticFitOptions {
  version: number;
  /** Weights to compare against on the validation share (default version 0). */
  baseline?: ScoringWeights;
  /** Share of prospects held out for the validation figures (fitted without them). */
  validationShare?: number;
}

/**
 * Fits both weight sets on the training share: the authenticity weights by logistic
 * regression on the judged candidates' signals, the candidate scorer's per-source scores as
 * the fitted probability that a domain seen only from that source is the prospect's.
 */
export function fitScoringWeights(prospects: readonly ProspectExamples[], options: FitWeightsOptions): FitResult {
  const share = options.validationShare ?? 0.2;
  const validation = prospects.filter((p) => share > 0 && isValidationKey(p.key, share));
  const training = prospects.filter((p) => !(share > 0 && isValidationKey(p.key, share)));
  const judged = training.flatMap((p) => p.candidates.filter((c) => c.signals).map((c) => ({ x: signalVector(c.signals!), y: isCorrect(c, p.label) })));
  const all = training.flatMap((p) => p.candidates.map((c) => ({ x: sourceVector(c.sources), y: isCorrect(c, p.label) })));
  const fitOptions = { lambda: options.lambda ?? 1, ...(options.maxIterations ? { maxIterations: options.maxIterations } : {}), ...(options.tolerance ? { tolerance: options.tolerance } : {}) };
  const auth = fitLogistic(judged.map((e) => e.x), judged.map((e) => e.y), fitOptions);
  const cand = fitLogistic(all.map((e) => e.x), all.map((e) => e.y), fitOptions);
  const weights: ScoringWeights = {
    version: options.version,
    authenticity: {
      link: 'logistic',
      intercept: round(auth.intercept),
      weights: Object.fromEntries(AUTHENTICITY_SIGNALS.map((s, j) => [s, round(auth.coefficients[j]!)])) as Record<AuthenticitySignal, number>,
    },
    candidate: {
      sourceScore: Object.fromEntries(CANDIDATE_SIGNALS.map((s, j) => [s, round(Math.min(1, Math.max(0, sigmoid(cand.intercept + cand.coefficients[j]!))))])) as Record<CandidateSignal, number>,
      // Rank is not among the stored features; the decay stays version 0's.
      rankDecay: WEIGHTS_V0.candidate.rankDecay,
    },
  };
  const baseline = options.baseline ?? WEIGHTS_V0;
  return {
    weights,
    labels: training.length,
    examples: judged.length,
    validation: { prospects: validation.length, baseline: evaluateChoices(baseline, validation), fitted: evaluateChoices(weights, validation), baselineVersion: baseline.version },
  };
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
