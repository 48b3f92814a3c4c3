import { describe, expect, it } from 'vitest';
import { WEIGHTS_V0, parseScoringWeights } from './scoring-weights.ts';
import { bootstrapInterval, chooseDomain, evaluateChoices, fitScoringWeights, type CandidateExample, type ProspectExamples } from './weights-fit.ts';
import { seededRandom } from '../../../../test/helpers/seeded-random.ts';

const signals = (over: Partial<NonNullable<CandidateExample['signals']>>) => ({
  name: 0, phone: 0, postalCode: 0, street: 0, city: 0, structuredData: 0, domainResemblance: 0, tldCom: 0, ...over,
});

/**
 * A market where version 0 is deliberately wrong: each business's own site names it loosely
 * but shows its phone; a namesake's .com names it exactly, in the same town, without the
 * phone. Version 0 weighs the name (0.4) over the phone (0.2) and picks the namesake.
 */
function namesakeMarket(seed: number, n: number): ProspectExamples[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const own: CandidateExample = {
      domain: `own${i}.net`, sources: ['search'], candidateScore: 0.5, conflictPenalty: false, hardConflict: false, judged: true, verified: true,
      signals: signals({ name: 0.6 + 0.05 * rand(), phone: 1, domainResemblance: 0.1 + 0.1 * rand() }),
    };
    const namesake: CandidateExample = {
      domain: `namesake${i}.com`, sources: ['search'], candidateScore: 0.6, conflictPenalty: false, hardConflict: false, judged: true, verified: true,
      signals: signals({ name: 0.95 + 0.05 * rand(), city: 1, domainResemblance: 0.9 + 0.1 * rand(), tldCom: 1 }),
    };
    return { key: `1:${i}`, label: own.domain, candidates: rand() < 0.5 ? [own, namesake] : [namesake, own] };
  });
}

describe('fitting the scoring weights', () => {
  it('beats version 0 on held-out prospects where version 0 is deliberately wrong', () => {
    const training = namesakeMarket(1, 300);
    const heldOut = namesakeMarket(2, 200);
    const before = evaluateChoices(WEIGHTS_V0, heldOut);
    const fit = fitScoringWeights(training, { version: 1 });
    const after = evaluateChoices(fit.weights, heldOut);
    expect(before.accuracy).toBeLessThan(0.2);
    expect(after.accuracy).toBeGreaterThan(0.95);
    expect(after.logLoss).toBeLessThan(before.logLoss);
    expect(fit.weights.authenticity.weights.phone).toBeGreaterThan(0);
    expect(fit.validation.fitted.accuracy).toBeGreaterThan(fit.validation.baseline.accuracy);
    // The fitted weights survive a round trip through storage.
    expect(parseScoringWeights(JSON.parse(JSON.stringify(fit.weights)), 'stored')).toEqual(fit.weights);
  });

  it('chooses exactly as classify does under version 0: the verified candidate with the best authenticity', () => {
    const a: CandidateExample = { domain: 'a.com', sources: ['list-website'], candidateScore: 0.85, conflictPenalty: false, hardConflict: false, judged: true, verified: true, signals: signals({ name: 1, phone: 1 }) };
    const b: CandidateExample = { ...a, domain: 'b.com', signals: signals({ name: 1 }) };
    const rejected: CandidateExample = { ...a, domain: 'c.com', verified: false, signals: signals({ name: 1, phone: 1, postalCode: 1, street: 1 }) };
    expect(chooseDomain(WEIGHTS_V0, [b, a, rejected])).toBe('a.com');
    expect(chooseDomain(WEIGHTS_V0, [rejected])).toBeNull();
    // A conflicting location scales the score down, as authenticity.ts does.
    expect(chooseDomain(WEIGHTS_V0, [{ ...a, conflictPenalty: true }, b])).toBe('b.com');
  });

  it('rejects malformed stored weights naming the field', () => {
    expect(() => parseScoringWeights({ ...WEIGHTS_V0, candidate: { ...WEIGHTS_V0.candidate, rankDecay: -1 } }, 'model 3')).toThrow(/model 3: invalid scoring weights at candidate.rankDecay/);
    expect(() => parseScoringWeights({ ...WEIGHTS_V0, authenticity: { ...WEIGHTS_V0.authenticity, weights: { name: 1 } } }, 'm')).toThrow(/authenticity\.weights\.phone/);
  });

  it('gives a bootstrap interval around the rate', () => {
    const hits = Array.from({ length: 400 }, (_, i) => i % 4 !== 0);
    const [low, high] = bootstrapInterval(hits, 5);
    expect(low).toBeLessThan(0.75);
    expect(high).toBeGreaterThan(0.75);
    expect(high - low).toBeLessThan(0.12);
  });
});

describe('verdicts under fitted weights', () => {
  const logistic = { ...WEIGHTS_V0, version: 1, authenticity: { link: 'logistic' as const, intercept: -4, weights: { ...WEIGHTS_V0.authenticity.weights, phone: 5, name: 1 } } };
  const base: CandidateExample = { domain: 'a.com', sources: ['search'], candidateScore: 0.5, conflictPenalty: false, hardConflict: false, judged: true, verified: false, signals: signals({ phone: 1 }) };

  it('follow the fitted probability, not the recorded rules verdict', () => {
    // The rules rejected a page that shows the phone but another name (a renamed business): the fit accepts it.
    expect(chooseDomain(logistic, [base])).toBe('a.com');
    // A page naming the business without tying it to the place: the rules verified it, the fit does not.
    expect(chooseDomain(logistic, [{ ...base, domain: 'b.com', verified: true, signals: signals({ name: 1, city: 1 }) }])).toBeNull();
  });

  it('never pass a page with another phone and postal code, nor one that did not answer', () => {
    expect(chooseDomain(logistic, [{ ...base, hardConflict: true }])).toBeNull();
    expect(chooseDomain(logistic, [{ ...base, judged: false }])).toBeNull();
  });
});
