import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { prospect } from '../classify/classify.fixtures.ts';
import type { ClassifyResult, ProspectInput } from '../types.ts';
import { loadPlaybook, parsePlaybook, PlaybookError, scoreProspect } from './playbook.ts';

const playbook = loadPlaybook();
type Findings = Omit<ClassifyResult, 'score' | 'tier' | 'reasons' | 'spend'>;

function findings(overrides: Partial<Findings> = {}): Findings {
  return {
    presence: 'website',
    domain: 'example.com',
    emailProvider: null,
    emailGateway: null,
    webHost: null,
    dnsProvider: null,
    isp: null,
    ecommercePlatform: null,
    cms: null,
    voipProvider: null,
    confidence: {},
    evidence: {},
    evidenceItems: {},
    unknownReasons: {},
    unknownCodes: {},
    cataloged: {},
    ...overrides,
  };
}
const onIsp = (isp: string, confidence = 0.85, extra: Partial<Findings> = {}): Findings =>
  findings({ isp, confidence: { isp: confidence }, ...extra });

describe('default playbook', () => {
  it('ranks medium-sized customers of poor-service competitors above everyone else', () => {
    const cases: { label: string; result: Findings; prospect: ProspectInput; target: boolean }[] = [
      { label: 'medium, comcast', result: onIsp('comcast-business'), prospect: prospect({ employees: 20 }), target: true },
      { label: 'medium, spectrum, self-hosted', result: onIsp('spectrum', 0.85, { emailProvider: 'self-hosted' }), prospect: prospect({ employees: 480 }), target: true },
      { label: 'medium, frontier', result: onIsp('frontier', 0.6), prospect: prospect({ employees: 75 }), target: true },
      { label: 'medium, verizon (good)', result: onIsp('verizon', 0.9, { ecommercePlatform: 'shopify', voipProvider: 'ringcentral' }), prospect: prospect({ employees: 300 }), target: false },
      { label: 'medium, att (average)', result: onIsp('att', 0.9, { emailProvider: 'self-hosted', voipProvider: '8x8' }), prospect: prospect({ employees: 450 }), target: false },
      { label: 'medium, ISP unknown', result: findings({ ecommercePlatform: 'shopify', voipProvider: 'vonage' }), prospect: prospect({ employees: 400 }), target: false },
      { label: 'medium, non-competitor ISP', result: onIsp('sonic'), prospect: prospect({ employees: 100 }), target: false },
      { label: 'large, comcast', result: onIsp('comcast-business'), prospect: prospect({ employees: 900 }), target: false },
      { label: 'huge, comcast', result: onIsp('comcast-business'), prospect: prospect({ employees: 5000 }), target: false },
      { label: 'small, comcast', result: onIsp('comcast-business', 0.85, { emailProvider: 'self-hosted', voipProvider: 'nextiva' }), prospect: prospect({ employees: 15 }), target: false },
      { label: 'tiny, comcast', result: onIsp('comcast-business'), prospect: prospect({ employees: 3 }), target: false },
      { label: 'size unknown, comcast', result: onIsp('comcast-business'), prospect: prospect({ employees: null, revenue: 10_000_000 }), target: false },
    ];
    const scored = cases.map((c) => ({ ...c, ...scoreProspect(c.result, c.prospect, playbook) }));
    const lowestTarget = Math.min(...scored.filter((s) => s.target).map((s) => s.score));
    for (const other of scored.filter((s) => !s.target)) {
      expect(other.score, `${other.label} (${other.score}) must rank below ${lowestTarget}`).toBeLessThan(lowestTarget);
    }
    for (const t of scored.filter((s) => s.target)) expect(t.tier, t.label).toBe('A');
  });

  it('explains the score in plain words, spend factors included', () => {
    const s = scoreProspect(onIsp('comcast-business', 0.9, { emailProvider: 'self-hosted', ecommercePlatform: 'woocommerce' }), prospect({ employees: 42 }), playbook, { locations: 2 });
    expect(s.reasons).toEqual([
      'Comcast Business customer — competitor with poor service',
      '42 employees — inside the 20–500 target',
      '≈ $1,950/month estimated (above the $1,000 target)',
      'every region is a target',
    ]);
    expect(s.spend).toEqual({
      monthlyUsd: 1950,
      factors: [
        { label: 'base: 20–49 employees', usd: 900 },
        { label: 'on-premises servers (mail)', usd: 300 },
        { label: 'static addresses on comcast-business', usd: 100 },
        { label: 'online shop (woocommerce)', usd: 150 },
        { label: '2 locations', usd: 500 },
      ],
    });
    expect(s.score).toBe(100);
  });

  it('names each poor-rated competitor and says ops should edit the ratings', () => {
    const poor = playbook.competitors.filter((c) => c.quality === 'poor').map((c) => c.slug);
    expect(poor).toEqual(['comcast-business', 'spectrum', 'frontier', 'optimum', 'mediacom', 'windstream', 'brightspeed']);
    expect(playbook.notes?.join(' ')).toMatch(/expected to edit/);
  });

  it('scores regions when the playbook names regional teams', () => {
    const regional = parsePlaybook({ ...playbook, regions: [{ name: 'Ohio Valley', codes: ['OH', 'KY'] }] });
    const inside = scoreProspect(onIsp('comcast-business'), prospect({ region: 'oh' }), regional);
    const outside = scoreProspect(onIsp('comcast-business'), prospect({ region: 'TX' }), regional);
    expect(inside.reasons).toContain('region oh — covered by the Ohio Valley team');
    expect(outside.reasons).toContain('region TX — outside the target regions');
    expect(inside.score).toBeGreaterThan(outside.score);
  });
});

describe('playbook validation', () => {
  const invalid = (patch: Record<string, unknown>): string => {
    try {
      parsePlaybook({ ...playbook, ...patch }, 'ops.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(PlaybookError);
      return (error as Error).message;
    }
    throw new Error('expected parsePlaybook to throw');
  };

  it('names the bad field', () => {
    expect(invalid({ target: { ...playbook.target, employees: { min: 600, max: 500 } } })).toMatch(/ops\.yaml: field target\.employees: min must not exceed max/);
    expect(invalid({ tiers: { A: 50, B: 60, C: 40 } })).toMatch(/field tiers: thresholds must descend/);
    expect(invalid({ competitors: [{ slug: 'cox', name: 'Cox', quality: 'terrible', weight: 1 }] })).toMatch(/field competitors\.0\.quality/);
    expect(invalid({ spend: { ...playbook.spend, baseByEmployees: [{ upTo: 50, usd: 100 }] } })).toMatch(/field spend\.baseByEmployees/);
    expect(invalid({ weights: { size: 0, spend: 0, competitor: 0, region: 0 } })).toMatch(/field weights/);
    expect(invalid({ colour: 'blue' })).toMatch(/colour/);
  });

  it('rejects a competitor listed twice', () => {
    const twice = [{ slug: 'cox', name: 'Cox', quality: 'poor', weight: 1 }, { slug: 'cox', name: 'Cox', quality: 'good', weight: 1 }];
    expect(invalid({ competitors: twice })).toMatch(/listed twice/);
  });

  it('loads a YAML file and reports a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-'));
    try {
      const path = join(dir, 'playbook.yaml');
      writeFileSync(path, dump({ ...playbook, name: 'ohio', tiers: { A: 85, B: 65, C: 45 } }));
      expect(loadPlaybook(path)).toMatchObject({ name: 'ohio', tiers: { A: 85 } });
      writeFileSync(path, 'name: broken\n');
      expect(() => loadPlaybook(path)).toThrow(/field target/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => loadPlaybook('/nonexistent/playbook.yaml')).toThrow(PlaybookError);
  });
});
