import { describe, expect, it } from 'vitest';
import { mergeSightings, type Sighting } from './candidate-merge.ts';

const s = (domain: string, source: Sighting['source'], score: number, evidence = `${source}:${domain}`): Sighting => ({ domain, source, score, evidence });

describe('mergeSightings', () => {
  it('combines independent sources as a noisy OR', () => {
    const [only] = mergeSightings([s('a.com', 'list-website', 0.8), s('a.com', 'search', 0.5)], 4);
    expect(only).toEqual({ domain: 'a.com', sources: ['list-website', 'search'], score: 0.9, evidence: ['list-website:a.com', 'search:a.com'] });
  });

  it('adds repeated search sightings with diminishing weight', () => {
    const [one] = mergeSightings([s('a.com', 'search', 0.6, 'u1')], 4);
    const [two] = mergeSightings([s('a.com', 'search', 0.6, 'u1'), s('a.com', 'search', 0.6, 'u2')], 4);
    expect(one?.score).toBe(0.6);
    expect(two?.score).toBeCloseTo(0.6 + 0.4 * 0.5 * 0.6, 3);
  });

  it('sorts by score then domain, deduplicates evidence and bounds the list', () => {
    const merged = mergeSightings(
      [s('b.com', 'search', 0.4, 'x'), s('b.com', 'search', 0.1, 'x'), s('a.com', 'search', 0.5), s('c.com', 'list-email', 0.75)],
      2,
    );
    expect(merged.map((c) => c.domain)).toEqual(['c.com', 'a.com']);
    expect(mergeSightings([s('z.com', 'search', 0.5), s('y.com', 'search', 0.5)], 4).map((c) => c.domain)).toEqual(['y.com', 'z.com']);
    expect(mergeSightings([s('b.com', 'search', 0.5, 'x'), s('b.com', 'search', 0.1, 'x')], 1)[0]?.evidence).toEqual(['x']);
  });
});
