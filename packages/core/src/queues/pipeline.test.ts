import { describe, expect, it } from 'vitest';
import { nextStepsAfterDone, nextStepsAfterFinalFailure } from './pipeline.ts';

const prospect = { scanId: 7, prospectId: 42 };
const verdict = (over: Partial<{ verdict: string; dnsDomains: string[]; confident: boolean }> = {}) => ({ verdict: 'rejected', fetchErrorKind: null, dnsDomains: [], ...over });
const subjects = (jobs: { queueName: string; data?: unknown }[]) => jobs.map((j) => `${j.queueName}:${(j.data as { domain: string }).domain}`);

describe('verification order', () => {
  it('sends only the best-scored candidate to verify, carrying the others', () => {
    const steps = nextStepsAfterDone('search', prospect, { candidates: ['a.com', 'b.com', 'c.com'], mailDomains: ['c.com'] }, 'p');
    expect(subjects(steps.jobs)).toEqual(['verify:a.com']);
    expect(steps.jobs[0]!.data).toMatchObject({ rest: [{ domain: 'b.com' }, { domain: 'c.com', mailDomain: true }] });
  });

  it('verifies the next candidate only, carrying the rest, after a verdict that is not confident', () => {
    const data = { ...prospect, domain: 'a.com', rest: [{ domain: 'b.com' }, { domain: 'c.com', mailDomain: true }] };
    const steps = nextStepsAfterDone('verify', data, verdict({ verdict: 'verified', dnsDomains: ['a.com'], confident: false }), 'p');
    expect(subjects(steps.jobs)).toEqual(['dns:a.com', 'verify:b.com']);
    expect(steps.jobs[1]!.data).toMatchObject({ domain: 'b.com', rest: [{ domain: 'c.com', mailDomain: true }] });
    expect(steps.jobs[1]!.opts?.parent?.id).toBe(steps.jobs[0]!.opts?.parent?.id);
  });

  it('stops at a confident verdict: the later candidates get no fetch', () => {
    const data = { ...prospect, domain: 'b.com', rest: [{ domain: 'c.com' }] };
    const steps = nextStepsAfterDone('verify', data, verdict({ verdict: 'verified', dnsDomains: ['b.com'], confident: true }), 'p');
    expect(subjects(steps.jobs)).toEqual(['dns:b.com']);
  });

  it('goes on to the next candidate when a verify fails for good, and still reads a mail domain', () => {
    const data = { ...prospect, domain: 'a.com', mailDomain: true, rest: [{ domain: 'b.com' }, { domain: 'c.com' }] };
    expect(subjects(nextStepsAfterFinalFailure('verify', data, 'p', true).jobs)).toEqual(['dns:a.com', 'verify:b.com']);
    expect(nextStepsAfterFinalFailure('verify', data, 'p', false).jobs).toEqual([]);
  });

  it('ends the chain at the last candidate', () => {
    expect(nextStepsAfterDone('verify', { ...prospect, domain: 'c.com' }, verdict(), 'p').jobs).toEqual([]);
  });
});
